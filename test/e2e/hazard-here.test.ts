// A screen standing inside an area the office marked as a hazard says so in words, in its language, with its
// way out (or without one when none is safe), in normal times and during Evacuate; Lockdown tells nobody to move.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { screenPath, startTestHub, type TestHub } from '../helpers/hub.ts';
import { hiddenPart, inScreen, waitForScreen } from '../helpers/pages.ts';

let hub: TestHub;
let browser: TestBrowser;
let office: string;
const pages: Page[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  office = await hub.login('office');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

async function openScreen(screenId: string, width: number, height: number): Promise<Page> {
  const page = await browser.browser.newPage();
  await page.setViewport({ width, height });
  await page.goto(`${hub.origin}${screenPath(screenId)}`);
  await waitForScreen(page, { mode: 'normal', connection: 'open' });
  pages.push(page);
  return page;
}

const warning = async (page: Page) => {
  await page.bringToFront();
  const element = await page.waitForSelector(inScreen('in-hazard'), { timeout: 5000 });
  return { text: await element!.evaluate((el) => el.textContent ?? ''), hidden: await hiddenPart(element!) };
};

const mark = (areaIds: string[], blocked = true) => hub.api('/api/hazards', { method: 'POST', cookie: office, body: { blocked, areaIds } });

describe('a screen inside a marked hazard', () => {
  it('says so in normal times, in English and in Spanish, with the way out', async () => {
    const east = await openScreen('main-1-east', 1280, 720);
    const westSpanish = await openScreen('main-2-west', 800, 480);
    expect((await mark(['m1-east-hall-inner', 'm2-center-hall'])).status).toBe(200);
    const english = await warning(east);
    expect(english.text).toBe('Danger here: East wing hallway by rooms 101–106 (1st floor). Leave this area now by the route shown.');
    expect(english.hidden).toBeNull();
    const spanish = await warning(westSpanish);
    // The school's own area name, as it translated it for Spanish screens.
    expect(spanish.text).toMatch(/^Peligro aquí: Pasillo junto a la biblioteca y el ascensor \(2\.º piso\)\./);
    expect(spanish.hidden).toBeNull();
  });

  it('says so over the Evacuate takeover, unclipped at 800 × 480, and not during Lockdown', async () => {
    const [east] = pages;
    await east!.setViewport({ width: 800, height: 480 });
    await hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'evacuate', scope: { kind: 'site' }, drill: true, destination: 'North athletic field' } });
    await waitForScreen(east!, { mode: 'evacuate' });
    const during = await warning(east!);
    expect(during.text).toContain('Danger here: East wing hallway');
    expect(during.hidden).toBeNull();
    await east!.screenshot({ path: '/tmp/muster-hazard-here-evacuate-800x480.png' });

    await hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    await waitForScreen(east!, { mode: 'lockdown' });
    expect(await east!.$(inScreen('in-hazard'))).toBeNull();
  });

  it('stops saying so once the office clears the hazard', async () => {
    await hub.api('/api/all-clear', { method: 'POST', cookie: office, body: { scope: { kind: 'site' }, drill: true } });
    const [east] = pages;
    await waitForScreen(east!, { mode: 'normal' });
    await mark(['m1-east-hall-inner', 'm2-center-hall'], false);
    await east!.waitForFunction(() => !document.querySelector('muster-screen')?.shadowRoot?.querySelector('screen-normal-view')?.shadowRoot?.querySelector('[data-test="in-hazard"]'));
  });
});
