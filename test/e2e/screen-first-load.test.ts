// A wall screen paints a mode with its first load alone. What it loads later (the normal view, the floor map, the
// route search and panel, workbox-window...; scripts/screen-size.ts lists them from the build) is kept from loading
// here, and still an Evacuate and a Lockdown take over with their words, steps and DRILL marking, and the office gets
// the render receipts: only the way to go and the map wait for their files.
import type { HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATIC_ROOT } from '../../hub/server.ts';
import { screenSize } from '../../scripts/screen-size.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub, screenPath } from '../helpers/hub.ts';
import { inScreen, screenText, waitForScreen } from '../helpers/pages.ts';

const SCREEN = 'main-1-east';

let hub: TestHub;
let browser: TestBrowser;
let screen: Page;
let office = '';
const blocked: string[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  office = await hub.login('office');
  browser = await launchBrowser();
  screen = await browser.browser.newPage();
  await screen.setViewport({ width: 1280, height: 720 });
  // Every request goes to the network, where the later files are refused (a service worker would serve them).
  await screen.setBypassServiceWorker(true);
  const later = screenSize(STATIC_ROOT).later.map((chunk) => `/${chunk.file}`);
  await screen.setRequestInterception(true);
  screen.on('request', (request: HTTPRequest) => {
    const path = new URL(request.url()).pathname;
    if (later.includes(path)) {
      blocked.push(path);
      void request.abort();
    } else void request.continue();
  });
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

async function confirmed(): Promise<boolean> {
  const state = (await hub.api('/api/state', { cookie: await hub.login('viewer') })).body.state;
  return state.screens.find((s: { id: string }) => s.id === SCREEN).confirmed;
}

describe('the first load alone', () => {
  it('keeps the later files from loading', async () => {
    await screen.goto(`${hub.origin}${screenPath(SCREEN)}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });
    await expect.poll(() => blocked.some((path) => path.includes('routing')), { timeout: 10_000 }).toBe(true);
    expect(blocked.some((path) => path.includes('screen-normal-view'))).toBe(true);
  });

  it('paints an Evacuate drill with its words and steps, and the office gets the receipt', async () => {
    expect((await hub.api('/api/modes', { cookie: office, body: { mode: 'evacuate', destination: 'North athletic field', scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    // No route without the route search: the takeover gives the mode's steps the whole screen.
    await waitForScreen(screen, { mode: 'evacuate', drill: 'true', route: 'none' });
    expect(await screen.$(inScreen('drill-banner'))).not.toBeNull();
    expect(await screen.$(inScreen('steps'))).not.toBeNull();
    expect(await screenText(screen)).toMatch(/EVACUATE[\s\S]*Leave the building/i);
    await expect.poll(confirmed, { timeout: 10_000 }).toBe(true);
  });

  it('paints a Lockdown drill over it, and the office gets the receipt', async () => {
    expect((await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    await waitForScreen(screen, { mode: 'lockdown', drill: 'true' });
    expect(await screen.$eval(inScreen('takeover'), (el) => el.getAttribute('data-mode'))).toBe('lockdown');
    expect(await screen.$(inScreen('steps'))).not.toBeNull();
    await expect.poll(confirmed, { timeout: 10_000 }).toBe(true);
  });
});
