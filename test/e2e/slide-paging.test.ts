// Long slides page, visibly: the longest announcement (2000 characters) and the longest bell schedule (20 rows) on a
// screen with a map beside them and on one without, at 1920 × 1080, 800 × 480 and 1080 × 1920. On every page, every
// text of the normal view must be whole: inside the viewport and every ancestor that clips, and what the browser
// hits at its centre and corners; each line of the slide's body must be whole on one of its pages, and the pages say
// "1 / 3". The pages turn by the clock: the test sets the screen's clock (Date.now) to a moment of each page.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { screenPath, startTestHub, type TestHub } from '../helpers/hub.ts';
import { artefactsDir, settle, waitForScreen } from '../helpers/pages.ts';
import { installWhatHides } from '../helpers/what-hides.ts';

const SIZES = [
  [1920, 1080],
  [800, 480],
  [1080, 1920],
] as const;

/** The east hallway's screen keeps its place on the plan (a map beside the slide); the gym's loses it. */
const SCREENS = { map: 'main-1-east', plain: 'gym' } as const;

const schedule = { startDate: null, endDate: null, days: [], from: null, until: null };
const targets = [{ kind: 'building', buildingId: 'main' }];
/** Each slide's time on screen: long enough that a page stays up while it is checked. */
const DURATION = 300;

/** An announcement of paragraphs, some words in bold, exactly the 2000 characters an admin may type. */
function longAnnouncement(): string {
  const sentences = [
    'Picture day is on Thursday in the library: bring the **order form** signed by a parent.',
    'The late bus leaves at 4:15 from the bus loop on Elm Street; sign up at the front office before lunch.',
    'Lost and found is by the gym doors and will be emptied on Friday afternoon.',
    'Basketball tryouts start Monday after school in the gym; wear sneakers and bring water.',
    'The book fair runs all week in the cafeteria, from 8:00 to 3:30.',
  ];
  let text = '';
  for (let i = 0; text.length < 2000; i++) text += (i % 3 === 2 ? '\n\n' : i === 0 ? '' : ' ') + sentences[i % sentences.length];
  // Cut at 2000, never on a blank (the hub trims the text).
  return text.slice(0, 1999) + '.';
}

const ROWS = Array.from({ length: 20 }, (_, i) => ({ label: i % 2 === 0 ? `Period ${i / 2 + 1}` : `Passing time after period ${(i + 1) / 2}`, time: `${String(8 + Math.floor(i / 3)).padStart(2, '0')}:${String((i % 3) * 20).padStart(2, '0')}` }));

/** In rotation order: the slide at index i shows from i × DURATION seconds into the cycle. */
const SLIDES = [
  { kind: 'announcement', id: 'long-news', title: 'News for families this week', text: longAnnouncement() },
  { kind: 'bell-schedule', id: 'bells', title: 'Bell schedule', rows: ROWS },
  { kind: 'announcement', id: 'short-news', title: 'Welcome back', text: 'Have a **great** week.' },
  { kind: 'floor-map', id: 'plan', title: '2nd floor', floorId: 'main-2' },
].map((slide, order) => ({ ...slide, targets, schedule, order, durationSeconds: DURATION }));
const CYCLE_MS = SLIDES.length * DURATION * 1000;

let hub: TestHub;
let browser: TestBrowser;
const pages = new Map<keyof typeof SCREENS, Page>();
const shots = artefactsDir('slide-paging');

