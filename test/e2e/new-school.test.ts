// A real school's first afternoon, in Chromium, using only the admin console: an empty data directory → the
// set-up checklist → name, time zone and units → a building, a floor and a destination → its floor plan → a
// screen paired and placed, which then shows the school's own floor plan; a later rename reaches it live.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { byTest, logInToConsole, screenText, typeInto } from '../helpers/pages.ts';

const MAP_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">
  <rect x="10" y="10" width="380" height="280" fill="#fff" stroke="#333" stroke-width="4"/>
  <text x="200" y="150" text-anchor="middle" font-size="20">North Hall, ground floor</text>
</svg>`;

let hub: TestHub;
let browsers: TestBrowser[] = [];
let admin: Page;
let screen: Page;
let files: string;

beforeAll(async () => {
  hub = await startTestHub({ overrides: { seed: 'empty' } });
  browsers = [await launchBrowser(), await launchBrowser()];
  admin = await browsers[0]!.browser.newPage();
  await admin.setViewport({ width: 1400, height: 1000 });
  screen = await browsers[1]!.browser.newPage();
  await screen.setViewport({ width: 1280, height: 720 });
  files = await mkdtemp(join(tmpdir(), 'muster-new-school-'));
  await writeFile(join(files, 'north-hall.svg'), MAP_SVG);
});

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await hub?.dispose();
  if (files) await rm(files, { recursive: true, force: true });
});

const stepDone = (step: string) => admin.$eval(byTest(`setup-${step}`), (el) => el.getAttribute('data-done'));

describe('setting up a new school from an empty data directory', () => {
  it('greets the admin with the set-up checklist, nothing done yet', async () => {
    await logInToConsole(admin, hub, 'admin', '/admin/');
    await admin.waitForSelector(byTest('setup-checklist'));
    expect(await stepDone('name')).toBe('false');
    expect(await stepDone('buildings')).toBe('false');
    expect(await admin.$eval(byTest('setup-buildings'), (el) => el.textContent)).toContain('No buildings yet');
  });

  it('names the school and adds its building, floor and assembly point on the Site page', async () => {
    await admin.click(`${byTest('setup-name')} a`);
    await admin.waitForSelector(byTest('site-page'));
    await typeInto(admin, 'site-name', 'Oakridge Elementary');
    await admin.select(byTest('site-time-zone'), 'America/Denver');
    await admin.click(byTest('site-units-feet'));
    await admin.type(byTest('add-building-name'), 'North Hall');
    await admin.click(byTest('add-building'));
    await admin.waitForSelector(byTest('building-north-hall'));
    await admin.type(byTest('add-floor-north-hall-name'), 'Ground floor');
    await admin.click(byTest('add-floor-north-hall'));
    await admin.type(byTest('add-destination-name'), 'Soccer field');
    await admin.click(byTest('add-destination'));
    await admin.waitForSelector(byTest('destination-soccer-field'));
    expect(await admin.$eval(byTest('building-destination-north-hall'), (el) => (el as HTMLSelectElement).value)).toBe('soccer-field');
    await admin.click(byTest('save-site'));
    await admin.waitForSelector(byTest('site-saved'));

    expect(await admin.$eval('h1', (el) => el.textContent)).toContain('Oakridge Elementary');
    await admin.waitForFunction(() => document.querySelector('[data-test="setup-buildings"]')?.getAttribute('data-done') === 'true');
    expect(await stepDone('name')).toBe('true');
    expect(await stepDone('plans')).toBe('false');
  });

  it('uploads the floor plan of the new floor', async () => {
    await admin.click(`${byTest('setup-plans')} a`);
    await admin.waitForSelector(byTest('map-upload'));
    expect(await admin.$eval(byTest('plan-floor'), (el) => (el as HTMLSelectElement).value)).toBe('north-hall-ground-floor');
    const input = (await admin.$(byTest('map-upload')))!;
    await (input as any).uploadFile(join(files, 'north-hall.svg'));
    await admin.waitForSelector(byTest('plan-canvas'));
    await admin.click(byTest('save-plan'));
    await admin.waitForSelector(`${byTest('save-plan')}[disabled]`);
  });

  it('pairs a screen, places it on the plan, and the screen shows the school’s own floor plan', async () => {
    await screen.goto(`${hub.origin}/screen/`);
    await screen.waitForSelector(`muster-pairing >>> ${byTest('pairing-code')}`, { timeout: 10_000 });
    const code = await screen.$eval(`muster-pairing >>> ${byTest('pairing-code')}`, (el) => el.textContent?.trim() ?? '');

    await admin.click(byTest('nav-screens'));
    await admin.click(`${byTest('pair-panel')} summary`);
    await admin.type(byTest('pair-code'), code);
    await admin.type(byTest('pair-name'), 'Front hall');
    await admin.select(byTest('pair-building'), 'north-hall');
    await admin.select(byTest('pair-floor'), 'north-hall-ground-floor');
    await admin.type(byTest('pair-location'), 'Ground floor, by the front doors');
    await admin.click(byTest('pair-submit'));
    await admin.waitForSelector(byTest('pair-done'));

    await admin.click(byTest('nav-floor-plans'));
    await admin.waitForSelector(byTest('plan-canvas'));
    await admin.click(byTest('tool-screen'));
    await admin.select(byTest('screen-choice'), 'front-hall');
    const canvas = (await (await admin.$(byTest('plan-canvas')))!.boundingBox())!;
    await admin.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await admin.click(byTest('save-plan'));
    await admin.waitForSelector(`${byTest('save-plan')}[disabled]`);

    await screen.waitForSelector(`muster-screen >>> ${byTest('floor-map')}[data-floor="north-hall-ground-floor"]`, { timeout: 10_000 });
    await screen.waitForSelector(`muster-screen >>> ${byTest('you-are-here')}`);
    const text = await screenText(screen);
    expect(text).toContain('Oakridge Elementary');
    expect(text).toContain('North Hall');
    // Every step is done: the checklist steps aside.
    await admin.click(byTest('nav-site'));
    await admin.waitForFunction(() => !document.querySelector('[data-test="setup-checklist"]'), { timeout: 5000 });
  });

  it('renames the building; the screen shows the new name without a reload', async () => {
    await screen.evaluate(() => ((window as any).__notReloaded = true));
    await admin.waitForSelector(byTest('building-name-north-hall'));
    await typeInto(admin, 'building-name-north-hall', 'North Building');
    await admin.click(byTest('save-site'));
    await admin.waitForSelector(byTest('site-saved'));
    await expect.poll(() => screenText(screen), { timeout: 5000 }).toContain('North Building');
    expect(await screen.evaluate(() => (window as any).__notReloaded)).toBe(true);
    await screen.screenshot({ path: join(tmpdir(), 'muster-new-school-screen.png') });
    await admin.screenshot({ path: join(tmpdir(), 'muster-new-school-admin.png'), fullPage: true });
  });

  it('pre-fills Evacuate in the office console with the building’s default destination', async () => {
    // The screen's browser has no staff session (the admin's has one already).
    const office = await browsers[1]!.browser.newPage();
    await office.setViewport({ width: 1280, height: 900 });
    await logInToConsole(office, hub, 'office');
    await office.click(byTest('mode-button-evacuate'));
    await office.waitForSelector(byTest('destination'));
    expect(await office.$eval(byTest('destination'), (el) => (el as HTMLSelectElement).value)).toBe('soccer-field');
    await office.click(byTest('cancel-start'));
    await office.close();
  });
});
