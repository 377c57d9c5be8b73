// Issue 9, a kiosk on the school network: a screen reaching the hub by host name over HTTPS (the hub's own authority,
// trusted in the kiosk profile's NSS store; no --ignore-certificate-errors) keeps its mode through a reload and in a
// new tab while the hub is down, and takes the All Clear once the hub is back. Without the authority the page does
// not load at all: the trust, not a browser flag, is what makes it work.
// One window per screen is live at a time (a second one is told it was replaced and stops), so the reloaded tab is
// closed once the new tab has shown the mode, as a rebooted kiosk's old window is gone.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADLESS_CHROMIUM_ARGS } from '../../hub/diagrams/chromium.ts';
import { STATIC_ROOT } from '../../hub/server.ts';
import { chromiumPath } from '../helpers/browser.ts';
import { screenPath } from '../helpers/hub.ts';
import { inScreen, waitForScreen } from '../helpers/pages.ts';
import { SCHOOL_HOST, kioskHome, startSchoolHub, type SchoolHub } from '../helpers/school-network.ts';

let school: SchoolHub;
const cleanups: (() => Promise<void>)[] = [];
let kiosk: Browser;
let screen: Page;

/** Chromium as on a kiosk: HOME is the kiosk user's (its ~/.pki/nssdb decides what is trusted), the hub's name is mapped. */
async function launchKiosk(home: string): Promise<Browser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'muster-kiosk-profile-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    userDataDir,
    env: { ...process.env, HOME: home },
    args: [
      ...HEADLESS_CHROMIUM_ARGS,
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
      `--host-resolver-rules=MAP ${SCHOOL_HOST} 127.0.0.1`,
    ],
  });
  expect(browser.process()!.spawnargs.some((arg) => /ignore-certificate-errors/.test(arg))).toBe(false);
  cleanups.push(async () => {
    await browser.close();
    await rm(userDataDir, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });
  return browser;
}

const mode = (page: Page) => page.$eval('muster-screen', (el) => ({ mode: el.getAttribute('data-mode'), drill: el.getAttribute('data-drill'), connection: el.getAttribute('data-connection') }));

beforeAll(async () => {
  if (!existsSync(STATIC_ROOT)) throw new Error(`${STATIC_ROOT} is missing: npm test runs \`npm run build\` first.`);
  school = await startSchoolHub();
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  await school?.dispose();
});

describe('a kiosk reaching the hub by host name over HTTPS', () => {
  it('does not load the screen when its NSS store does not trust the hub authority', async () => {
    const untrusting = await launchKiosk(await kioskHome(null));
    const page = await untrusting.newPage();
    const error = await page.goto(`${school.networkUrl}${screenPath('main-1-east')}`).catch((e: Error) => e);
    expect(String(error)).toMatch(/ERR_CERT_AUTHORITY_INVALID/);
  });

  it('shows the screen, controlled by its service worker, when the store trusts ca.crt', async () => {
    kiosk = await launchKiosk(await kioskHome(school.caPath));
    screen = await kiosk.newPage();
    await screen.setViewport({ width: 1280, height: 720 });
    await screen.goto(`${school.networkUrl}${screenPath('main-1-east')}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });
    await screen.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 15_000 });
    expect(new URL(screen.url()).host).toBe(`${SCHOOL_HOST}:${school.httpsPort}`);
  });

  it('takes over with a Lockdown drill started through the API', async () => {
    const { status } = await school.api('/api/modes', { mode: 'lockdown', scope: { kind: 'site' }, drill: true });
    expect(status).toBe(200);
    await waitForScreen(screen, { mode: 'lockdown', drill: 'true' });
  });

  it('keeps showing LOCKDOWN when the hub is down: after a reload, and in a new tab', async () => {
    await school.stop();
    await screen.reload();
    await waitForScreen(screen, { mode: 'lockdown', drill: 'true' }, 5000);
    expect((await mode(screen)).connection).not.toBe('open');
    await screen.waitForSelector(inScreen('takeover'));

    const newTab = await kiosk.newPage();
    await newTab.setViewport({ width: 1280, height: 720 });
    // The address as the kiosk's address bar shows it (the screen takes its token out once stored).
    await newTab.goto(screen.url());
    await waitForScreen(newTab, { mode: 'lockdown', drill: 'true' }, 5000);
    await newTab.waitForSelector(inScreen('offline-notice'), { timeout: 15_000 });
    expect(new URL(newTab.url()).protocol).toBe('https:');
    await newTab.screenshot({ path: join(tmpdir(), 'muster-kiosk-https-hub-down.png') });
    await screen.close();
    screen = newTab;
  });

  it('returns to normal once the hub is back and the office gives the All Clear', async () => {
    await school.start();
    await waitForScreen(screen, { mode: 'lockdown', connection: 'open' }, 40_000);
    const { status } = await school.api('/api/all-clear', { scope: { kind: 'site' }, drill: true });
    expect(status).toBe(200);
    await waitForScreen(screen, { mode: 'normal' }, 10_000);
    expect(await screen.$(inScreen('takeover'))).toBeNull();
  });
});
