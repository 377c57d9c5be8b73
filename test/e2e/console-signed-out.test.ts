// Issue 11, F11 in real Chromium: a console follows its session. Logged out in another tab of the same browser, or its
// account disabled, an open console says at once that its session has ended and offers the login in place; its role
// changed, it shows what the new role may do without a reload. (That the hub closes the sockets at once, for each of
// the four events, is shown on the wire in test/integration/console-sockets.test.ts.)
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { byTest, logInToConsole, textOf } from '../helpers/pages.ts';

const SHOTS = process.env.MUSTER_SCREENSHOTS ?? '';

let browser: TestBrowser;
let hub: TestHub;
let admin: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  hub = await startTestHub();
  admin = await hub.login('admin');
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await hub?.dispose();
});

/** A browser profile of its own (a tablet); pages opened in it share its cookies. */
async function profile(): Promise<BrowserContext> {
  const context = await browser.browser.createBrowserContext();
  contexts.push(context);
  return context;
}

async function page(context: BrowserContext): Promise<Page> {
  const opened = await context.newPage();
  await opened.setViewport({ width: 1280, height: 800 });
  return opened;
}

const waitForText = (on: Page, name: string, pattern: RegExp) =>
  on.waitForFunction((selector, source) => new RegExp(source).test(document.querySelector(selector)?.textContent ?? ''), { timeout: 10_000 }, byTest(name), pattern.source);

async function shots(on: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  // A background tab's screenshot can hang.
  await on.bringToFront();
  for (const [width, height] of [[1920, 1080], [1280, 720], [800, 480], [1080, 1920]] as const) {
    await on.setViewport({ width, height });
    await on.screenshot({ path: `${SHOTS}/${name}-${width}x${height}.png` });
  }
  await on.setViewport({ width: 1280, height: 800 });
}

describe('a console whose session ends elsewhere', () => {
  it('logged out in another tab: the other tab says its session has ended at once and offers the login in place', async () => {
    const tablet = await profile();
    const first = await page(tablet);
    await logInToConsole(first, hub, 'office');
    const second = await page(tablet);
    await second.goto(`${hub.origin}/console/`);
    await waitForText(second, 'console-connection', /Live/);

    // Tabs in the background do not paint: each is brought to the front to be used.
    await first.bringToFront();
    await first.click(byTest('logout'));
    await first.waitForSelector(byTest('login-username'));
    await second.bringToFront();
    await second.waitForSelector(byTest('session-ended'));
    expect(await textOf(second, 'session-ended')).toMatch(/Your session has ended/);
    await waitForText(second, 'console-connection', /Logged out/);
    expect(await second.$(byTest('session-renew-password'))).not.toBeNull();
    await shots(second, 'console-logged-out-elsewhere');
  });

  it('its account disabled: the console says its session has ended, and the password no longer logs in', async () => {
    expect((await hub.api('/api/users', { cookie: admin, body: { username: 'leaving', role: 'office', password: 'leaving-pass-1234' } })).status).toBe(200);
    const tablet = await page(await profile());
    await tablet.goto(`${hub.origin}/console/`);
    await tablet.waitForSelector(byTest('login-username'));
    await tablet.type(byTest('login-username'), 'leaving');
    await tablet.type(byTest('login-password'), 'leaving-pass-1234');
    await tablet.click(byTest('login-submit'));
    await waitForText(tablet, 'console-connection', /Live/);

    expect((await hub.api('/api/users/leaving', { method: 'PATCH', cookie: admin, body: { disabled: true } })).status).toBe(200);
    await tablet.waitForSelector(byTest('session-ended'));
    await tablet.type(byTest('session-renew-password'), 'leaving-pass-1234');
    await tablet.click(byTest('session-renew-submit'));
    await waitForText(tablet, 'session-renew-error', /disabled/);
    await shots(tablet, 'console-account-disabled');
  });

  it('its role changed: the console shows what the new role may do, without a reload', async () => {
    expect((await hub.api('/api/users', { cookie: admin, body: { username: 'newcomer', role: 'viewer', password: 'newcomer-pass-1234' } })).status).toBe(200);
    const tablet = await page(await profile());
    await tablet.goto(`${hub.origin}/console/`);
    await tablet.waitForSelector(byTest('login-username'));
    await tablet.type(byTest('login-username'), 'newcomer');
    await tablet.type(byTest('login-password'), 'newcomer-pass-1234');
    await tablet.click(byTest('login-submit'));
    await waitForText(tablet, 'console-connection', /Live/);
    expect(await tablet.$(byTest('mode-button-lockdown'))).toBeNull();

    expect((await hub.api('/api/users/newcomer', { method: 'PATCH', cookie: admin, body: { role: 'office' } })).status).toBe(200);
    await tablet.waitForSelector(byTest('mode-button-lockdown'));
    await waitForText(tablet, 'console-connection', /Live/);
    expect(await tablet.$(byTest('session-ended'))).toBeNull();
    await shots(tablet, 'console-role-changed');
  });
});
