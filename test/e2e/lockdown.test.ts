// The foundation, end to end in real Chromium: the office triggers a Lockdown drill through the console, a hallway
// screen takes over and the console sees it confirmed; the hub dies, the screen reloads from cache still in
// Lockdown; the hub comes back, All Clear, and the screen returns to normal.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { STATIC_ROOT } from '../../hub/server.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub, screenPath } from '../helpers/hub.ts';
import { byTest, inScreen, logInToConsole, waitForScreen } from '../helpers/pages.ts';

let hub: TestHub;
// The hallway screen and the office tablet are different devices: one browser each, both visible, as in a
// school (a screen in a background tab gets no animation frames, so it would never paint or confirm).
let screenBrowser: TestBrowser;
let consoleBrowser: TestBrowser;
let screen: Page;
let console: Page;
const dataDir = { path: '' };

const screenState = (page: Page) =>
  page.$eval('muster-screen', (el) => ({
    mode: el.getAttribute('data-mode'),
    drill: el.getAttribute('data-drill'),
    connection: el.getAttribute('data-connection'),
    seq: el.getAttribute('data-seq'),
  }));



beforeAll(async () => {
  if (!existsSync(STATIC_ROOT)) throw new Error('dist/display is missing: npm test runs `npm run build` first.');
  hub = await startTestHub();
  dataDir.path = hub.dataDir;
  screenBrowser = await launchBrowser();
  consoleBrowser = await launchBrowser();
  screen = await screenBrowser.browser.newPage();
  await screen.setViewport({ width: 1280, height: 720 });
  console = await consoleBrowser.browser.newPage();
  await console.setViewport({ width: 1280, height: 800 });
});

afterAll(async () => {
  await screenBrowser?.close();
  await consoleBrowser?.close();
  await hub?.dispose();
});

describe('Lockdown drill from the office tablet to a hallway screen', () => {
  it('shows the screen in normal mode, controlled by its service worker', async () => {
    await screen.goto(`${hub.origin}${screenPath('main-1-east')}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });
    await screen.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 15_000 });
    const text = await screen.$eval('muster-screen', (el) => (el.shadowRoot ? el.shadowRoot.textContent : el.textContent) ?? '');
    expect(text).not.toMatch(/lockdown/i);
    // The tab is named after the screen, once the page is idle.
    await screen.waitForFunction(() => document.title === 'East hallway, 1st floor · Muster', { timeout: 5000 });
  });

  it('triggers a Lockdown drill through the console with a deliberate confirm', async () => {
    await console.bringToFront();
    await logInToConsole(console, hub, 'office');
    await console.waitForSelector(byTest('mode-button-lockdown'));
    await console.click(byTest('mode-button-lockdown'));
    await console.waitForSelector(byTest('confirm-panel'));
    // Nothing is triggered before Drill or Real is chosen: the confirm button is disabled.
    expect(await console.$eval(byTest('confirm-start'), (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect((await hub.api('/api/state', { cookie: await hub.login('viewer') })).body.state.modes).toEqual([]);
    await console.click(byTest('scope-site'));
    await console.click(byTest('choose-drill'));
    await console.click(byTest('confirm-start'));

    await waitForScreen(screen, { mode: 'lockdown', drill: 'true' });
    expect(await screen.$(inScreen('takeover'))).not.toBeNull();
    expect(await screen.$(inScreen('drill-banner'))).not.toBeNull();
  });

  it('shows the screen as confirmed in the console roll-call', async () => {
    await console.waitForFunction(
      (selector) => /1 of 8 screens confirmed LOCKDOWN/i.test(document.querySelector(selector)?.textContent ?? ''),
      { timeout: 10_000 },
      byTest('rollcall-summary'),
    );
    const viewer = await hub.login('viewer');
    const state = (await hub.api('/api/state', { cookie: viewer })).body.state;
    expect(state.screens.find((s: any) => s.id === 'main-1-east')).toMatchObject({ confirmed: true, online: true });
  });

  it('keeps painting LOCKDOWN from cache when the hub is down and the screen reloads', async () => {
    await hub.close();
    await screen.bringToFront();
    await screen.reload();
    await waitForScreen(screen, { mode: 'lockdown', drill: 'true' }, 5000);
    expect((await screenState(screen)).connection).not.toBe('open');
    await screen.waitForSelector(inScreen('offline-notice'), { timeout: 15_000 });
  });

  it('returns to normal after the hub is back and the office gives the All Clear', async () => {
    hub = await startTestHub({ dataDir: dataDir.path, port: hub.port });
    await waitForScreen(screen, { mode: 'lockdown', connection: 'open' }, 40_000);
    await console.bringToFront();
    await console.waitForSelector(byTest('all-clear-site'), { timeout: 20_000 });
    await console.click(byTest('all-clear-site'));
    await console.waitForSelector(byTest('confirm-all-clear'));
    await console.click(byTest('confirm-all-clear'));
    await waitForScreen(screen, { mode: 'normal' }, 10_000);
    expect(await screen.$(inScreen('takeover'))).toBeNull();
  });

  it('lets nothing of the ended Lockdown be seen or read aloud, and shows the next mode in its own words', async () => {
    // Nothing of the takeover is left on screen or in what a screen reader reads.
    const words = async () => JSON.stringify(await screen.accessibility.snapshot());
    const normal = await words();
    expect(normal).toContain('Maple Grove');
    expect(normal).not.toMatch(/LOCKDOWN|Lockdown|Locks, lights/);
    const shown = await screen.$eval('muster-screen', (el) =>
      [...el.shadowRoot!.querySelectorAll('screen-mode-takeover')].map((takeover) => takeover.checkVisibility()),
    );
    expect(shown.every((visible) => !visible)).toBe(true);
    const office = await hub.login('office');
    const hold = await hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'hold', scope: { kind: 'site' }, drill: true } });
    expect(hold.status).toBe(200);
    await waitForScreen(screen, { mode: 'hold' });
    expect(await screen.$eval(inScreen('takeover'), (el) => el.getAttribute('data-mode'))).toBe('hold');
    const during = await words();
    expect(during).toMatch(/hold/i);
    expect(during).not.toMatch(/LOCKDOWN|Maple Grove Middle School/);
  });
});
