// A power cut a moment after a mode starts, in real Chromium: the screen shows a Lockdown drill, Chromium is killed
// (SIGKILL, no chance to flush) a second later, the hub goes down, and Chromium starts again on the same profile. The
// screen must come back in Lockdown from its own saved state, never silently in normal mode.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADLESS_CHROMIUM_ARGS } from '../../hub/diagrams/chromium.ts';
import { STATIC_ROOT } from '../../hub/server.ts';
import { chromiumPath } from '../helpers/browser.ts';
import { startTestHub, screenPath, screenToken, type TestHub } from '../helpers/hub.ts';
import { waitForScreen } from '../helpers/pages.ts';

const SCREEN_ID = 'main-1-east';

let hub: TestHub;
let hubRunning = false;
let userDataDir = '';
let browser: Browser | null = null;

/** Chromium on one fixed profile, as a kiosk runs it across reboots. */
async function launchOnProfile(): Promise<Page> {
  browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    userDataDir,
    args: [...HEADLESS_CHROMIUM_ARGS, '--disable-background-timer-throttling', '--disable-renderer-backgrounding'],
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  return page;
}

/** Wait until `text` is in the profile's localStorage files (Chromium keeps a string as Latin-1 or UTF-16). */
async function identityOnDisk(text: string, timeout = 90_000): Promise<void> {
  const folder = join(userDataDir, 'Default', 'Local Storage', 'leveldb');
  const wanted = (['latin1', 'utf16le'] as const).map((encoding) => Buffer.from(text, encoding));
  for (const deadline = Date.now() + timeout; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
    for (const file of await readdir(folder).catch(() => [])) {
      const bytes = await readFile(join(folder, file)).catch(() => Buffer.alloc(0));
      if (wanted.some((pattern) => bytes.includes(pattern))) return;
    }
  }
  throw new Error(`the screen's identity did not reach ${folder} within ${timeout} ms`);
}

beforeAll(async () => {
  if (!existsSync(STATIC_ROOT)) throw new Error('dist/display is missing: npm test runs `npm run build` first.');
  hub = await startTestHub();
  hubRunning = true;
  userDataDir = await mkdtemp(join(tmpdir(), 'muster-chromium-durable-'));
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  if (hubRunning) await hub.dispose();
  else if (hub) await rm(hub.dataDir, { recursive: true, force: true });
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

describe('a screen killed a second after a Lockdown starts', () => {
  it('shows the Lockdown drill, controlled by its service worker', { timeout: 120_000 }, async () => {
    const screen = await launchOnProfile();
    await screen.goto(`${hub.origin}${screenPath(SCREEN_ID)}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });
    // The page must be served by the service worker after the kill, when the hub is down.
    await screen.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 15_000 });
    // A kiosk is paired long before a mode starts. Its identity (device token) is kept in localStorage, which
    // Chromium writes to disk late: wait until it is there, so what the kill below tests is the saved state alone.
    await identityOnDisk(screenToken(SCREEN_ID));

    const office = await hub.login('office');
    const started = await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    expect(started.status).toBe(200);
    await waitForScreen(screen, { mode: 'lockdown', drill: 'true' });
  });

  it('comes back in Lockdown after Chromium is killed and restarted with the hub down', async () => {
    // A second, as a power cut soon after the mode started: far less than Chromium waits before writing localStorage.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const chromium = browser!.process()!;
    const exited = new Promise((resolve) => chromium.once('exit', resolve));
    chromium.kill('SIGKILL');
    await exited;
    browser = null;
    await hub.close();
    hubRunning = false;

    const screen = await launchOnProfile();
    await screen.goto(`${hub.origin}/screen/?id=${SCREEN_ID}`);
    const shows = () =>
      screen.evaluate(() => {
        const el = document.querySelector('muster-screen');
        if (el) return { mode: el.getAttribute('data-mode'), drill: el.getAttribute('data-drill') };
        return { page: document.querySelector('muster-pairing') ? 'the pairing page' : document.title || location.href };
      });
    try {
      await waitForScreen(screen, { mode: 'lockdown', drill: 'true' }, 10_000);
    } catch (error) {
      throw new Error(`the screen came back showing ${JSON.stringify(await shows())}, not the Lockdown drill`, { cause: error });
    }
    expect(await screen.$eval('muster-screen', (el) => el.getAttribute('data-connection'))).not.toBe('open');
  }, 60_000);
});
