// Page helpers for end-to-end tests: wait for what a wall screen reflects on <muster-screen>, log in to a console.
import type { ElementHandle, Page } from 'puppeteer-core';
import { join } from 'node:path';
import type { TestHub } from './hub.ts';
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

/**
 * What keeps a text element from being read whole, or nothing: its box must lie inside the viewport and inside every
 * ancestor that clips (across shadow roots), and the browser must find the element itself at its centre and near each
 * corner (so no band, notice or map lies over it).
 */
export async function hiddenPart(note: ElementHandle): Promise<string | null> {
  return note.evaluate((el) => {
    const box = el.getBoundingClientRect();
    if (box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth) return 'outside the viewport';
    if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) return 'its own text overflows';
    for (let node: Node | null = el.parentNode; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
      if (!(node instanceof Element)) continue;
      const style = getComputedStyle(node);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const clip = node.getBoundingClientRect();
      if (box.top < clip.top - 1 || box.bottom > clip.bottom + 1 || box.left < clip.left - 1 || box.right > clip.right + 1) return `clipped by ${node.tagName.toLowerCase()}.${node.className}`;
    }
    const root = el.getRootNode() as ShadowRoot;
    const points = [
      [box.left + box.width / 2, box.top + box.height / 2],
      [box.left + 3, box.top + 3],
      [box.right - 3, box.top + 3],
      [box.left + 3, box.bottom - 3],
      [box.right - 3, box.bottom - 3],
    ];
    for (const [x, y] of points) {
      const hit = root.elementFromPoint(x!, y!);
      if (hit !== el && !el.contains(hit)) return `covered at ${Math.round(x!)},${Math.round(y!)} by ${hit?.tagName.toLowerCase()}.${hit?.className}`;
    }
    return null;
  });
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
   * says ("1 / 2", or "" with one page), how many steps it has and which of them (by index) are shown whole. */
  takeovers: { language: string; pages: number; pageLabel: string; steps: number; stepsShown: number[] }[];
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
  return page.evaluate(() => {
    const inside = (box: DOMRect, clip: DOMRect) => box.top >= clip.top - 1 && box.bottom <= clip.bottom + 1 && box.left >= clip.left - 1 && box.right <= clip.right + 1;
    const apart = (box: DOMRect, clip: DOMRect) => box.bottom <= clip.top + 1 || box.top >= clip.bottom - 1 || box.right <= clip.left + 1 || box.left >= clip.right - 1;
    const hidden = (el: Element): string | null => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return 'not shown';
      if (!inside(box, new DOMRect(0, 0, innerWidth, innerHeight))) return 'outside the viewport';
      // Heavy capitals rise a little above a tight line box; more than that is a line running out of its box.
      const slack = (getComputedStyle(el).overflow === 'visible' ? 0.35 : 0) * parseFloat(getComputedStyle(el).fontSize) + 1;
      if (el.scrollHeight > el.clientHeight + slack || el.scrollWidth > el.clientWidth + 1) return 'its own text overflows';
      for (let node: Node | null = el.parentNode; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
        if (!(node instanceof Element)) continue;
        const style = getComputedStyle(node);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        if (!inside(box, node.getBoundingClientRect())) return `clipped by ${node.tagName.toLowerCase()}.${node.className}`;
      }
      // The centre and towards each corner (not into it: rounded corners are not hit). Hit-tested in the document, so
      // that anything on top counts, whichever shadow root it is in.
      const points = [
        [box.left + box.width / 2, box.top + box.height / 2],
        [box.left + box.width * 0.15, box.top + box.height * 0.2],
        [box.right - box.width * 0.15, box.top + box.height * 0.2],
        [box.left + box.width * 0.15, box.bottom - box.height * 0.2],
        [box.right - box.width * 0.15, box.bottom - box.height * 0.2],
      ];
      for (const [x, y] of points) {
        // At every level, from the text's own shadow root out to the document, the browser must find the text (or
        // the element hosting it) at this point: nothing in any tree lies over it.
        let target: Element = el;
        for (let root = el.getRootNode() as Document | ShadowRoot; ; ) {
          const hit = root.elementFromPoint(x!, y!);
          if (!hit || !(hit === target || target.contains(hit))) return `covered at ${Math.round(x!)},${Math.round(y!)} by ${hit?.tagName.toLowerCase()}.${hit?.className}`;
          if (!(root instanceof ShadowRoot)) break;
          target = root.host;
          root = target.getRootNode() as Document | ShadowRoot;
        }
      }
      return null;
    };
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
        const problem = hidden(el);
        if (problem) problems.push(`[${takeover.language}] "${el.textContent!.trim().slice(0, 40)}": ${problem}`);
        else if (el.tagName === 'LI' && onPager) stepsShown.push(steps.indexOf(el as HTMLLIElement));
      }
      const label = takeover.shadowRoot!.querySelector('[data-test="steps-page"]');
      return { language: takeover.language, pages: takeover.pages, pageLabel: label?.textContent!.trim() ?? '', steps: steps.length, stepsShown };
    });
    return { takeovers, problems };
  });
}
