// The floor-plan editor end to end in real Chromium: an admin places an AED by clicking the map, names it and
// saves; the hub has it where it was clicked; the readiness list shows what the hub reports; a save over
// someone else's newer version is refused and offers to reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { byTest, logInToConsole } from '../helpers/pages.ts';

const FLOOR = 'main-1';
// Somewhere in the bus loop south of the building, in map units of the demo's 1360 × 760 plan.
const TARGET = { x: 1010, y: 740 };
const LABEL = 'AED – bus loop entrance';

let hub: TestHub;
let browser: TestBrowser;
let page: Page;
let cookie: string;

/** Where on the page a map point is, from the canvas box and its view box (preserveAspectRatio meet, centred). */
async function clientPointFor(point: { x: number; y: number }): Promise<{ x: number; y: number; unitsPerPixel: number }> {
  const canvas = (await page.$(byTest('plan-canvas')))!;
  const box = (await canvas.boundingBox())!;
  const [, , width, height] = (await canvas.evaluate((el) => el.getAttribute('viewBox')!)).split(' ').map(Number) as [number, number, number, number];
  const scale = Math.min(box.width / width, box.height / height);
  return {
    x: box.x + (box.width - width * scale) / 2 + point.x * scale,
    y: box.y + (box.height - height * scale) / 2 + point.y * scale,
    unitsPerPixel: 1 / scale,
  };
}

async function readinessShown(): Promise<{ count: number; messages: string[] }> {
  await page.waitForSelector(byTest('readiness-list'));
  return page.$eval(byTest('readiness-list'), (el) => ({
    count: Number(el.getAttribute('data-count')),
    messages: [...el.querySelectorAll('[data-test="readiness-problem"]')].map((b) => b.textContent!.trim()),
  }));
}

beforeAll(async () => {
  hub = await startTestHub();
  cookie = await hub.login('admin');
  browser = await launchBrowser();
  page = await browser.browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

describe('floor-plan editor', () => {
  it('opens Floor plans for the 1st floor of the main building with the hub’s readiness check', async () => {
    await logInToConsole(page, hub, 'admin', '/admin/');
    await page.click(byTest('nav-floor-plans'));
    await page.waitForSelector(byTest('plan-building'));
    await page.select(byTest('plan-building'), 'main');
    await page.select(byTest('plan-floor'), FLOOR);
    await page.waitForSelector(`${byTest('plan-canvas')}[data-floor="${FLOOR}"]`);
    expect(await page.$(byTest('poi-aed-front-office'))).not.toBeNull();

    const api = await hub.api('/api/readiness', { cookie });
    expect(api.status).toBe(200);
    const shown = await readinessShown();
    expect(shown.count).toBe(api.body.problems.length);
    expect(shown.messages).toEqual(api.body.problems.map((p: { message: string }) => p.message));
  });

  it('adds an AED where the map is clicked, names it and saves it to the hub', async () => {
    await page.click(byTest('tool-poi'));
    await page.select(byTest('poi-type'), 'aed');
    const at = await clientPointFor(TARGET);
    await page.mouse.click(at.x, at.y);

    await page.waitForSelector(byTest('poi-form'));
    const id = await page.$eval(byTest('poi-form'), (el) => el.getAttribute('data-poi')!);
    expect(id).toMatch(/^main-1-aed-\d+$/);
    await page.waitForSelector(byTest(`poi-${id}`));
    await page.click(byTest('poi-label'), { clickCount: 3 });
    await page.type(byTest('poi-label'), LABEL);
    await page.waitForSelector(byTest('unsaved'));

    await page.click(byTest('save-plan'));
    await page.waitForSelector(byTest('save-status'));

    const saved = await hub.api('/api/wayfinding', { cookie });
    const floor = saved.body.wayfinding.floors.find((f: { floorId: string }) => f.floorId === FLOOR);
    const poi = floor.pois.find((p: { id: string }) => p.id === id);
    expect(poi).toMatchObject({ type: 'aed', label: LABEL });
    // Within a couple of screen pixels of where the mouse went.
    expect(Math.abs(poi.position.x - TARGET.x)).toBeLessThanOrEqual(2 * at.unitsPerPixel + 0.1);
    expect(Math.abs(poi.position.y - TARGET.y)).toBeLessThanOrEqual(2 * at.unitsPerPixel + 0.1);

    // The readiness list is refreshed by the save and still says what the hub says.
    const api = await hub.api('/api/readiness', { cookie });
    expect((await readinessShown()).messages).toEqual(api.body.problems.map((p: { message: string }) => p.message));
  });

  it('removes the selected point with the Delete key', async () => {
    await page.click(byTest('tool-select'));
    await page.click(byTest('poi-aed-front-office'));
    await page.waitForSelector(`${byTest('poi-form')}[data-poi="aed-front-office"]`);
    await page.keyboard.press('Delete');
    await page.waitForSelector(byTest('poi-aed-front-office'), { hidden: true });
    await page.waitForSelector(byTest('unsaved'));
  });

  it('refuses to overwrite a newer save by someone else, and offers to load it', async () => {
    // Another manager renames the gym AED (the version is the content's hash, so they must change something).
    const current = await hub.api('/api/wayfinding', { cookie });
    const theirs = current.body.wayfinding;
    theirs.floors.find((f: { floorId: string }) => f.floorId === FLOOR).pois.find((p: { id: string }) => p.id === 'aed-gym').label = 'AED – gym (moved)';
    const other = await hub.api('/api/wayfinding', { method: 'PUT', cookie, body: { baseVersion: current.body.version, wayfinding: theirs } });
    expect(other.status).toBe(200);

    await page.click(byTest('save-plan'));
    await page.waitForSelector(byTest('save-conflict'));
    await page.click(byTest('reload-plans'));
    await page.waitForSelector(byTest('save-conflict'), { hidden: true });
    await page.waitForSelector(byTest('save-status'));
    // Their version: our local Delete is gone, their rename is there.
    await page.waitForSelector(byTest('poi-aed-front-office'));
    await page.click(byTest('poi-aed-gym'));
    await page.waitForFunction(() => (document.querySelector('[data-test="poi-label"]') as HTMLInputElement | null)?.value === 'AED – gym (moved)');
  });
});
