// The one in-page check of whether a text can be read whole, shared by every test that asks it (a note, the
// takeover's texts, a slide's lines). It runs inside the page, so it is installed there as source text.
import type { Page } from 'puppeteer-core';

declare global {
  // eslint-disable-next-line no-var
  var musterWhatHides: typeof whatHides;
}

/**
 * What keeps `box` (an element's box, or one line of its text) from being read whole, or null: it must have a size, lie
 * inside the viewport, not overflow its own element (when `ownText`), lie inside every ancestor that clips (across
 * shadow roots), and the browser must find the element at its centre and towards each corner at every level from its
 * own shadow root out to the document, so that no band, notice or map in any tree lies over it.
 *
 * Self-contained: it is sent into the page as source, so it may use nothing from this module.
 */
function whatHides(el: Element, box: DOMRect = el.getBoundingClientRect(), ownText = true): string | null {
  const inside = (inner: DOMRect, outer: DOMRect) =>
    inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1 && inner.left >= outer.left - 1 && inner.right <= outer.right + 1;
  if (box.width === 0 || box.height === 0) return 'not shown';
  if (!inside(box, new DOMRect(0, 0, innerWidth, innerHeight))) return 'outside the viewport';
  if (ownText) {
    // Heavy capitals rise a little above a tight line box; more than that is a line running out of its box.
    const style = getComputedStyle(el);
    const slack = (style.overflow === 'visible' ? 0.35 : 0) * parseFloat(style.fontSize) + 1;
    if (el.scrollHeight > el.clientHeight + slack || el.scrollWidth > el.clientWidth + 1) return 'its own text overflows';
  }
  for (let node: Node | null = el.parentNode; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (!(node instanceof Element)) continue;
    const style = getComputedStyle(node);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    if (!inside(box, node.getBoundingClientRect())) return `clipped by ${node.tagName.toLowerCase()}.${node.className}`;
  }
  // The centre and towards each corner (not into it: rounded corners are not hit).
  const points = [
    [box.left + box.width / 2, box.top + box.height / 2],
    [box.left + box.width * 0.15, box.top + box.height * 0.2],
    [box.right - box.width * 0.15, box.top + box.height * 0.2],
    [box.left + box.width * 0.15, box.bottom - box.height * 0.2],
    [box.right - box.width * 0.15, box.bottom - box.height * 0.2],
  ] as const;
  for (const [x, y] of points) {
    let target: Element = el;
    for (let root = el.getRootNode() as Document | ShadowRoot; ; ) {
      const hit = root.elementFromPoint(x, y);
      if (!hit || !(hit === target || target.contains(hit))) return `covered at ${Math.round(x)},${Math.round(y)} by ${hit?.tagName.toLowerCase()}.${hit?.className}`;
      if (!(root instanceof ShadowRoot)) break;
      target = root.host;
      root = target.getRootNode() as Document | ShadowRoot;
    }
  }
  return null;
}

/** Put `musterWhatHides` in the page (again after every navigation: cheap, and a reload forgets it). */
export async function installWhatHides(page: Page): Promise<void> {
  // A string evaluated over the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(`globalThis.musterWhatHides = ${whatHides.toString()}`);
}
