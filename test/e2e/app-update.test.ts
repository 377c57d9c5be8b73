// A new build reaching a wall screen through its service worker: never while a mode is on screen, and when it
// does take over (in normal times), the reloaded page paints from its saved state before it reaches the hub.
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

const NEXT_BUILD = 'e2e-next-build';
let hub: TestHub;
let browser: TestBrowser;
let screen: Page;
let nextBuildDir: string;
let office: string;

const attribute = (page: Page, name: string) => page.$eval('muster-screen', (el, n) => el.getAttribute(`data-${n}`), name);

beforeAll(async () => {
  if (!existsSync(STATIC_ROOT)) throw new Error('dist/display is missing: npm test runs `npm run build` first.');
  // The next version of the browser apps, as `npm run build` on an upgraded hub would make it.
  nextBuildDir = await mkdtemp(join(tmpdir(), 'muster-next-build-'));
  // Without the test run's NODE_ENV=test, which would make a development build (Lit in dev mode), unlike the hub's.
  const { NODE_ENV: _test, ...env } = process.env;
  await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', nextBuildDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: PROJECT_ROOT,
    env: { ...env, MUSTER_BUILD_ID: NEXT_BUILD },
  });
  hub = await startTestHub();
  office = await hub.login('office');
  browser = await launchBrowser({ serviceWorkersUnwatched: true });
  screen = await browser.browser.newPage();
  await screen.setViewport({ width: 1280, height: 720 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
  if (nextBuildDir) await rm(nextBuildDir, { recursive: true, force: true });
});

describe('a new build on the hub', () => {
  let firstBuild: string | null;

  it('starts from a screen on the current build, controlled by its service worker, in a Lockdown drill', async () => {
    await screen.goto(`${hub.origin}${screenPath('main-1-east')}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });
    await screen.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 15_000 });
    firstBuild = await attribute(screen, 'build');
    expect(firstBuild).toBe(hub.build);
    expect(firstBuild).not.toBe(NEXT_BUILD);

    const started = await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    expect(started.status).toBe(200);
    await waitForScreen(screen, { mode: 'lockdown', drill: 'true' });
  });

  it('is installed in the background but waits while the Lockdown is on screen', async () => {
    // The hub is upgraded: same data and port, new browser apps. The screen hears of the new build in the welcome.
    await hub.close();
    hub = await startTestHub({ dataDir: hub.dataDir, port: hub.port, staticRoot: nextBuildDir });
    expect(hub.build).toBe(NEXT_BUILD);
    await waitForScreen(screen, { mode: 'lockdown', connection: 'open', update: 'waiting' }, 40_000);

    // Waiting means waiting: a few seconds later it is still the old build showing the Lockdown, never reloaded.
    const navigations: string[] = [];
    screen.on('framenavigated', (frame) => navigations.push(frame.url()));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(navigations).toEqual([]);
    expect(await attribute(screen, 'mode')).toBe('lockdown');
    expect(await attribute(screen, 'build')).toBe(firstBuild);
    screen.removeAllListeners('framenavigated');
  });

  it('takes over after the All Clear, and the reloaded screen paints normal from its saved state before contact', async () => {
    // Record, in the next document, what the screen showed on its very first render and whether it had the hub then.
    await screen.evaluateOnNewDocument(() => {
      new MutationObserver((records, observer) => {
        for (const record of records) {
          const el = record.target as Element;
          if (el.localName === 'muster-screen' && el.hasAttribute('data-mode')) {
            (window as unknown as { firstRender: unknown }).firstRender = { mode: el.getAttribute('data-mode'), connection: el.getAttribute('data-connection') };
            observer.disconnect();
            return;
          }
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-mode'] });
    });
    const reloaded = screen.waitForNavigation({ timeout: 30_000 });
    const cleared = await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: true } });
    expect(cleared.status).toBe(200);
    await reloaded;

    await waitForScreen(screen, { build: NEXT_BUILD, mode: 'normal', connection: 'open', update: 'none' }, 15_000);
    expect(await screen.evaluate(() => (window as unknown as { firstRender: unknown }).firstRender)).toEqual({ mode: 'normal', connection: 'connecting' });
    // The new service worker controls the page and serves the new build offline.
    const scriptUrl = await screen.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(scriptUrl).toBe(`${hub.origin}/sw.js`);
    const cachedBuild = await screen.evaluate(async () => (await (await fetch('/build.json')).json()).build);
    expect(cachedBuild).toBe(NEXT_BUILD);
  });
});
