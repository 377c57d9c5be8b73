// One browser profile running three wall screens (a small PC with three displays, or three kiosk windows), in real
// Chromium: each screen link keeps its own identity, token and last state, so with the hub down each tab reloads
// into its own mode, never the pairing page; the hub comes back on a rebuild of the same tree, and no screen
// reloads for it; unpairing one screen leaves the other two their identity and their floor maps.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { PROJECT_ROOT } from '../../hub/config.ts';
import { STATIC_ROOT } from '../../hub/server.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub, screenPath } from '../helpers/hub.ts';
import { waitForScreen } from '../helpers/pages.ts';

/** Three screens of the demo school in different places, and what each must show once the modes below are on. */
const SCREENS = [
  { id: 'annex-hall', mode: 'lockdown' }, // the Annex building: Lockdown
  { id: 'gym', mode: 'hold' }, // the gym zone of the main building: Hold
  { id: 'main-1-east', mode: 'normal' }, // the east wing of the main building: nothing
] as const;

/** Set to a folder to keep a picture of each tab as it shows with the hub down. */
const SCREENSHOTS = process.env.MUSTER_E2E_SCREENSHOTS;

let hub: TestHub;
let browser: TestBrowser;
let rebuildDir = '';
let firstBuild = '';
const tabs = new Map<string, Page>();
const tab = (id: string) => tabs.get(id)!;

/** Every saved-state record of the profile, [screen id, part, value] in key order (display/screen/screen-state-store.ts). */
const savedRecords = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<[string, string, unknown][]>((resolve, reject) => {
        const opened = indexedDB.open('muster-screen', 1);
        opened.onerror = () => reject(opened.error);
        opened.onsuccess = () => {
          const store = opened.result.transaction('screen-state').objectStore('screen-state');
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => resolve((keys.result as [string, string][]).map(([screenId, part], i) => [screenId, part, values.result[i]]));
          values.onerror = () => reject(values.error);
        };
      }),
  );

beforeAll(async () => {
  if (!existsSync(STATIC_ROOT)) throw new Error('dist/display is missing: npm test runs `npm run build` first.');
  // What `npm start` does on every start: build the browser apps again, from the same tree (and, as there, without
  // the NODE_ENV=test of the test run, which would make a development build: another app, with another id).
  rebuildDir = await mkdtemp(join(tmpdir(), 'muster-same-build-'));
  const { MUSTER_BUILD_ID: _override, NODE_ENV: _test, ...env } = process.env;
  await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', rebuildDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: PROJECT_ROOT,
    env,
  });
  hub = await startTestHub();
  firstBuild = hub.build;
  // Not attached to the service worker, as on a kiosk: an update, if one came, would take over and reload the tab.
  browser = await launchBrowser({ serviceWorkersUnwatched: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
  if (rebuildDir) await rm(rebuildDir, { recursive: true, force: true });
});

