// Page helpers for end-to-end tests: wait for what a wall screen reflects on <muster-screen>, log in to a console.
import type { ElementHandle, Page } from 'puppeteer-core';
import { join } from 'node:path';
import type { TestHub } from './hub.ts';
import { installWhatHides } from './what-hides.ts';
import { PASSWORDS } from './hub.ts';

export const byTest = (name: string) => `[data-test="${name}"]`;

/** Inside the screen's shadow roots. */
export const inScreen = (name: string) => `muster-screen >>> ${byTest(name)}`;

/** Wait until <muster-screen> reflects every `data-*` value given (mode, drill, connection, seq, route). */
export async function waitForScreen(page: Page, want: Record<string, string>, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const el = document.querySelector('muster-screen');
      return !!el && Object.entries(expected).every(([key, value]) => el.getAttribute(`data-${key}`) === value);
    },
    { timeout, polling: 50 },
    want,
  );
}

export async function logInToConsole(page: Page, hub: TestHub, username: keyof typeof PASSWORDS, path = '/console/'): Promise<void> {
  await page.goto(`${hub.origin}${path}`);
  await page.waitForSelector(byTest('login-username'));
  await page.type(byTest('login-username'), username);
  await page.type(byTest('login-password'), PASSWORDS[username]);
  await page.click(byTest('login-submit'));
  await page.waitForSelector(byTest('logout'));
}

/** Replace what a field holds with `text`, as a person would: select all, delete, type. */
export async function typeInto(page: Page, name: string, text: string): Promise<void> {
  await page.click(byTest(name), { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(byTest(name), text);
}

/** The text of a `data-test` element, trimmed. */
export const textOf = (page: Page, name: string) => page.$eval(byTest(name), (el) => el.textContent!.trim());

/** Everything <muster-screen> shows, through the shadow roots of its parts. */
export const screenText = (page: Page) =>
  page.$eval('muster-screen', (root) => {
    const texts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent ?? '');
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      node.childNodes.forEach(walk);
    };
    walk(root);
    return texts.join(' ');
  });

/** What keeps a text element from being read whole, or nothing (see what-hides.ts). */
export async function hiddenPart(note: ElementHandle): Promise<string | null> {
  await installWhatHides(note.frame.page());
  return note.evaluate((el) => musterWhatHides(el));
}

/** Where a test keeps its screenshots for people to look at: MUSTER_ARTEFACTS, or test-artefacts/ in the repository. */
export function artefactsDir(name: string): string {
  return join(process.env.MUSTER_ARTEFACTS ?? join(import.meta.dirname, '..', '..', 'test-artefacts'), name);
}

/** Let the page finish what it was asked to draw: two animation frames (the second one follows a paint). */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

export interface TakeoverTexts {
  /** Per takeover on the screen (two when two languages stand side by side): its pages of steps, what its page label
   * says ("1 / 2", or "" with one page), how many steps it has and which of them (by index) are shown whole, and, on
   * its first page, whether every step would be whole there once the page label is gone (then it pages for nothing). */
  takeovers: { language: string; pages: number; pageLabel: string; steps: number; stepsShown: number[]; fitsOnePage: boolean }[];
  /** Each text that is not whole: its first words and what hides it. */
  problems: string[];
}

/**
 * Turn the takeover(s) to page `n` of their steps and check every text they show (through the shadow roots of their
 * parts, the map's labels aside): inside the viewport, not overflowing itself, inside every ancestor that clips, and
 * the element the browser hits at its centre and near its corners. A step wholly outside the steps' page is on
 * another page; one partly outside is cut.
 */
export async function takeoverTexts(page: Page, n: number): Promise<TakeoverTexts> {
  await page.evaluate(async (pageIndex) => {
    for (const takeover of document.querySelector('muster-screen')!.shadowRoot!.querySelectorAll('screen-mode-takeover')) {
      takeover.page = Math.min(pageIndex, takeover.pages - 1);
      await takeover.updateComplete;
    }
  }, n);
  await settle(page);
  await installWhatHides(page);
  return page.evaluate(() => {
    const apart = (box: DOMRect, clip: DOMRect) => box.bottom <= clip.top + 1 || box.top >= clip.bottom - 1 || box.right <= clip.left + 1 || box.left >= clip.right - 1;
    const problems: string[] = [];
    const takeovers = [...document.querySelector('muster-screen')!.shadowRoot!.querySelectorAll('screen-mode-takeover')].map((takeover) => {
      const texts: Element[] = [];
      const walk = (node: Node) => {
        if (node instanceof Element && node.tagName === 'SCREEN-FLOOR-MAP') return;
        if (node instanceof Element && [...node.childNodes].some((child) => child.nodeType === Node.TEXT_NODE && child.textContent!.trim() !== '')) texts.push(node);
        if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
        node.childNodes.forEach(walk);
      };
      walk(takeover.shadowRoot!);
      const pager = takeover.shadowRoot!.querySelector('[data-pager]');
      const steps = pager ? [...pager.querySelectorAll('li')] : [];
      const stepsShown: number[] = [];
      for (const el of texts) {
        const onPager = pager?.contains(el);
        // A text wholly beyond the steps' frame is on another page.
        if (onPager && apart(el.getBoundingClientRect(), pager!.getBoundingClientRect())) continue;
        const problem = musterWhatHides(el);
        if (problem) problems.push(`[${takeover.language}] "${el.textContent!.trim().slice(0, 40)}": ${problem}`);
        else if (el.tagName === 'LI' && onPager) stepsShown.push(steps.indexOf(el as HTMLLIElement));
      }
      const label = takeover.shadowRoot!.querySelector<HTMLElement>('[data-test="steps-page"]');
      const pageLabel = label?.textContent!.trim() ?? '';
      // The label takes room from the steps: laid out without it, would they all be whole on the first page?
      let fitsOnePage = steps.length > 0 && takeover.page === 0;
      if (fitsOnePage && label) {
        label.hidden = true;
        const frame = pager!.getBoundingClientRect();
        fitsOnePage = steps.every((step) => {
          const box = step.getBoundingClientRect();
          return box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1 && box.left >= frame.left - 1 && box.right <= frame.right + 1;
        });
        label.hidden = false;
      }
      return { language: takeover.language, pages: takeover.pages, pageLabel, steps: steps.length, stepsShown, fitsOnePage };
    });
    return { takeovers, problems };
  });
}
