// Publishing normal-mode content from the admin console, in real Chromium: an admin adds an announcement for all
// screens and publishes it; the hub holds it as revision 1 and a hallway screen shows it within seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { openScreenAndConsole, type ScreenAndConsole } from '../helpers/devices.ts';
import { screenPath, type TestHub } from '../helpers/hub.ts';
import { byTest, logInToConsole, screenText, waitForScreen } from '../helpers/pages.ts';

const TITLE = 'Picture day on Friday';
const TEXT = 'Wear your **best smile**.\n\nRetakes are in the library after lunch.';
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

describe('publishing an announcement from the admin console', () => {
  it('adds an announcement for all screens and publishes it as revision 1', async () => {
    await screen.goto(`${hub.origin}${screenPath('main-1-east')}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });

    await logInToConsole(admin, hub, 'admin', '/admin/#content');
    await admin.waitForSelector(byTest('content-add-kind'));
    expect(await admin.$eval(byTest('content-add-kind'), (el) => (el as HTMLSelectElement).value)).toBe('');
    await admin.select(byTest('content-add-kind'), 'announcement');
    await admin.click(byTest('content-add'));
    await admin.waitForSelector(byTest('slide-title'));
    // A blank slide cannot be published: its problems are shown next to it.
    await admin.waitForSelector(byTest('slide-problems'));
    expect(await admin.$eval(byTest('publish-content'), (el) => (el as HTMLButtonElement).disabled)).toBe(true);

    await admin.type(byTest('slide-title'), TITLE);
    await admin.type(byTest('slide-text'), TEXT);
    expect(await admin.$eval(byTest('target-all'), (el) => (el as HTMLInputElement).checked)).toBe(true);
    await admin.waitForFunction((sel) => document.querySelector(sel) === null, {}, byTest('slide-problems'));
    expect(await admin.$(byTest('content-unpublished'))).not.toBeNull();
    expect(await admin.$eval(byTest('slide-row-targets'), (el) => el.textContent)).toContain('All screens');
    expect(await admin.$eval(byTest('slide-showing'), (el) => el.textContent)).toBe('Showing now');

    await admin.click(byTest('publish-content'));
    await admin.waitForSelector(byTest('content-published'));
    expect(await admin.$eval(byTest('content-revision'), (el) => el.textContent)).toContain('Revision 1');

    const cookie = await hub.login('admin');
    const { status, body } = await hub.api('/api/content', { cookie });
    expect(status).toBe(200);
    expect(body.revision).toBe(1);
    expect(body.slides).toHaveLength(1);
    expect(body.slides[0]).toMatchObject({ kind: 'announcement', id: 'picture-day-on-friday', title: TITLE, text: TEXT, targets: [{ kind: 'all' }], order: 0 });
  });

  // Needs the screen side (<screen-slides> inside muster-screen) to render published slides.
  it('shows the announcement on a hallway screen within a few seconds', async () => {
    await screen.waitForFunction(
      (title) => {
        const texts: string[] = [];
        const walk = (node: Node) => {
          if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent ?? '');
          if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
          node.childNodes.forEach(walk);
        };
        const root = document.querySelector('muster-screen');
        if (root) walk(root);
        return texts.join(' ').includes(title);
      },
      { timeout: 5_000, polling: 100 },
      TITLE,
    );
    const text = await screenText(screen);
    expect(text).toContain('Retakes are in the library after lunch.');
    expect(text).not.toContain('**');
  });

  it('says someone else published, and offers to reload, when the draft is out of date', async () => {
    const cookie = await hub.login('admin');
    const current = await hub.api('/api/content', { cookie });
    const other = await hub.api('/api/content', { method: 'PUT', cookie, body: { baseRevision: current.body.revision, slides: current.body.slides } });
    expect(other.status).toBe(200);

    await admin.click(byTest('slide-remove'));
    await admin.click(byTest('slide-remove-confirm'));
    await admin.waitForSelector(byTest('content-unpublished'));
    await admin.click(byTest('publish-content'));
    await admin.waitForSelector(byTest('content-conflict'));
    await admin.click(byTest('content-reload'));
    await admin.waitForSelector(byTest('content-published'));
    expect(await admin.$eval(byTest('content-revision'), (el) => el.textContent)).toContain('Revision 2');
    expect(await admin.$$(byTest('slide-row'))).toHaveLength(1);
  });
});
