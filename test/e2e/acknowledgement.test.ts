// Procedure acknowledgement end to end in real Chromium (issue 14, item 2): a teacher on a phone reads Lockdown's staff
// steps at /training/ and acknowledges them; the admin changes Lockdown's staff wording in the admin console; the
// teacher is asked again, with the new steps shown and when they changed; the admin's Acknowledgements page shows who
// has not read the current version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { modeWordingFor } from '../../shared/modes.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { byTest, logInToConsole } from '../helpers/pages.ts';

const NEW_STEP = 'Take the class list to the hardened corner.';
const LOCKDOWN = '[data-procedure="mode:lockdown"]';

let hub: TestHub;
let browser: TestBrowser;
let phone: Page;
let laptop: Page;
let staff: string;
let admin: string;

beforeAll(async () => {
  hub = await startTestHub();
  [admin, staff] = await Promise.all([hub.login('admin'), hub.login('staff')]);
  // A second teacher, who reads nothing.
  expect((await hub.api('/api/users', { cookie: admin, body: { username: 'teacher-two', role: 'staff', password: 'teacher-two-pass' } })).status).toBe(200);
  browser = await launchBrowser();
  phone = await (await browser.browser.createBrowserContext()).newPage();
  await phone.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
  laptop = await (await browser.browser.createBrowserContext()).newPage();
  await laptop.setViewport({ width: 1280, height: 800 });
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

/** The Lockdown steps the teacher's phone shows, to read or among those read. */
const lockdownSteps = (page: Page, where: string) => page.$$eval(`${where} ${byTest('procedure-steps')} li`, (items) => items.map((li) => li.textContent!.trim()));

async function lockdownOnHub(): Promise<{ status: string; version: string }> {
  const { body } = await hub.api('/api/acknowledgements/mine', { cookie: staff });
  return body.procedures.find((p: { key: string }) => p.key === 'mode:lockdown');
}

describe('acknowledging a procedure, and its new version', () => {
  it('a teacher on a phone reads Lockdown’s staff steps and acknowledges them', async () => {
    await logInToConsole(phone, hub, 'staff', '/training/');
    await phone.waitForSelector(`${byTest('procedure')}${LOCKDOWN}[data-status="never"]`);
    expect(await lockdownSteps(phone, `${byTest('procedure')}${LOCKDOWN}`)).toEqual(modeWordingFor('lockdown', 'en').staff);
    // The confirm fits the phone's width, where a thumb finds it.
    const button = (await phone.$eval(`${LOCKDOWN} ${byTest('acknowledge')}`, (el) => el.getBoundingClientRect().toJSON())) as DOMRect;
    expect(button.right).toBeLessThanOrEqual(390);
    expect(button.height).toBeGreaterThanOrEqual(48);

    await phone.click(`${LOCKDOWN} ${byTest('acknowledge')}`);
    await phone.waitForSelector(`${byTest('procedure-read')}${LOCKDOWN}`);
    expect(await phone.$(`${byTest('procedure')}${LOCKDOWN}`)).toBeNull();
    expect(await phone.$eval(byTest('procedures-notice'), (el) => el.textContent)).toContain('Lockdown: staff steps');
    expect((await lockdownOnHub()).status).toBe('current');
  });

  it('the admin changes Lockdown’s staff wording in the admin console', async () => {
    await logInToConsole(laptop, hub, 'admin', '/admin/#modes');
    await laptop.waitForSelector(byTest('wordings-staff'));
    expect(await laptop.$eval(byTest('wordings-mode'), (el) => (el as HTMLSelectElement).value)).toBe('lockdown');
    await laptop.click(byTest('wordings-staff'));
    // To the end of the last step, then a new line with the new step.
    await laptop.keyboard.down('Control');
    await laptop.keyboard.press('End');
    await laptop.keyboard.up('Control');
    await laptop.keyboard.press('Enter');
    await laptop.keyboard.type(NEW_STEP);
    await laptop.click(byTest('wordings-save'));
    await laptop.waitForSelector(byTest('wordings-saved'));
    const { body } = await hub.api('/api/mode-wordings', { cookie: admin });
    expect(body.wordings.lockdown.en.staff.at(-1)).toBe(NEW_STEP);
  });

  it('the teacher is asked again, shown the new steps and when they changed', async () => {
    await phone.reload();
    await phone.waitForSelector(`${byTest('procedure')}${LOCKDOWN}[data-status="older"]`);
    expect(await lockdownSteps(phone, `${byTest('procedure')}${LOCKDOWN}`)).toEqual([...modeWordingFor('lockdown', 'en').staff, NEW_STEP]);
    expect(await phone.$eval(`${LOCKDOWN} ${byTest('procedure-updated')}`, (el) => el.textContent)).toMatch(/^Updated on .+\. You read the earlier version on .+; please read it again\.$/);
    expect((await lockdownOnHub()).status).toBe('older');
  });

  it('the admin’s page shows who has not acknowledged the current version, and then who has', async () => {
    await laptop.goto(`${hub.origin}/admin/#acknowledgements`);
    const card = `${byTest('procedure-standing')}${LOCKDOWN}`;
    await laptop.waitForSelector(card);
    expect(await laptop.$eval(`${card} ${byTest('read-count')}`, (el) => el.textContent)).toBe('0 of 2');
    expect(await laptop.$$eval(`${card} ${byTest('older')}`, (items) => items.map((li) => li.getAttribute('data-username')))).toEqual(['staff']);
    expect(await laptop.$$eval(`${card} ${byTest('never')}`, (items) => items.map((li) => li.getAttribute('data-username')))).toEqual(['teacher-two']);

    await phone.click(`${LOCKDOWN} ${byTest('acknowledge')}`);
    await phone.waitForSelector(`${byTest('procedure-read')}${LOCKDOWN}`);
    expect((await lockdownOnHub()).status).toBe('current');

    await laptop.reload();
    await laptop.waitForSelector(card);
    expect(await laptop.$eval(`${card} ${byTest('read-count')}`, (el) => el.textContent)).toBe('1 of 2');
    expect(await laptop.$(`${card} ${byTest('older')}`)).toBeNull();
    expect(await laptop.$$eval(`${card} ${byTest('never')}`, (items) => items.map((li) => li.getAttribute('data-username')))).toEqual(['teacher-two']);
    await laptop.click(byTest('view-person'));
    await laptop.waitForSelector(byTest('person-table'));
    expect(await laptop.$$eval(`${byTest('person-row')}[data-username="teacher-two"] td`, (cells) => cells.map((td) => td.getAttribute('data-status')))).toEqual(['never', 'never', 'never', 'never', 'never']);
  });
});
