// Editing the Lockdown directive in the admin console, in real Chromium: the preview shows the new text as a
// screen would, and after saving, a hallway screen's Lockdown takeover says it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { openScreenAndConsole, type ScreenAndConsole } from '../helpers/devices.ts';
import { screenPath, type TestHub } from '../helpers/hub.ts';
import { byTest, inScreen, logInToConsole, waitForScreen } from '../helpers/pages.ts';

const DIRECTIVE = 'Lock the door, lights off, away from the door, silent.';
let devices: ScreenAndConsole;
let hub: TestHub;
let screen: Page;
let admin: Page;

beforeAll(async () => {
  devices = await openScreenAndConsole();
  ({ hub, screen, console: admin } = devices);
});

afterAll(async () => {
  await devices?.close();
});

const takeoverText = (page: Page | Frame) => page.$eval(`${inScreen('takeover')}`, (el) => el.textContent ?? '').catch(() => '');

describe('editing what screens say in a Lockdown', () => {
  it('previews the new directive on the takeover as a screen shows it', async () => {
    await screen.goto(`${hub.origin}${screenPath('main-1-east')}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });

    await logInToConsole(admin, hub, 'admin', '/admin/#modes');
    await admin.waitForSelector(byTest('wordings-directive'));
    expect(await admin.$eval(byTest('wordings-mode'), (el) => (el as HTMLSelectElement).value)).toBe('lockdown');
    const input = await admin.$(byTest('wordings-directive'));
    await input!.click({ clickCount: 3 });
    await input!.type(DIRECTIVE);
    const preview = (await (await admin.$(byTest('wordings-preview')))!.contentFrame())!;
    await preview.waitForFunction(
      (text) => {
        const takeover = document.querySelector('muster-preview')?.shadowRoot?.querySelector('screen-mode-takeover');
        return takeover?.shadowRoot?.textContent?.includes(text) ?? false;
      },
      { timeout: 10_000 },
      DIRECTIVE,
    );
  });

  it('saves it for every screen: a Lockdown on the hallway screen shows the new directive', async () => {
    await admin.click(byTest('wordings-save'));
    await admin.waitForSelector(byTest('wordings-saved'));
    const office = await hub.login('office');
    const started = await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    expect(started.status).toBe(200);
    await waitForScreen(screen, { mode: 'lockdown' });
    await screen.waitForFunction(
      (text) => document.querySelector('muster-screen')?.shadowRoot?.querySelector('screen-mode-takeover')?.shadowRoot?.textContent?.includes(text) ?? false,
      { timeout: 10_000 },
      DIRECTIVE,
    );
    expect(await takeoverText(screen)).not.toContain('Locks, lights, out of sight.');
  });
});
