// A hallway screen's rotation in real Chromium: each slide for its time, a floor-plan slide drawn from the
// screen's cached plans, and a slide that cannot be drawn shows a small error panel while the rotation goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { screenPath, startTestHub, type TestHub } from '../helpers/hub.ts';
import { waitForScreen } from '../helpers/pages.ts';

let hub: TestHub;
let browser: TestBrowser;
let screen: Page;

beforeAll(async () => {
  hub = await startTestHub();
  browser = await launchBrowser();
  screen = await browser.browser.newPage();
  await screen.setViewport({ width: 1280, height: 720 });
});
afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

const schedule = { startDate: null, endDate: null, days: [], from: null, until: null };
const main = [{ kind: 'building', buildingId: 'main' }];

/** Which slide the screen shows now: its id, or "error" for the error panel, or null. */
const shown = (page: Page) =>
  page.evaluate(() => {
    const slides = document.querySelector('muster-screen')?.shadowRoot?.querySelector('screen-normal-view')?.shadowRoot?.querySelector('screen-slides')?.shadowRoot;
    if (slides?.querySelector('[data-test="slide-error"]')) return 'error';
    return slides?.querySelector('[data-test="slide"]')?.getAttribute('data-slide') ?? null;
  });

describe('the rotation of slides on a screen', () => {
  it('shows each slide in turn, and a broken one as a small error panel without stopping', async () => {
    await screen.goto(`${hub.origin}${screenPath('main-1-east')}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });
    const published = await hub.api('/api/content', {
      method: 'PUT',
      cookie: await hub.login('admin'),
      body: {
        baseRevision: 0,
        slides: [
          { kind: 'announcement', id: 'welcome', title: 'Welcome back', text: 'Have a **great** week.', targets: main, schedule, order: 0, durationSeconds: 5 },
          // The annex's floor: this screen (main building) carries no plan of it.
          { kind: 'floor-map', id: 'annex-plan', title: 'Annex plan', floorId: 'annex-1', targets: main, schedule, order: 1, durationSeconds: 5 },
          { kind: 'floor-map', id: 'second-floor', title: '2nd floor', floorId: 'main-2', targets: main, schedule, order: 2, durationSeconds: 5 },
        ],
      },
    });
    expect(published.status).toBe(200);

    const seen = new Set<string>();
    const deadline = Date.now() + 20_000;
    while (seen.size < 3 && Date.now() < deadline) {
      const now = await shown(screen);
      if (now) seen.add(now);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect([...seen].sort()).toEqual(['error', 'second-floor', 'welcome']);
    // The screen's own map and route are still there: the broken slide took nothing else down.
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });
  });
});
