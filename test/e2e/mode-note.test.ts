// A note from the office travels with the mode: typed in the Start dialog, shown whole on the screens in scope (on
// a small 800 × 480 display too, with a map and without), listed in the console and in the drill report. After the
// drill the admin reviews it: the after-action report's timeline has the note and the screen's paint, an observation
// and a corrective action are added in the admin console, and the printed report and compliance log say so (pdf.js).
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { openScreenAndConsole, type ScreenAndConsole } from '../helpers/devices.ts';
import { screenPath, type TestHub } from '../helpers/hub.ts';
import { byTest, hiddenPart, inScreen, logInToConsole, waitForScreen } from '../helpers/pages.ts';

const NOTE = 'Medical emergency in the gym: keep the halls clear and let the nurse through';

let devices: ScreenAndConsole;
let hub: TestHub;
let screen: Page;
let office: Page;

beforeAll(async () => {
  devices = await openScreenAndConsole();
  ({ hub, screen, console: office } = devices);
  await screen.setViewport({ width: 800, height: 480 });
});

afterAll(async () => {
  await devices?.close();
});

describe('a note on a mode', () => {
  it('is typed in the Start dialog and shown whole on a small screen in scope, with its map', async () => {
    await screen.goto(`${hub.origin}${screenPath('gym')}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });
    await logInToConsole(office, hub, 'office');
    await office.click(byTest('mode-button-evacuate'));
    await office.waitForSelector(byTest('confirm-panel'));
    await office.click(byTest('choose-drill'));
    await office.type(byTest('mode-note'), NOTE);
    await office.click(byTest('confirm-start'));
    await waitForScreen(screen, { mode: 'evacuate', drill: 'true' });
    const note = (await screen.waitForSelector(inScreen('mode-note')))!;
    // Screens say what to do now; the SRP's "To a location." is the office's PA script.
    const directive = await screen.$eval('muster-screen', (el) => el.shadowRoot!.querySelector('screen-mode-takeover')!.shadowRoot!.querySelector('.directive')!.textContent);
    expect(directive).toBe('Leave the building by the nearest safe exit.');
    expect(await note.evaluate((el) => el.textContent)).toBe(NOTE);
    expect(await hiddenPart(note)).toBeNull();
    await screen.screenshot({ path: '/tmp/muster-mode-note-800x480.png' });
  });

  it('is shown whole without a map too (Lockdown shows none), above the steps', async () => {
    const lockdownNote = 'Intruder reported near the east doors. Stay out of sight until the All Clear.';
    const started = await hub.api('/api/modes', {
      method: 'POST',
      cookie: await hub.login('office'),
      body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true, note: lockdownNote },
    });
    expect(started.status).toBe(200);
    await waitForScreen(screen, { mode: 'lockdown', drill: 'true' });
    await screen.waitForFunction((text) => {
      const takeover = document.querySelector('muster-screen')?.shadowRoot?.querySelector('screen-mode-takeover');
      return takeover?.shadowRoot?.querySelector('[data-test="mode-note"]')?.textContent === text;
    }, {}, lockdownNote);
    expect(await hiddenPart((await screen.$(inScreen('mode-note')))!)).toBeNull();
    await screen.screenshot({ path: '/tmp/muster-mode-note-lockdown-800x480.png' });
  });

  it('is listed with the active mode in the console and in the drill report', async () => {
    // The Lockdown replaced the Evacuate on the same scope: the console lists the active one's note.
    await office.waitForFunction(() => document.querySelector('[data-test="active-note"]')?.textContent?.includes('Intruder reported'));
    const reports = await hub.api('/api/drill-reports', { cookie: await hub.login('office') });
    expect(reports.body.changes.map((c: any) => c.detail)).toContainEqual(expect.stringContaining(`note: “${NOTE}”`));
  });
});

/** A PDF the hub prints, as its text with all white space removed (PDF text runs split words anywhere). */
async function pdfText(path: string): Promise<string> {
  const response = await fetch(`${hub.origin}${path}`, { headers: { Cookie: await hub.login('viewer') } });
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const doc = await getDocument({ data: new Uint8Array(await response.arrayBuffer()), verbosity: 0 }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) text += (await (await doc.getPage(n)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
  return text.replace(/\s+/g, '');
}
const squash = (text: string) => text.replace(/\s+/g, '');

describe('the drill’s after-action report', () => {
  it('is reviewed in the admin console and printed with its timeline, observation and action, beside the compliance log', async () => {
    const cleared = await hub.api('/api/all-clear', { cookie: await hub.login('office'), body: { scope: { kind: 'site' }, drill: true } });
    expect(cleared.status).toBe(200);
    await waitForScreen(screen, { mode: 'normal' });
    const { body: list } = await hub.api('/api/drill-reports', { cookie: await hub.login('viewer') });
    const lockdown = list.changes.find((c: any) => c.mode === 'lockdown');

    // The admin, on a laptop of their own: a fresh context of the console's browser, with no session yet.
    const laptop = await office.browser().createBrowserContext();
    const admin = await laptop.newPage();
    await admin.setViewport({ width: 1280, height: 800 });
    await logInToConsole(admin, hub, 'admin', '/admin/');
    await admin.goto(`${hub.origin}/admin/#drills/${lockdown.seq}`);
    await admin.waitForSelector(byTest('timeline'));
    const timeline = await admin.$$eval(byTest('timeline-entry'), (rows) => rows.map((row) => [row.getAttribute('data-kind'), row.textContent]));
    expect(timeline.map(([kind]) => kind)).toEqual(['start', 'note', 'screen', 'end']);
    expect(timeline[1]![1]).toContain('Intruder reported near the east doors');

    await admin.type(byTest('observation-text'), 'The gym screen showed the note in full; the east doors stayed closed.');
    await admin.click(byTest('observation-add'));
    await admin.waitForSelector(byTest('observation'));
    await admin.type(byTest('action-text'), 'Practise the lockdown with the after-school club');
    await admin.type(byTest('action-owner'), 'office');
    await admin.$eval(byTest('action-due'), (input) => {
      (input as HTMLInputElement).value = '2099-03-01';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await admin.click(byTest('action-add'));
    await admin.waitForSelector(byTest('corrective-action'));
    expect(await admin.$eval(byTest('corrective-action'), (row) => row.getAttribute('data-status'))).toBe('open');

    const reportPdf = await admin.$eval(byTest('after-action-pdf'), (link) => link.getAttribute('href')!);
    const report = await pdfText(reportPdf);
    for (const words of [
      'Lockdown drill · Whole school',
      'Note to the screens: “Intruder reported near the east doors',
      'Gymnasium, by the north doors) painted Lockdown',
      'All Clear (drill) for Whole school',
      'The gym screen showed the note in full',
      'Practise the lockdown with the after-school club',
      'March 1, 2099',
    ]) {
      expect(report, words).toContain(squash(words));
    }

    // The compliance log, once the school holds its drills to a state's rules.
    await admin.goto(`${hub.origin}/admin/#drills`);
    await admin.waitForSelector(byTest('open-action'));
    await admin.select(byTest('compliance-rule-set'), 'us-mi');
    await admin.waitForSelector(byTest('compliance-pdf'));
    const log = await pdfText(await admin.$eval(byTest('compliance-pdf'), (link) => link.getAttribute('href')!));
    expect(log).toContain(squash('Drill compliance log'));
    expect(log).toContain(squash('Michigan'));
    expect(log).toContain(squash('MCL 29.19'));
    expect(log).toMatch(new RegExp(squash('Main Building: (on track|behind|every drill done)')));
    // The Lockdown drill counts towards Michigan's three lockdown drills.
    expect(log).toMatch(new RegExp(`${squash('three drills with the building secured and everyone kept inside')}.*?1${squash(' of 3')}`));

    // The standing changes as drills are run: one more Lockdown drill, and the panel counts two of Michigan's three.
    const lockdownRule = async () =>
      admin.$$eval(`${byTest('compliance-main')} tbody tr`, (rows) => rows.map((row) => row.textContent!).find((text) => text.includes('building secured and everyone kept inside')) ?? '');
    expect(await lockdownRule()).toContain('1 of 3');
    const office2 = await hub.login('office');
    expect((await hub.api('/api/modes', { cookie: office2, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    expect((await hub.api('/api/all-clear', { cookie: office2, body: { scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    await admin.reload();
    await admin.waitForSelector(`${byTest('compliance-main')} tbody tr`);
    expect(await lockdownRule()).toContain('2 of 3');
    await laptop.close();
  });
});
