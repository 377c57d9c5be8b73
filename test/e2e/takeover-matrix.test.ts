// No word hidden: every mode, drill and real, in English and Spanish, with and without a map, at six screen sizes
// from a 800 × 480 Pi display to 4K, portrait included. For each, every text of the takeover (the mode name, the
// directive, every step, the destination or shelter area, the note, the bands) must be inside the viewport, inside
// every ancestor that clips, and be what the browser hits at its centre and corners. Steps that do not fit page:
// each step must then be whole on one of the pages, and the pages say "1 / 2". Screenshots are kept as artefacts.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { screenPath, startTestHub, type TestHub } from '../helpers/hub.ts';
import { artefactsDir, settle, takeoverTexts, waitForScreen, type TakeoverTexts } from '../helpers/pages.ts';

const SIZES = [
  [1920, 1080],
  [1280, 720],
  [1366, 768],
  [1080, 1920],
  [800, 480],
  [3840, 2160],
] as const;

/**
 * Two demo screens keep their place on the floor plan (a map beside the steps), two lose it; the front office's,
 * whose map is turned a quarter (it faces east), shows English and Spanish side by side.
 */
const SCREENS = { 'map-en': 'main-1-east', 'map-es': 'main-2-west', 'plain-en': 'gym', 'plain-es': 'cafeteria', 'side-by-side': 'front-office' } as const;
type ScreenKey = keyof typeof SCREENS;

/** The longest note the office may type (140 characters), so the worst case is the one checked. */
const NOTE = 'Medical emergency in the gym: keep all the halls clear for the paramedics. Teachers in rooms 101 to 106: keep students inside until we call.';

const MODES = [
  { mode: 'hold' },
  { mode: 'secure' },
  { mode: 'lockdown' },
  { mode: 'evacuate', destination: 'North athletic field' },
  { mode: 'shelter', hazard: 'tornado', strategy: 'shelter-area' },
] as const;

let hub: TestHub;
let browser: TestBrowser;
let office: string;
const pages = new Map<ScreenKey, Page>();
const shots = artefactsDir('takeover-matrix');

