// A note from the office travels with the mode: typed in the Start dialog, shown whole on the screens in scope (on
// a small 800 × 480 display too, with a map and without), listed in the console and in the drill report.
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
