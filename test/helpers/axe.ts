// Runs axe-core (Deque's WCAG rules engine) inside a page under test and words what it finds, so a failing test
// says which rule broke, where, and how to fix it.
import axe from 'axe-core';
import type { NodeResult, Result } from 'axe-core';
import type { Page } from 'puppeteer-core';

/** The impacts no page may have (issue 10): a serious or critical problem keeps someone from using the page. */
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/** A node's selector path: through shadow roots (the wall screen's lit elements) it is one selector per root. */
const whereIs = (node: NodeResult) => node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(' → ');

const impactOf = (violation: Result, node: NodeResult) => node.impact ?? violation.impact ?? 'unknown';

/** One line per blocking node: rule, impact, the rule's help, where, and axe's own summary of what to fix. */
function describeBlocking(violation: Result): string[] {
  return violation.nodes
    .filter((node) => BLOCKING_IMPACTS.has(impactOf(violation, node)))
    .map((node) => `${violation.id} (${impactOf(violation, node)}): ${violation.help} at ${whereIs(node)}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`);
}

/**
 * Every serious or critical WCAG problem axe finds in the page as it is now, including open shadow roots and the
 * page's frames (axe is put into each, so the top frame's run takes their results in). An empty list is a pass.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  // Through DevTools rather than a <script> tag, so the page under test is not changed by more than `window.axe`.
  for (const frame of page.frames()) {
    if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axe.source);
  }
  const violations = await page.evaluate(async () => {
    const results = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return results.violations;
  });
  return violations.flatMap(describeBlocking);
}
