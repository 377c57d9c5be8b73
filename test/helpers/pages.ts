// Page helpers for end-to-end tests: wait for what a wall screen reflects on <muster-screen>, log in to a console.
import type { ElementHandle, Page } from 'puppeteer-core';
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
