// One's own account end to end in real Chromium: the office changes its password from the office console (problems
// said at the field; its other console is logged out and logs in again in place, keeping its page), the admin from the
// admin console (reached from its own row in Users); a short session warns before it ends and is renewed inline; and a
// request that finds the session ended offers the login right in the Start dialog.
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { PASSWORDS, startTestHub, type TestHub } from '../helpers/hub.ts';
import { byTest, logInToConsole, textOf, typeInto } from '../helpers/pages.ts';

/** Screenshots for people to look at (the change-password form, the expiry warning); not compared. */
const SHOTS = process.env.MUSTER_SCREENSHOTS ?? '';

let browser: TestBrowser;
const contexts: BrowserContext[] = [];

/** A page of its own browser profile: cookies are not shared, as between two tablets. */
async function device(): Promise<Page> {
  const context = await browser.browser.createBrowserContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  return page;
}

async function logsIn(hub: TestHub, username: string, password: string): Promise<boolean> {
  return (await hub.api('/api/session', { body: { username, password } })).status === 200;
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

const waitForText = (page: Page, name: string, pattern: RegExp, timeout = 10_000) =>
  page.waitForFunction((selector, source) => new RegExp(source).test(document.querySelector(selector)?.textContent ?? ''), { timeout }, byTest(name), pattern.source);

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

describe('changing your own password', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  it('from the office console: the rule shows first, problems are said at the field, the other console logs in again in place', async () => {
    const tablet = await device();
    const deskPc = await device();
    await logInToConsole(tablet, hub, 'office');
    await logInToConsole(deskPc, hub, 'office');
    for (const page of [tablet, deskPc]) await waitForText(page, 'console-connection', /Live/);

    await tablet.click(byTest('open-account'));
    await tablet.waitForSelector(byTest('own-password-form'));
    // The focus is in the first field, and the rule is on the page before anything is typed.
    expect(await tablet.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('own-password-current');
    expect(await textOf(tablet, 'account-panel')).toMatch(/At least 10 characters\. Not the same as your current one\./);

    await typeInto(tablet, 'own-password-current', 'not-my-password');
    await typeInto(tablet, 'own-password-next', 'short');
    await tablet.click(byTest('own-password-submit'));
    await tablet.waitForSelector(byTest('own-password-next-problem'));
    expect(await textOf(tablet, 'own-password-next-problem')).toBe('Use at least 10 characters.');

    await typeInto(tablet, 'own-password-next', 'office-new-pass-1');
    await typeInto(tablet, 'own-password-repeat', 'office-new-pass-2');
    await tablet.click(byTest('own-password-submit'));
    await tablet.waitForSelector(byTest('own-password-repeat-problem'));
    expect(await textOf(tablet, 'own-password-repeat-problem')).toMatch(/differ/);

    await typeInto(tablet, 'own-password-repeat', 'office-new-pass-1');
    await tablet.click(byTest('own-password-submit'));
    await waitForText(tablet, 'own-password-current-problem', /That is not your current password\./);
    expect(await logsIn(hub, 'office', PASSWORDS.office)).toBe(true); // nothing changed

    await typeInto(tablet, 'own-password-current', PASSWORDS.office);
    await typeInto(tablet, 'own-password-next', 'office-new-pass-1');
    await typeInto(tablet, 'own-password-repeat', 'office-new-pass-1');
    await screenshot(tablet, 'change-password-office');
    await tablet.click(byTest('own-password-submit'));
    await waitForText(tablet, 'own-password-changed', /other sessions were logged out; this one goes on/);
    await screenshot(tablet, 'change-password-office-done');

    expect(await logsIn(hub, 'office', PASSWORDS.office)).toBe(false);
    expect(await logsIn(hub, 'office', 'office-new-pass-1')).toBe(true);
    // This tablet goes on, live, on its fresh session.
    await waitForText(tablet, 'console-connection', /Live/);
    expect(await tablet.$(byTest('session-ended'))).toBeNull();
    expect(await tablet.evaluate(() => fetch('/api/session').then((r) => r.status))).toBe(200);

    // The other console was logged out: it says so where the office is looking, and keeps its page.
    await deskPc.waitForSelector(byTest('session-ended'));
    expect(await deskPc.$(byTest('mode-button-lockdown'))).not.toBeNull();
    await screenshot(deskPc, 'session-ended-elsewhere');
    await typeInto(deskPc, 'session-renew-password', PASSWORDS.office);
    await deskPc.click(byTest('session-renew-submit'));
    await waitForText(deskPc, 'session-renew-error', /Wrong username or password/);
    await typeInto(deskPc, 'session-renew-password', 'office-new-pass-1');
    await deskPc.click(byTest('session-renew-submit'));
    await deskPc.waitForSelector(byTest('session-renewed'));
    expect(await deskPc.$(byTest('session-ended'))).toBeNull();
    await waitForText(deskPc, 'console-connection', /Live/);
  });

  it('from the admin console, reached from the admin’s own row in Users', async () => {
    const laptop = await device();
    await logInToConsole(laptop, hub, 'admin', '/admin/');
    await laptop.click(byTest('nav-users'));
    await laptop.waitForSelector(byTest('change-own-password'));
    expect(await textOf(laptop, 'user-row-admin')).toMatch(/Change your password/);
    await laptop.click(byTest('change-own-password'));
    await laptop.waitForSelector(byTest('account-page'));
    expect(await laptop.evaluate(() => location.hash)).toBe('#account');

    await typeInto(laptop, 'own-password-current', PASSWORDS.admin);
    await typeInto(laptop, 'own-password-next', PASSWORDS.admin);
    await typeInto(laptop, 'own-password-repeat', PASSWORDS.admin);
    await laptop.click(byTest('own-password-submit'));
    await waitForText(laptop, 'own-password-next-problem', /must differ from the current one/);

    await typeInto(laptop, 'own-password-next', 'admin-new-pass-1');
    await typeInto(laptop, 'own-password-repeat', 'admin-new-pass-1');
    await screenshot(laptop, 'change-password-admin');
    await laptop.click(byTest('own-password-submit'));
    await waitForText(laptop, 'own-password-changed', /Your password is changed/);
    expect(await logsIn(hub, 'admin', PASSWORDS.admin)).toBe(false);
    expect(await logsIn(hub, 'admin', 'admin-new-pass-1')).toBe(true);
    // The admin goes on working on this session.
    await laptop.click(byTest('nav-users'));
    await laptop.waitForSelector(byTest('users-table'));
    expect(await laptop.$(byTest('session-ended'))).toBeNull();
  });
});

describe('a session that ends', () => {
  let hub: TestHub;
  beforeAll(async () => {
    // Twelve minutes: inside the warning time from the start.
    hub = await startTestHub({ overrides: { officeSessionHours: 0.2 } });
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  it('is announced before it ends, without covering the mode buttons during an emergency, and renewed in place', async () => {
    const office = await hub.login('office');
    expect((await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    const tablet = await device();
    await logInToConsole(tablet, hub, 'office');
    await tablet.waitForSelector(byTest('session-ending'));
    const warning = await textOf(tablet, 'session-ending');
    expect(warning).toMatch(/^Your session ends at \d\d:\d\d( [AP]M)?\. Log in again now so it does not end during an emergency\./);
    await tablet.waitForSelector(byTest('mode-button-lockdown'));
    await screenshot(tablet, 'session-ending-warning');

    // Not a dialog: every mode button is still the thing under its own middle.
    const covered = await tablet.$$eval('[data-test^="mode-button-"]', (buttons) =>
      buttons.filter((button) => {
        button.scrollIntoView({ block: 'center' });
        const box = button.getBoundingClientRect();
        return !button.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
      }).length,
    );
    expect(covered).toBe(0);
    expect(await tablet.$('.overlay')).toBeNull();

    await typeInto(tablet, 'session-renew-password', PASSWORDS.office);
    await tablet.click(byTest('session-renew-submit'));
    await waitForText(tablet, 'session-renewed', /You are logged in again, until \d\d:\d\d( [AP]M)?\./);
    await waitForText(tablet, 'console-connection', /Live/);
  });

  it('asks for the password inside the dialog when a request finds it ended, then the mode starts', async () => {
    const tablet = await device();
    await logInToConsole(tablet, hub, 'office');
    await waitForText(tablet, 'console-connection', /Live/);
    await tablet.click(byTest('mode-button-hold'));
    await tablet.waitForSelector(byTest('confirm-panel'));
    await tablet.click(byTest('choose-drill'));
    // The session ends while the dialog is open (logged out elsewhere, or its end time): the next request gets 401.
    // (A session that ends closes the console's live link too, so the mode buttons are only usable before.)
    const cookie = (await tablet.cookies()).find((c) => c.name === 'muster_session')!;
    expect((await hub.api('/api/session', { method: 'DELETE', cookie: `muster_session=${cookie.value}` })).status).toBe(200);
    await tablet.click(byTest('confirm-start'));
    // The dialog asks for the password as soon as the console learns the session ended: from the closed live link,
    // which may come before the request's own 401; the request's error is said in the dialog when its answer comes.
    await tablet.waitForSelector(byTest('dialog-session-ended'));
    await tablet.waitForFunction((selector) => /Your session has ended/.test(document.querySelector(selector)?.textContent ?? ''), {}, byTest('start-error'));
    await tablet.waitForSelector(byTest('session-ended')); // and the bar under the header says so too
    await screenshot(tablet, 'session-ended-in-dialog');

    await typeInto(tablet, 'dialog-renew-password', PASSWORDS.office);
    await tablet.click(byTest('dialog-renew-submit'));
    await tablet.waitForFunction((selector) => !document.querySelector(selector), {}, byTest('dialog-session-ended'));
    await tablet.click(byTest('confirm-start'));
    await tablet.waitForFunction((selector) => !document.querySelector(selector), {}, byTest('confirm-panel'));
    const modes = (await hub.api('/api/state', { cookie: await hub.login('viewer') })).body.state.modes;
    expect(modes.map((m: { mode: string }) => m.mode)).toContain('hold');
  });
});
