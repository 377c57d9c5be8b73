// The office console's Start and All Clear dialogs are real modal dialogs: focus moves into them and stays there
// while tabbing, Escape closes them, and focus returns to the button that opened them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { byTest, logInToConsole } from '../helpers/pages.ts';

let hub: TestHub;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  hub = await startTestHub();
  browser = await launchBrowser();
  page = await browser.browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await logInToConsole(page, hub, 'office');
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

const focusInside = (panel: string) => page.$eval(byTest(panel), (dialog) => dialog.contains(document.activeElement));
/** Focus on something of the page behind the dialog. (Past the dialog's last control, Tab may visit the browser's own
 * controls, the document itself then, before it comes back into the dialog: the page behind stays inert.) */
const focusBehind = (panel: string) =>
  page.$eval(byTest(panel), (dialog) => {
    const focused = document.activeElement;
    return focused !== null && focused !== document.body && !dialog.contains(focused);
  });
const focusedTest = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.test ?? null);

describe('the office console dialogs', () => {
  it('keeps focus inside the Start dialog while tabbing, closes on Escape and returns focus to the mode button', async () => {
    // The mode buttons work once the console is live with the hub.
    await page.waitForSelector(`${byTest('mode-button-lockdown')}:not([disabled])`);
    await page.focus(byTest('mode-button-lockdown'));
    await page.keyboard.press('Enter');
    // Open (and modal) once showModal() ran.
    await page.waitForSelector(`${byTest('confirm-panel')}[open]`);
    await expect.poll(() => focusInside('confirm-panel')).toBe(true);
    // The office reads the Standard Response Protocol's script on the PA; screens say what to do in plain words.
    expect(await page.$eval(byTest('start-pa-script'), (el) => el.textContent)).toBe('On the PA: “Lockdown! Locks, lights, out of sight.”');
    let insideCount = 0;
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      expect(await focusBehind('confirm-panel')).toBe(false);
      if (await focusInside('confirm-panel')) insideCount++;
    }
    expect(insideCount).toBeGreaterThan(15);
    await page.keyboard.press('Escape');
    await page.waitForFunction((selector) => !document.querySelector(selector), {}, byTest('confirm-panel'));
    await expect.poll(focusedTest).toBe('mode-button-lockdown');
  });

  it('does the same for the All Clear dialog, and starting still works from the keyboard', async () => {
    await page.click(byTest('mode-button-hold'));
    await page.waitForSelector(`${byTest('confirm-panel')}[open]`);
    await page.click(byTest('choose-drill'));
    await page.click(byTest('confirm-start'));
    await page.waitForFunction((selector) => !document.querySelector(selector), {}, byTest('confirm-panel'));
    const allClear = await page.waitForSelector('[data-test^="all-clear-"]:not([data-test="all-clear-panel"])');
    expect(await page.$eval(byTest('pa-script'), (el) => el.textContent)).toBe('On the PA: “Hold! In your room or area. Clear the halls.”');
    const opener = await allClear!.evaluate((el) => (el as HTMLElement).dataset.test!);
    await allClear!.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${byTest('all-clear-panel')}[open]`);
    await expect.poll(() => focusInside('all-clear-panel')).toBe(true);
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      expect(await focusBehind('all-clear-panel')).toBe(false);
    }
    await page.keyboard.press('Escape');
    await page.waitForFunction((selector) => !document.querySelector(selector), {}, byTest('all-clear-panel'));
    await expect.poll(focusedTest).toBe(opener);
  });
});