beforeAll(async () => {
  expect(SLIDES[0]!.text).toHaveLength(2000);
  hub = await startTestHub();
  const admin = await hub.login('admin');
  // The gym's screen loses its place on the map: a real site file round trip.
  const file = (await hub.api('/api/site/export', { cookie: admin })).body;
  file.wayfinding.screens = file.wayfinding.screens.filter((s: { screenId: string }) => s.screenId !== SCREENS.plain);
  expect((await hub.api('/api/site/import', { method: 'POST', cookie: admin, body: file })).status).toBe(200);
  const published = await hub.api('/api/content', { method: 'PUT', cookie: admin, body: { baseRevision: 0, slides: SLIDES } });
  expect(published.status).toBe(200);
  browser = await launchBrowser();
  for (const [key, screenId] of Object.entries(SCREENS) as [keyof typeof SCREENS, string][]) {
    const page = await browser.browser.newPage();
    // The screen's clock, which the test sets: Date.now() is `__testNow` when there is one.
    await page.evaluateOnNewDocument(() => {
      const realNow = Date.now.bind(Date);
      Date.now = () => (window as unknown as { __testNow?: number }).__testNow ?? realNow();
    });
    await page.goto(`${hub.origin}${screenPath(screenId)}`);
    await waitForScreen(page, { mode: 'normal', connection: 'open' });
    pages.set(key, page);
  }
  await rm(shots, { recursive: true, force: true });
  await mkdir(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

/** Set the screen's clock to `at` (ms) and wait until its slide shows `want` (its id) drawn at that time. */
async function showAt(page: Page, at: number, want: string): Promise<void> {
  await page.evaluate((t) => void ((window as unknown as { __testNow?: number }).__testNow = t), at);
  await page.waitForFunction(
    (id, t) => {
      const slides = document.querySelector('muster-screen')?.shadowRoot?.querySelector('screen-normal-view')?.shadowRoot?.querySelector('screen-slides');
      return slides?.now === t && slides.shadowRoot!.querySelector('[data-test="slide"]')?.getAttribute('data-slide') === id;
    },
    { timeout: 10_000, polling: 50 },
    want,
    at,
  );
  // The count of pages follows the layout (a render, then the resize observer).
  await settle(page);
  await settle(page);
}

interface SlideView {
  pages: number;
  pageLabel: string;
  /** How many lines the body has in all, and which (by index) are whole on this page. */
  lines: number;
  linesShown: number[];
  /** Each text that is not whole: its first words and what hides it. */
  problems: string[];
}

/**
 * Every text of the normal view (the maps' labels aside), and each line of the slide's body: whole, or (a line)
 * wholly beyond the body's frame, on another page.
 */
async function slideView(page: Page): Promise<SlideView> {
  await installWhatHides(page);
  return page.evaluate(() => {
    const apart = (box: DOMRect, clip: DOMRect) => box.bottom <= clip.top + 1 || box.top >= clip.bottom - 1 || box.right <= clip.left + 1 || box.left >= clip.right - 1;
    const view = document.querySelector('muster-screen')!.shadowRoot!.querySelector('screen-normal-view')!;
    const slides = view.shadowRoot!.querySelector('screen-slides')!;
    const frame = slides.shadowRoot!.querySelector('[data-pager]')?.parentElement ?? null;
    const problems: string[] = [];
    const lines: { el: Element; box: DOMRect }[] = [];
    const walk = (node: Node) => {
      if (node instanceof Element && node.tagName === 'SCREEN-FLOOR-MAP') return;
      if (node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '') {
        const el = node.parentElement!;
        if (frame?.contains(el)) {
          // The body's words, line by line: a text's range has a box per line it takes.
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const box of range.getClientRects()) if (box.width > 0) lines.push({ el, box });
        } else {
          const problem = musterWhatHides(el);
          if (problem) problems.push(`"${el.textContent!.trim().slice(0, 40)}": ${problem}`);
        }
      }
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      node.childNodes.forEach(walk);
    };
    walk(view.shadowRoot!);
    const linesShown: number[] = [];
    lines.forEach(({ el, box }, index) => {
      // A line wholly beyond the frame is on another page; one partly inside it is cut.
      if (apart(box, frame!.getBoundingClientRect())) return;
      const problem = musterWhatHides(el, box, false);
      if (problem) problems.push(`line ${index + 1} ("${el.textContent!.trim().slice(0, 30)}…"): ${problem}`);
      else linesShown.push(index);
    });
    const label = slides.shadowRoot!.querySelector('[data-test="slide-page"]');
    return { pages: slides.pages, pageLabel: label?.textContent!.trim() ?? '', lines: lines.length, linesShown, problems };
  });
}

/** Every page of slide `index` at this size; the problems found, named by the screen, size and page. */
async function check(key: keyof typeof SCREENS, page: Page, width: number, height: number, index: number): Promise<string[]> {
  const slide = SLIDES[index]!;
  const start = Math.ceil(Date.now() / CYCLE_MS) * CYCLE_MS + index * DURATION * 1000;
  await page.bringToFront();
  await page.setViewport({ width, height });
  await showAt(page, start, slide.id);
  const where = (n: number, count: number) => `${key} ${width}×${height} ${slide.id} page ${n + 1}/${count}`;
  const problems: string[] = [];
  let view = await slideView(page);
  const count = view.pages;
  const seen = new Set<number>();
  for (let n = 0; n < count; n++) {
    // The middle of page n's share of the slide's time.
    if (n > 0) {
      await showAt(page, start + Math.round(((n + 0.5) * DURATION * 1000) / count), slide.id);
      view = await slideView(page);
    }
    if (view.pages !== count) problems.push(`${where(n, count)}: now ${view.pages} pages`);
    problems.push(...view.problems.map((problem) => `${where(n, count)}: ${problem}`));
    const label = count > 1 ? `${n + 1} / ${count}` : '';
    if (view.pageLabel !== label) problems.push(`${where(n, count)}: the page label says "${view.pageLabel}", not "${label}"`);
    view.linesShown.forEach((line) => seen.add(line));
    if (n === 0) await page.screenshot({ path: join(shots, `${key}-${width}x${height}-${slide.id}-p1.png`), optimizeForSpeed: true });
  }
  if (view.lines === 0) problems.push(`${key} ${width}×${height} ${slide.id}: no lines at all`);
  for (let line = 0; line < view.lines; line++) if (!seen.has(line)) problems.push(`${key} ${width}×${height} ${slide.id}: line ${line + 1} is never shown whole`);
  return problems;
}

describe('a slide too long for its room pages', () => {
  for (const key of Object.keys(SCREENS) as (keyof typeof SCREENS)[]) {
    it(`${key === 'map' ? 'beside the map' : 'without a map'}: the longest announcement and bell schedule, every line whole on a page, at every size`, async () => {
      const page = pages.get(key)!;
      const problems: string[] = [];
      const counts: string[] = [];
      for (const [width, height] of SIZES) {
        for (const index of [0, 1]) {
          problems.push(...(await check(key, page, width, height, index)));
          counts.push(`${width}×${height} ${SLIDES[index]!.id}: ${(await slideView(page)).pages}`);
        }
      }
      expect(problems).toEqual([]);
      // The longest announcement cannot fit a 7" display's room whole: it must have paged there.
      expect(counts.find((c) => c.startsWith('800×480 long-news'))).not.toMatch(/: 1$/);
    }, 240_000);
  }

  it('shows no page label on a slide that fits', async () => {
    const problems: string[] = [];
    for (const [key, page] of pages) {
      for (const [width, height] of SIZES) problems.push(...(await check(key, page, width, height, 2)));
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('draws a floor-plan slide within its frame', async () => {
    const problems: string[] = [];
    const index = SLIDES.findIndex((slide) => slide.id === 'plan');
    for (const [key, page] of pages) {
      for (const [width, height] of SIZES) {
        await page.bringToFront();
        await page.setViewport({ width, height });
        await showAt(page, Math.ceil(Date.now() / CYCLE_MS) * CYCLE_MS + index * DURATION * 1000, 'plan');
        const problem = await page.evaluate(() => {
          const slides = document.querySelector('muster-screen')!.shadowRoot!.querySelector('screen-normal-view')!.shadowRoot!.querySelector('screen-slides')!.shadowRoot!;
          const map = slides.querySelector('screen-floor-map')!.getBoundingClientRect();
          const frame = slides.querySelector('[data-test="slide-body"]')!.getBoundingClientRect();
          if (map.height < 40) return `the plan is ${Math.round(map.height)} pixels high`;
          if (map.top < frame.top - 1 || map.bottom > frame.bottom + 1 || map.left < frame.left - 1 || map.right > frame.right + 1) return 'the plan runs out of its frame';
          if (frame.bottom > innerHeight || frame.right > innerWidth) return 'the frame runs out of the screen';
          return null;
        });
        if (problem) problems.push(`${key} ${width}×${height}: ${problem}`);
        await page.screenshot({ path: join(shots, `${key}-${width}x${height}-plan.png`), optimizeForSpeed: true });
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
