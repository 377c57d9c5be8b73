// The Users page end to end in real Chromium: an admin creates a user (a bad name and a taken one are refused at
// the field), the generated password is shown once and logs in, then changes the role, resets the password behind
// a confirm, and disables the account; the hub has each change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { byTest, logInToConsole, textOf as textOfElement, typeInto as typeIntoField } from '../helpers/pages.ts';

let hub: TestHub;
let browser: TestBrowser;
let page: Page;
let admin: string;

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
  browser = await launchBrowser();
  page = await browser.browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

async function userOnHub(username: string): Promise<{ role: string; disabled: boolean } | undefined> {
  const { body } = await hub.api('/api/users', { cookie: admin });
  return body.users.find((u: { username: string }) => u.username === username);
}

async function logsIn(username: string, password: string): Promise<boolean> {
  const { status } = await hub.api('/api/session', { body: { username, password } });
  return status === 200;
}

const typeInto = (name: string, text: string) => typeIntoField(page, name, text);
const textOf = (name: string) => textOfElement(page, name);

describe('users page', () => {
  it('lists the users, with no controls on the admin’s own account', async () => {
    await logInToConsole(page, hub, 'admin', '/admin/');
    await page.click(byTest('nav-users'));
    await page.waitForSelector(byTest('users-table'));
    for (const name of ['admin', 'office', 'viewer']) expect(await page.$(byTest(`user-row-${name}`)), name).not.toBeNull();
    expect(await page.$(byTest('user-disable-admin'))).toBeNull();
    expect(await page.$(byTest('user-reset-admin'))).toBeNull();
    expect(await page.$eval(byTest('user-role-admin'), (el) => (el as HTMLSelectElement).disabled)).toBe(true);
  });

  it('says at the field what is wrong before asking the hub, and that a username is taken after', async () => {
    await typeInto('new-user-username', 'Bad Name');
    await page.click(byTest('new-user-submit'));
    await page.waitForSelector(byTest('new-user-username-problem'));
    expect(await textOf('new-user-username-problem')).toMatch(/lowercase letters/);
    expect(await textOf('new-user-role-problem')).toMatch(/choose admin, office, viewer or staff/i);
    // The first field with a problem has the focus, and says what is wrong with it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('new-user-username');
    expect(await page.$eval(byTest('new-user-username'), (el) => el.getAttribute('aria-invalid'))).toBe('true');

    await typeInto('new-user-username', 'office');
    await page.select(byTest('new-user-role'), 'viewer');
    await page.click(byTest('new-user-submit'));
    await page.waitForFunction((sel) => /taken/.test(document.querySelector(sel)?.textContent ?? ''), {}, byTest('new-user-username-problem'));
    expect(await page.$(byTest('new-user-role-problem'))).toBeNull();
  });

  it('creates a user with a generated password, shown once, that logs in', async () => {
    await typeInto('new-user-username', 'm.garcia');
    await page.select(byTest('new-user-role'), 'viewer');
    await page.click(byTest('new-user-submit'));
    await page.waitForSelector(`${byTest('users-page')} ${byTest('new-password')}`);
    const password = await textOf('new-password');
    expect(password.length).toBeGreaterThanOrEqual(10);
    expect(await logsIn('m.garcia', password)).toBe(true);
    await page.waitForSelector(byTest('user-row-m.garcia'));
    expect(await userOnHub('m.garcia')).toMatchObject({ role: 'viewer', disabled: false });
    await page.click(byTest('new-password-done'));
    expect(await page.$(byTest('new-password'))).toBeNull();
  });

  it('changes the role', async () => {
    await page.select(byTest('user-role-m.garcia'), 'office');
    await page.click(byTest('user-role-save-m.garcia'));
    await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLButtonElement | null)?.disabled === true, {}, byTest('user-role-save-m.garcia'));
    await expect.poll(async () => (await userOnHub('m.garcia'))?.role).toBe('office');
  });

  it('resets the password only after a confirm, and shows the new one once', async () => {
    await page.click(byTest('user-reset-m.garcia'));
    await page.waitForSelector(byTest('reset-password-dialog'));
    await page.click(byTest('cancel-reset'));
    expect(await page.$(byTest('reset-password-dialog'))).toBeNull();

    await page.click(byTest('user-reset-m.garcia'));
    await page.click(byTest('confirm-reset'));
    await page.waitForSelector(`${byTest('reset-password-dialog')} ${byTest('new-password')}`);
    const password = await textOf('new-password');
    expect(await logsIn('m.garcia', password)).toBe(true);
    await page.click(byTest('new-password-done'));
    expect(await page.$(byTest('reset-password-dialog'))).toBeNull();
  });

  it('disables the account after a confirm, and enables it again', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click(byTest('user-disable-m.garcia'));
    await page.waitForSelector(byTest('user-enable-m.garcia'));
    expect(await textOf('user-status-m.garcia')).toBe('Disabled');
    expect(await userOnHub('m.garcia')).toMatchObject({ disabled: true });

    await page.click(byTest('user-enable-m.garcia'));
    await page.waitForSelector(byTest('user-disable-m.garcia'));
    expect(await userOnHub('m.garcia')).toMatchObject({ disabled: false });
  });
});

describe('a staff account', () => {
  it('is sent from the office and admin consoles to its training, where it is logged in', async () => {
    const staffPage = await browser.browser.newPage();
    try {
      await staffPage.setViewport({ width: 390, height: 844 });
      for (const path of ['/console/', '/admin/']) {
        await staffPage.deleteCookie(...(await staffPage.cookies(hub.origin)));
        await logInToConsole(staffPage, hub, 'staff', path);
        await staffPage.waitForFunction(() => location.pathname === '/training/');
        await staffPage.waitForSelector(byTest('logout'));
        expect(await staffPage.$eval('h1', (el) => el.textContent), path).toBe('Know your building');
      }
    } finally {
      await staffPage.close();
    }
  });
});