beforeAll(async () => {
  expect(NOTE).toHaveLength(140);
  hub = await startTestHub();
  office = await hub.login('office');
  const admin = await hub.login('admin');
  // The cafeteria's screen speaks Spanish, and it and the gym's lose their place on the map: a real site file round trip.
  const file = (await hub.api('/api/site/export', { cookie: admin })).body;
  file.site.screens.find((s: { id: string }) => s.id === SCREENS['plain-es']).language = 'es';
  Object.assign(file.site.screens.find((s: { id: string }) => s.id === SCREENS['side-by-side']), { language: 'en', secondLanguage: 'es', languageLayout: 'side-by-side' });
  file.wayfinding.screens = file.wayfinding.screens.filter((s: { screenId: string }) => s.screenId !== SCREENS['plain-en'] && s.screenId !== SCREENS['plain-es']);
  expect((await hub.api('/api/site/import', { method: 'POST', cookie: admin, body: file })).status).toBe(200);
  browser = await launchBrowser();
  for (const [key, screenId] of Object.entries(SCREENS) as [ScreenKey, string][]) {
    const page = await browser.browser.newPage();
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

/** Every page of the takeover(s) at this size; the problems found, named by the screen, size and page. */
async function check(key: ScreenKey, page: Page, width: number, height: number, label: string): Promise<string[]> {
  // Animation frames run only in the tab in front.
  await page.bringToFront();
  await page.setViewport({ width, height });
  await settle(page);
  const problems: string[] = [];
  const seen = new Set<string>();
  let texts: TakeoverTexts = await takeoverTexts(page, 0);
  const pages = Math.max(...texts.takeovers.map((t) => t.pages));
  for (let n = 0; n < pages; n++) {
    if (n > 0) texts = await takeoverTexts(page, n);
    const where = `${key} ${width}×${height} ${label} page ${n + 1}/${pages}`;
    for (const problem of texts.problems) problems.push(`${where}: ${problem}`);
    texts.takeovers.forEach((takeover, t) => {
      if (n >= takeover.pages) return;
      const language = `${where}: [${takeover.language}]`;
      // Each page after the first brings a step the reader has not had yet; none turns to nothing new.
      if (n > 0 && takeover.stepsShown.every((index) => seen.has(`${t}:${index}`))) problems.push(`${language} shows no step that the pages before it did not`);
      takeover.stepsShown.forEach((index) => seen.add(`${t}:${index}`));
      if (takeover.pages > 1 && takeover.pageLabel !== `${n + 1} / ${takeover.pages}`) problems.push(`${language} the page label says "${takeover.pageLabel}"`);
      // The page count must not be what makes the steps page: without it, they would not all fit.
      if (n === 0 && takeover.pages > 1 && takeover.fitsOnePage) problems.push(`${language} says "${takeover.pageLabel}", yet every step fits the first page`);
    });
    // The first page of each, at most 1280 pixels on its longer side: enough to look at (a 4K PNG takes seconds).
    const scale = Math.min(1, 1280 / Math.max(width, height));
    if (n === 0) await page.screenshot({ path: join(shots, `${label}-${key}-${width}x${height}-p${n + 1}.png`), clip: { x: 0, y: 0, width, height, scale }, optimizeForSpeed: true });
  }
  texts.takeovers.forEach((takeover, t) => {
    if (takeover.steps === 0) problems.push(`${key} ${width}×${height} ${label} [${takeover.language}]: no steps at all`);
    for (let i = 0; i < takeover.steps; i++) if (!seen.has(`${t}:${i}`)) problems.push(`${key} ${width}×${height} ${label} [${takeover.language}]: step ${i + 1} is never shown whole`);
  });
  await page.evaluate(() => {
    for (const takeover of document.querySelector('muster-screen')?.shadowRoot?.querySelectorAll('screen-mode-takeover') ?? []) takeover.page = 0;
  });
  return problems;
}

describe('the takeover hides no word', () => {
  for (const start of MODES) {
    for (const drill of [true, false]) {
      const label = `${start.mode}-${drill ? 'drill' : 'real'}`;
      it(`${label}: every text whole at every size, in both languages, with and without a map`, async () => {
        const started = await hub.api('/api/modes', { method: 'POST', cookie: office, body: { ...start, scope: { kind: 'site' }, drill, note: NOTE } });
        expect(started.status).toBe(200);
        const problems: string[] = [];
        try {
          for (const [key, page] of pages) {
            await waitForScreen(page, { mode: start.mode, drill: String(drill) });
            // Evacuate and Shelter show the way on screens placed on the map.
            if ((key.startsWith('map') || key === 'side-by-side') && start.mode !== 'hold' && start.mode !== 'secure' && start.mode !== 'lockdown') {
              await page.waitForFunction(() => document.querySelector('muster-screen')?.getAttribute('data-route') !== 'none');
            }
            for (const [width, height] of SIZES) problems.push(...(await check(key, page, width, height, label)));
          }
        } finally {
          expect((await hub.api('/api/all-clear', { method: 'POST', cookie: office, body: { scope: { kind: 'site' }, drill } })).status).toBe(200);
          for (const page of pages.values()) await waitForScreen(page, { mode: 'normal' });
        }
        expect(problems).toEqual([]);
      }, 240_000);
    }
  }

  it('counts the pages for the size the screen has now, whatever size it had before', async () => {
    // Without a note, a Shelter's four steps on a portrait screen fit with little to spare: the page count, which takes
    // room from the steps, must not be kept from an earlier size where they paged.
    await hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'shelter', hazard: 'tornado', strategy: 'shelter-area', scope: { kind: 'site' }, drill: true } });
    const page = pages.get('map-en')!;
    await page.bringToFront();
    const sizes = [[800, 600], [1080, 1920], [1920, 1080], [1080, 1920], [800, 480], [1366, 768]] as const;
    const count = async (): Promise<number> => (await takeoverTexts(page, 0)).takeovers[0]!.pages;
    try {
      await waitForScreen(page, { mode: 'shelter' });
      await page.waitForFunction(() => document.querySelector('muster-screen')?.getAttribute('data-route') !== 'none');
      const afterResizes: number[] = [];
      for (const [width, height] of sizes) {
        await page.setViewport({ width, height });
        await settle(page);
        afterResizes.push(await count());
      }
      const fresh: number[] = [];
      for (const [width, height] of sizes) {
        await page.setViewport({ width, height });
        await page.reload();
        await waitForScreen(page, { mode: 'shelter' });
        await page.waitForFunction(() => document.querySelector('muster-screen')?.getAttribute('data-route') !== 'none');
        await settle(page);
        fresh.push(await count());
      }
      expect(afterResizes).toEqual(fresh);
      // And the portrait screen, the reason for this test, shows them on one page.
      expect(fresh[1]).toBe(1);
    } finally {
      await hub.api('/api/all-clear', { method: 'POST', cookie: office, body: { scope: { kind: 'site' }, drill: true } });
      await waitForScreen(page, { mode: 'normal' });
    }
  });

  it('turns the pages of steps by itself', async () => {
    await hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'evacuate', destination: 'North athletic field', scope: { kind: 'site' }, drill: true, note: NOTE } });
    for (const page of pages.values()) await waitForScreen(page, { mode: 'evacuate' });
    const page = pages.get('map-en')!;
    await page.bringToFront();
    await page.setViewport({ width: 800, height: 480 });
    // The count of pages follows the new size once it is laid out.
    await settle(page);
    const label = () => page.$eval('muster-screen >>> [data-test="steps-page"]', (el) => el.textContent!.trim());
    await page.waitForSelector('muster-screen >>> [data-test="steps-page"]');
    const [first, count] = (await label()).split(' / ');
    expect(first).toBe('1');
    await page.waitForFunction(
      (next) => document.querySelector('muster-screen')?.shadowRoot?.querySelector('screen-mode-takeover')?.shadowRoot?.querySelector('[data-test="steps-page"]')?.textContent?.trim() === next,
      { timeout: 15_000, polling: 200 },
      `2 / ${count}`,
    );
  });

  it('keeps every word visible when the hub is out of reach and the screen says so', async () => {
    await hub.close();
    const problems: string[] = [];
    for (const [key, page] of pages) {
      await page.waitForFunction(() => document.querySelector('muster-screen')?.shadowRoot?.querySelector('screen-mode-takeover')?.shadowRoot?.querySelector('[data-test="offline-notice"]'), {
        timeout: 20_000,
        polling: 100,
      });
      for (const [width, height] of [SIZES[1], SIZES[3], SIZES[4]]) problems.push(...(await check(key, page, width, height, 'evacuate-offline')));
    }
    expect(problems).toEqual([]);
    hub = await hub.restart();
  });
});
