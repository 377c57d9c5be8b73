// The readiness sweep in real Chromium (issue 14, item 5): the facility manager starts a sweep on a phone-sized page of
// the admin console; wall screens show their codes; typing one names that screen and the exit it should show (the one
// the screen shows), sounds its test tone on that screen only, and confirms it; another screen gets a problem
// recorded; the screens list says when each was last swept, or never. A Lockdown during the sweep hides the code at
// once, and it comes back after the All Clear.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { screenPath, startTestHub, type TestHub } from '../helpers/hub.ts';
import { byTest, inScreen, logInToConsole, waitForScreen } from '../helpers/pages.ts';

let hub: TestHub;
let browser: TestBrowser;
let upstairs: Page;
let downstairs: Page;
let phone: Page;

/** A wall screen of the demo school at a laptop-screen size, recording the tones it says it sounded. */
async function openScreen(screenId: string): Promise<Page> {
  const page = await browser.browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  await page.evaluateOnNewDocument(() => {
    const tones: unknown[] = [];
    Object.assign(window, { __tones: tones });
    document.addEventListener('muster-tone', (event) => tones.push((event as CustomEvent).detail));
  });
  await page.goto(`${hub.origin}${screenPath(screenId)}`);
  await waitForScreen(page, { connection: 'open', mode: 'normal' });
  return page;
}

const tonesOf = (page: Page) => page.evaluate(() => (window as unknown as { __tones: { tone: string; mode: string }[] }).__tones);

/** The code the screen shows, as reflected on <muster-screen> once it shows one. */
async function codeOn(page: Page): Promise<string> {
  await page.waitForFunction(() => (document.querySelector('muster-screen')?.getAttribute('data-sweep') ?? 'none') !== 'none', { timeout: 15_000, polling: 50 });
  return page.$eval('muster-screen', (el) => el.getAttribute('data-sweep')!);
}

/** On the phone: type a screen's code and wait for its checklist. */
async function enterCode(code: string, screenId: string): Promise<void> {
  await phone.waitForSelector(byTest('sweep-code-input'));
  await phone.type(byTest('sweep-code-input'), code.toLowerCase());
  await phone.click(byTest('sweep-code-submit'));
  await phone.waitForSelector(`${byTest('sweep-checklist')}[data-screen="${screenId}"]`, { timeout: 10_000 });
}

beforeAll(async () => {
  hub = await startTestHub();
  // As a kiosk is launched: screens may sound without a touch.
  browser = await launchBrowser({ args: ['--autoplay-policy=no-user-gesture-required'] });
  upstairs = await openScreen('main-2-east');
  downstairs = await openScreen('main-1-east');
  phone = await (await browser.browser.createBrowserContext()).newPage();
  await phone.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
  await logInToConsole(phone, hub, 'admin', '/admin/#sweep');
});
afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

describe('a readiness sweep', () => {
  it('shows each screen its code; the phone checks one as fine and records a problem at another; the screens list shows both and the rest never swept', async () => {
    await phone.waitForSelector(byTest('sweep-start-form'));
    await phone.select(byTest('sweep-where'), 'main');
    await phone.click(byTest('sweep-start'));
    await phone.waitForSelector(byTest('sweep-running'));

    const upstairsCode = await codeOn(upstairs);
    const downstairsCode = await codeOn(downstairs);
    expect(upstairsCode).toMatch(/^[A-Z0-9]{5}$/);
    expect(downstairsCode).not.toBe(upstairsCode);
    // The panel shows the code and the screen's name, as the phone will.
    expect(await upstairs.$eval(inScreen('sweep-code'), (el) => el.textContent)).toBe(upstairsCode);

    // A code mistyped by one character is caught as mistyped, not taken for another screen.
    const mistyped = (upstairsCode[0] === 'A' ? 'C' : 'A') + upstairsCode.slice(1);
    await phone.type(byTest('sweep-code-input'), mistyped);
    await phone.click(byTest('sweep-code-submit'));
    await phone.waitForSelector(byTest('sweep-code-error'));
    expect(await phone.$eval(byTest('sweep-code-error'), (el) => el.textContent)).toMatch(/not a sweep code/);
    await phone.click(byTest('sweep-code-input'), { count: 3 });
    await phone.keyboard.press('Backspace');

    await enterCode(upstairsCode, 'main-2-east');
    // The exit the phone says the screen should show is the one it shows.
    const shownExit = await upstairs.$eval(inScreen('route-target'), (el) => el.textContent!.trim());
    expect(await phone.$eval(byTest('sweep-exit'), (el) => el.textContent)).toContain(shownExit);
    await phone.click(byTest('sweep-test-tone'));
    await upstairs.waitForFunction(() => (window as unknown as { __tones: { mode: string }[] }).__tones.some((t) => t.mode === 'test'), { timeout: 10_000, polling: 100 });
    expect(await tonesOf(upstairs)).toEqual([{ tone: 'chime', mode: 'test' }]);
    await phone.click(byTest('sweep-record'));
    await phone.waitForSelector(byTest('sweep-recorded'));
    expect(await phone.$eval(byTest('sweep-recorded'), (el) => el.textContent)).toContain('OK');

    await enterCode(downstairsCode, 'main-1-east');
    await phone.click(byTest('sweep-wrong-map-facing'));
    await phone.type(byTest('sweep-note'), 'The map is upside down.');
    await phone.click(byTest('sweep-record'));
    await phone.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('problem recorded'), { timeout: 10_000 }, byTest('sweep-recorded'));
    // Only the screen asked sounded its test tone.
    expect(await tonesOf(downstairs)).toEqual([]);
    expect(await phone.$eval(byTest('sweep-progress'), (el) => el.textContent)).toMatch(/^2 of 7 screens checked/);

    await phone.goto(`${hub.origin}/admin/#screens`);
    await phone.waitForSelector(byTest('never-swept'));
    const lastSwept = (screenId: string) => phone.$eval(byTest(`last-swept-${screenId}`), (el) => el.textContent!.replace(/\s+/g, ' ').trim());
    expect(await lastSwept('main-2-east')).toMatch(/^Swept .+ by admin: OK$/);
    expect(await lastSwept('main-1-east')).toMatch(/^Swept .+ by admin: problem: map faces the wrong way“The map is upside down\.”$/);
    expect(await lastSwept('gym')).toBe('Never swept');
    expect(await phone.$eval(byTest('never-swept'), (el) => el.getAttribute('data-count'))).toBe('6');
  });

  it('hides the code the moment a Lockdown starts, and shows it again after the All Clear', async () => {
    const code = await codeOn(upstairs);
    const office = await hub.login('office');
    expect((await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    await waitForScreen(upstairs, { mode: 'lockdown', sweep: 'none' });
    // Not hidden behind the takeover: gone from the page.
    expect(await upstairs.$(inScreen('sweep-code'))).toBeNull();
    expect((await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    await waitForScreen(upstairs, { mode: 'normal', sweep: code });

    // Ended on the phone: every screen stops showing its code.
    await phone.goto(`${hub.origin}/admin/#sweep`);
    await phone.waitForSelector(byTest('sweep-end'));
    await phone.click(byTest('sweep-end'));
    await phone.waitForSelector(byTest('sweep-start-form'));
    await waitForScreen(upstairs, { sweep: 'none' });
    await waitForScreen(downstairs, { sweep: 'none' });
  });
});
