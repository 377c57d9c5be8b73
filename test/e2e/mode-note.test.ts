// A note from the office travels with the mode: typed in the Start dialog, shown whole on the screens in scope (on
// a small 800 × 480 display too, with a map and without), listed in the console and in the drill report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { openScreenAndConsole, type ScreenAndConsole } from '../helpers/devices.ts';
import { screenPath, type TestHub } from '../helpers/hub.ts';
import { byTest, inScreen, logInToConsole, waitForScreen } from '../helpers/pages.ts';

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

/**
 * What keeps the note from being read whole, or nothing: its box must lie inside the viewport and inside every
 * ancestor that clips (across shadow roots), and the browser must find the note itself at its centre and near each
 * corner (so no band, notice or map lies over it).
 */
async function hiddenPart(note: ElementHandle): Promise<string | null> {
  return note.evaluate((el) => {
    const box = el.getBoundingClientRect();
    if (box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth) return 'outside the viewport';
    if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) return 'its own text overflows';
    for (let node: Node | null = el.parentNode; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
      if (!(node instanceof Element)) continue;
      const style = getComputedStyle(node);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const clip = node.getBoundingClientRect();
      if (box.top < clip.top - 1 || box.bottom > clip.bottom + 1 || box.left < clip.left - 1 || box.right > clip.right + 1) return `clipped by ${node.tagName.toLowerCase()}.${node.className}`;
    }
    const root = el.getRootNode() as ShadowRoot;
    const points = [
      [box.left + box.width / 2, box.top + box.height / 2],
      [box.left + 3, box.top + 3],
      [box.right - 3, box.top + 3],
      [box.left + 3, box.bottom - 3],
      [box.right - 3, box.bottom - 3],
    ];
    for (const [x, y] of points) {
      const hit = root.elementFromPoint(x!, y!);
      if (hit !== el && !el.contains(hit)) return `covered at ${Math.round(x!)},${Math.round(y!)} by ${hit?.tagName.toLowerCase()}.${hit?.className}`;
    }
    return null;
  });
}

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
