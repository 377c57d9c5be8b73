// Wayfinding end to end in real Chromium: a hallway screen shows its map and nearest exit; during an Evacuate
// drill it draws the route; the office marks the hallway to that exit as a hazard from the console and the
// screen re-routes to another exit; the route survives a reload with the hub down; Lockdown shows no map.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub, screenPath } from '../helpers/hub.ts';
import { byTest, inScreen, logInToConsole, waitForScreen } from '../helpers/pages.ts';

// The demo school's east hallway screen: its nearest exit is the East doors; with the east end of the
// hallway marked as a hazard, the nearest safe exit is the main entrance (config/demo-wayfinding.test.ts).
const SCREEN = 'main-1-east';
const FIRST_EXIT = 'exit-east-doors';
const HAZARD_AREA = 'm1-east-hall-end';
const SECOND_EXIT = 'exit-main-entrance';

let hub: TestHub;
let screenBrowser: TestBrowser;
let consoleBrowser: TestBrowser;
let screen: Page;
let office: Page;

/** What the screen's route overlay says, read from inside its shadow roots. */
const routeOnMap = (page: Page) => page.$eval(inScreen('route'), (el) => el.getAttribute('data-target'));

beforeAll(async () => {
  hub = await startTestHub();
  screenBrowser = await launchBrowser();
  consoleBrowser = await launchBrowser();
  screen = await screenBrowser.browser.newPage();
  await screen.setViewport({ width: 1920, height: 1080 });
  office = await consoleBrowser.browser.newPage();
  await office.setViewport({ width: 1280, height: 900 });
});

afterAll(async () => {
  await screenBrowser?.close();
  await consoleBrowser?.close();
  await hub?.dispose();
});

describe('floor maps and nearest-exit wayfinding', () => {
  it('shows the floor map with You are here and the nearest exit in normal times', async () => {
    await screen.goto(`${hub.origin}${screenPath(SCREEN)}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open', route: FIRST_EXIT });
    await screen.waitForSelector(inScreen('floor-map'));
    expect(await screen.$(inScreen('you-are-here'))).not.toBeNull();
    const shownTypes = await screen.$$eval(inScreen('poi'), (els) => [...new Set(els.map((el) => el.getAttribute('data-type')))]);
    expect(shownTypes).toEqual(expect.arrayContaining(['exit', 'aed', 'extinguisher']));
    // Hallway screens never show where people hide or what is watched.
    expect(shownTypes).not.toContain('hardened-corner');
    expect(shownTypes).not.toContain('camera');
  });

  it('draws the route to the nearest exit when the office starts an Evacuate drill', async () => {
    await logInToConsole(office, hub, 'office');
    // The buttons enable once the console is live and has the site.
    await office.waitForSelector(`${byTest('mode-button-evacuate')}:not([disabled])`);
    await office.click(byTest('mode-button-evacuate'));
    await office.waitForSelector(byTest('confirm-panel'));
    await office.select(byTest('destination'), 'north-field');
    await office.click(byTest('choose-drill'));
    await office.click(byTest('confirm-start'));

    await waitForScreen(screen, { mode: 'evacuate', drill: 'true', route: FIRST_EXIT });
    expect(await routeOnMap(screen)).toBe(FIRST_EXIT);
    expect(await screen.$eval(inScreen('route-target'), (el) => el.textContent)).toMatch(/East doors/);
  });

  it('re-routes to another exit within seconds when the office marks the hallway as a hazard', async () => {
    await office.waitForSelector(byTest(`hazard-area-${HAZARD_AREA}`));
    const before = await routeOnMap(screen);
    await office.click(byTest(`hazard-area-${HAZARD_AREA}`));
    await waitForScreen(screen, { route: SECOND_EXIT }, 3000);
    expect(before).toBe(FIRST_EXIT);
    expect(await routeOnMap(screen)).toBe(SECOND_EXIT);
    expect(await screen.$(inScreen('hazard-area'))).not.toBeNull();
    // The change is audited and sequenced like a mode.
    const audit = await hub.api('/api/state', { cookie: await hub.login('viewer') });
    expect(audit.body.state.hazards.areaIds).toEqual([HAZARD_AREA]);
  });

  it('keeps the re-routed map after a reload with the hub down', async () => {
    const port = hub.port;
    const dataDir = hub.dataDir;
    await hub.close();
    await screen.reload();
    await waitForScreen(screen, { mode: 'evacuate', route: SECOND_EXIT }, 5000);
    await screen.waitForSelector(inScreen('floor-map'));
    const cachedMaps = await screen.evaluate(async () => (await (await caches.open('muster-maps')).keys()).map((r) => new URL(r.url).pathname));
    expect(cachedMaps).toContain('/maps/main-1.svg');
    hub = await startTestHub({ dataDir, port });
    await waitForScreen(screen, { connection: 'open' }, 40_000);
  });

  it('shows no map at all during Lockdown', async () => {
    const cookie = await hub.login('office');
    expect((await hub.api('/api/modes', { cookie, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    await waitForScreen(screen, { mode: 'lockdown', route: 'none' });
    expect(await screen.$(inScreen('floor-map'))).toBeNull();
    expect(await screen.$(inScreen('takeover'))).not.toBeNull();
  });
});