describe('three screens in one browser profile', () => {
  it('opens each screen link in a tab of its own; each becomes its own screen, the token gone from its address', async () => {
    for (const { id } of SCREENS) {
      const page = await browser.browser.newPage();
      await page.setViewport({ width: 1280, height: 720 });
      tabs.set(id, page);
      await page.goto(`${hub.origin}${screenPath(id)}`);
      await waitForScreen(page, { mode: 'normal', connection: 'open' });
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 15_000 });
      expect(new URL(page.url()).search).toBe(`?id=${id}`);
      expect(page.url()).not.toContain('token');
    }
    // Each kept its identity: opening the later links did not replace the earlier ones.
    const ids = await tab('annex-hall').evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('muster:identity:')).sort());
    expect(ids).toEqual(SCREENS.map(({ id }) => `muster:identity:${id}`).sort());
  });

  it('shows each tab the mode of its own place: Lockdown in the Annex, Hold in the gym, nothing in the east wing', async () => {
    const office = await hub.login('office');
    const lockdown = await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'building', buildingId: 'annex' }, drill: true } });
    expect(lockdown.status).toBe(200);
    const hold = await hub.api('/api/modes', { cookie: office, body: { mode: 'hold', scope: { kind: 'zone', zoneId: 'gym' }, drill: true } });
    expect(hold.status).toBe(200);
    // Every tab has the latest change (the east wing's too, which shows no mode for it).
    for (const { id, mode } of SCREENS) await waitForScreen(tab(id), { mode, seq: String(hold.body.seq) });
  });

  it('reloads each tab with the hub down into its own mode from cache, never the pairing page', async () => {
    await hub.close();
    for (const { id, mode } of SCREENS) {
      const page = tab(id);
      await page.bringToFront();
      await page.reload();
      await waitForScreen(page, { mode, drill: String(mode !== 'normal') }, 5000);
      expect(await page.$('muster-pairing')).toBeNull();
      expect(await page.$eval('muster-screen', (el) => el.getAttribute('data-connection'))).not.toBe('open');
      expect(new URL(page.url()).search).toBe(`?id=${id}`);
      if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `multi-screen-${id}.png`) });
    }
  });

  it('shows the first screen’s mode in a fresh tab opened on its plain address, with no token, the hub still down', async () => {
    const fresh = await browser.browser.newPage();
    await fresh.setViewport({ width: 1280, height: 720 });
    await fresh.goto(`${hub.origin}/screen/?id=annex-hall`);
    await waitForScreen(fresh, { mode: 'lockdown', drill: 'true' }, 5000);
    expect(await fresh.$('muster-pairing')).toBeNull();
    // Two tabs for one screen would take turns on the hub: this one has shown what it had to.
    await fresh.close();
  });

  it('reconnects every tab to a hub restarted on a rebuild of the same tree: same build id, and no tab reloads', async () => {
    // Marks in each page that a reload would wipe out.
    for (const page of tabs.values()) await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    hub = await startTestHub({ dataDir: hub.dataDir, port: hub.port, staticRoot: rebuildDir });
    expect(hub.build, 'two builds of the same tree must share a build id (is the served build made from this tree?)').toBe(firstBuild);
    for (const { id, mode } of SCREENS) await waitForScreen(tab(id), { mode, connection: 'open' }, 40_000);

    // All Clear: normal content is when an update would take over, so this is when a reload would come.
    const office = await hub.login('office');
    expect((await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    for (const { id } of SCREENS) await waitForScreen(tab(id), { mode: 'normal', connection: 'open', update: 'none', build: firstBuild });
    for (const page of tabs.values()) {
      // Ask for the service worker again, as a screen does on a build mismatch: it is the same, so nothing installs.
      const after = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        // Bounded, so a stuck check fails this test with its reason rather than at the test's time limit.
        const checked = await Promise.race([registration!.update().then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 15_000))]);
        const notReloaded = (window as unknown as { notReloaded?: boolean }).notReloaded ?? false;
        return { checked, installing: !!registration!.installing, waiting: !!registration!.waiting, notReloaded };
      });
      expect(after).toEqual({ checked: true, installing: false, waiting: false, notReloaded: true });
    }
  }, 120_000);

  it('sends only the unpaired screen to pairing; the other two keep their identity, and their floor maps', async () => {
    const east = tab('main-1-east');
    // The east wing's screen asks for its map cookie last, as the one cookie of a profile once was: its own.
    const asked = await east.evaluate(async () => {
      const { screenId, token } = JSON.parse(localStorage.getItem('muster:identity:main-1-east')!) as { screenId: string; token: string };
      const response = await fetch('/api/screens/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Muster-Request': '1' },
        body: JSON.stringify({ screenId, token }),
      });
      return response.status;
    });
    expect(asked).toBe(200);

    const admin = await hub.login('admin');
    expect((await hub.api('/api/screens/main-1-east/pairing', { method: 'DELETE', cookie: admin })).status).toBe(200);
    await east.bringToFront();
    await east.waitForSelector('muster-pairing', { timeout: 10_000 });
    // It stays the screen that was main-1-east, asking to be paired; it does not take up another screen's identity.
    expect(new URL(east.url()).search).toBe('?id=main-1-east');
    const stored = await east.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('muster:identity:') || key.startsWith('muster:screen:')).sort());
    expect(stored).toEqual(['muster:identity:annex-hall', 'muster:identity:gym']);
    expect((await savedRecords(east)).map(([screenId]) => screenId)).toEqual(['annex-hall', 'annex-hall', 'annex-hall', 'annex-hall', 'gym', 'gym', 'gym', 'gym']);

    for (const id of ['annex-hall', 'gym']) {
      const page = tab(id);
      await page.bringToFront();
      await waitForScreen(page, { mode: 'normal', connection: 'open' });
      // A map image fetched afresh from the hub (a new address, so not from the service worker's cache).
      const [, , saved] = (await savedRecords(page)).find(([screenId, part]) => screenId === id && part === 'plan')!;
      const status = await page.evaluate(async (plan) => {
        const file = (plan as { wayfinding: { floors: { image?: { file: string } }[] } }).wayfinding.floors.find((floor) => floor.image)!.image!.file;
        return (await fetch(`/maps/${file}?fresh=${Date.now()}`)).status;
      }, saved);
      expect(status, `${id} reads its floor map`).toBe(200);
    }
  });
});
