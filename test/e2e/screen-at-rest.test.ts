// A wall screen with nothing changing does (almost) nothing: no animation restyles it every frame. A screen runs for
// years on a small player; and one that paints all the time makes the next mode's first paint wait behind its frames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { screenPath, startTestHub, type TestHub } from '../helpers/hub.ts';
import { inScreen, waitForScreen } from '../helpers/pages.ts';

let hub: TestHub;
let browser: TestBrowser;
let office: string;
let page: Page;

/** Watched this long; the clock changes once a second, so a few style updates a second are its own. */
const WATCH_MS = 3000;
const MAX_STYLE_UPDATES_PER_S = 4;

beforeAll(async () => {
  hub = await startTestHub();
  office = await hub.login('office');
  browser = await launchBrowser();
  page = await browser.browser.newPage();
  await page.setViewport({ width: 1920, height: 1080 });
  await page.goto(`${hub.origin}${screenPath('main-1-east')}`);
  await waitForScreen(page, { mode: 'normal', connection: 'open' });
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

/** Style updates a second while nothing changes (Chromium's own count: an animation restyles every frame). */
async function styleUpdatesPerSecond(): Promise<number> {
  // Let what the last change started (the receipt, the saved state, the map's upright copy) finish first.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const before = await page.metrics();
  await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
  const after = await page.metrics();
  return ((after.RecalcStyleCount ?? 0) - (before.RecalcStyleCount ?? 0)) / (WATCH_MS / 1000);
}

describe('a screen at rest', () => {
  it('shows its route to the nearest exit without restyling every frame', async () => {
    await page.waitForSelector(inScreen('route'));
    expect(await styleUpdatesPerSecond()).toBeLessThanOrEqual(MAX_STYLE_UPDATES_PER_S);
  });

  it('shows an Evacuate takeover with its bold route without restyling every frame', async () => {
    const started = await hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'evacuate', scope: { kind: 'site' }, drill: true, destination: 'North athletic field' } });
    expect(started.status).toBe(200);
    await waitForScreen(page, { mode: 'evacuate' });
    await page.waitForSelector(inScreen('route-chevrons'));
    expect(await styleUpdatesPerSecond()).toBeLessThanOrEqual(MAX_STYLE_UPDATES_PER_S);
  });
});
