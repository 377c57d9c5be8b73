// Previewing a screen from the admin console, in real Chromium: the screen's own elements draw it in a frame,
// as it is now and in a Lockdown, without starting anything on the hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { byTest, logInToConsole } from '../helpers/pages.ts';

let hub: TestHub;
let browser: TestBrowser;
let admin: Page;

beforeAll(async () => {
  hub = await startTestHub();
  browser = await launchBrowser();
  admin = await browser.browser.newPage();
  await admin.setViewport({ width: 1400, height: 1000 });
});
afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

const previewed = (frame: Frame, mode: string) =>
  frame.waitForFunction((m) => document.querySelector('muster-preview')?.shadowRoot?.querySelector('muster-screen')?.getAttribute('data-mode') === m, { timeout: 10_000 }, mode);

describe('previewing a screen', () => {
  it('draws the screen as it is now, then in a Lockdown, and starts nothing', async () => {
    await logInToConsole(admin, hub, 'admin', '/admin/');
    await admin.waitForSelector(byTest('preview-main-1-east'));
    await admin.click(byTest('preview-main-1-east'));
    const frame = (await (await admin.waitForSelector(byTest('screen-preview-frame')))!.contentFrame())!;
    await previewed(frame, 'normal');
    await admin.select(byTest('preview-mode'), 'lockdown');
    await previewed(frame, 'lockdown');
    const text = await frame.evaluate(() => {
      const screen = document.querySelector('muster-preview')?.shadowRoot?.querySelector('muster-screen');
      return screen?.shadowRoot?.querySelector('screen-mode-takeover')?.shadowRoot?.textContent ?? '';
    });
    expect(text).toContain('1st floor, east hallway by room 104');
    expect((await hub.api('/api/state', { cookie: await hub.login('viewer') })).body.state.modes).toEqual([]);
  });

  it('shows an unpublished announcement on the chosen screen, from the content editor, without publishing it', async () => {
    await admin.goto(`${hub.origin}/admin/#content`);
    await admin.waitForSelector(byTest('content-add-kind'));
    await admin.select(byTest('content-add-kind'), 'announcement');
    await admin.click(byTest('content-add'));
    await admin.type(byTest('slide-title'), 'Early dismissal');
    await admin.type(byTest('slide-text'), 'Buses leave at **1:30 PM** today.');
    await admin.select(byTest('content-preview-screen'), 'main-1-east');
    const frame = (await (await admin.waitForSelector(byTest('screen-preview-frame')))!.contentFrame())!;
    await frame.waitForFunction(
      () => {
        const texts: string[] = [];
        const walk = (node: Node) => {
          if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent ?? '');
          if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
          node.childNodes.forEach(walk);
        };
        walk(document.body);
        return texts.join(' ').includes('Early dismissal');
      },
      { timeout: 10_000 },
    );
    expect((await hub.api('/api/content', { cookie: await hub.login('viewer') })).body.revision).toBe(0);
  });
});
