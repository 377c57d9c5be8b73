// Pairing a fresh screen from the admin console, in real Chromium: the screen shows a code, the admin enters it
// with the screen's place, the screen starts showing its normal view; unpairing sends it back to a code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { openScreenAndConsole, type ScreenAndConsole } from '../helpers/devices.ts';
import type { TestHub } from '../helpers/hub.ts';
import { byTest, inScreen, logInToConsole, screenText, waitForScreen } from '../helpers/pages.ts';

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

const codeOnScreen = (page: Page) => page.$eval(`muster-pairing >>> ${byTest('pairing-code')}`, (el) => el.textContent?.trim() ?? '');

describe('pairing a fresh screen from the admin console', () => {
  let code = '';

  it('shows a pairing code on a screen opened with no identity', async () => {
    await screen.goto(`${hub.origin}/screen/`);
    await screen.waitForSelector(`muster-pairing >>> ${byTest('pairing-code')}`, { timeout: 10_000 });
    code = await codeOnScreen(screen);
    expect(code).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  });

  it('refuses a wrong code in the form, saying so', async () => {
    await logInToConsole(admin, hub, 'admin', '/admin/');
    await admin.click(`${byTest('pair-panel')} summary`);
    await admin.type(byTest('pair-code'), 'QQQ-QQQ');
    await admin.type(byTest('pair-name'), 'Library, by the desk');
    await admin.select(byTest('pair-building'), 'main');
    await admin.select(byTest('pair-floor'), 'main-2');
    await admin.type(byTest('pair-location'), '2nd floor, library entrance');
    await admin.click(byTest('pair-submit'));
    await admin.waitForSelector(byTest('pair-error'));
    expect(await admin.$eval(byTest('pair-error'), (el) => el.textContent)).toMatch(/No screen is showing the code QQQ-QQQ/);
  });

  it('pairs the screen with the code it shows; the screen then shows its normal view at its place', async () => {
    const input = await admin.$(byTest('pair-code'));
    await input!.click({ clickCount: 3 });
    await input!.type(code);
    await admin.click(byTest('pair-submit'));
    await admin.waitForSelector(byTest('pair-done'));
    expect(await admin.$eval(byTest('pair-done'), (el) => el.textContent)).toMatch(/library-by-the-desk/);

    await screen.waitForFunction(() => location.search === '?id=library-by-the-desk', { timeout: 10_000 });
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });
    // Everything the screen shows, through the shadow roots of its parts.
    const text = await screenText(screen);
    expect(text).toContain('2nd floor, library entrance');
    // The token is kept by the screen, never in its address.
    expect(screen.url()).not.toContain('token');
  });

  it('shows its name on the screen when the admin asks it to identify itself', async () => {
    await admin.waitForSelector(`${byTest('identify-library-by-the-desk')}:not([disabled])`, { timeout: 10_000 });
    await admin.click(byTest('identify-library-by-the-desk'));
    await screen.waitForSelector(inScreen('identify'), { timeout: 5000 });
    expect(await screen.$eval(inScreen('identify'), (el) => el.textContent)).toContain('Library, by the desk');
  });

  it('sends the screen back to a pairing code when the admin unpairs it', async () => {
    await admin.waitForSelector(byTest('unpair-library-by-the-desk'), { timeout: 10_000 });
    await admin.click(byTest('unpair-library-by-the-desk'));
    await admin.click(byTest('confirm-unpair-library-by-the-desk'));
    await screen.waitForSelector(`muster-pairing >>> ${byTest('pairing-code')}`, { timeout: 10_000 });
    expect(await screen.$(inScreen('takeover'))).toBeNull();
    expect(await screen.evaluate(() => localStorage.getItem('muster:identity:library-by-the-desk'))).toBeNull();
    // It asks to be paired at the address it had, so it cannot take up another identity this profile may hold.
    expect(new URL(screen.url()).search).toBe('?id=library-by-the-desk');
  });
});
