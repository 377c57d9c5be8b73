// The school's own names in a screen's language, and a screen that speaks two: a Spanish hallway screen names its
// place, its way out, the destination and the office's note in Spanish (at every screen size, nothing cut off);
// a bilingual lobby screen takes turns between English and Spanish, first language first, during a mode and in
// normal times; and the admin types the Spanish names where it types the names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import demoWayfinding from '../../config/demo-wayfinding.json' with { type: 'json' };
import { MODE_TURN_MS, NORMAL_TURN_MS } from '../../display/screen/language-turns.ts';
import { openScreenAndConsole, type ScreenAndConsole } from '../helpers/devices.ts';
import { screenPath, type TestHub } from '../helpers/hub.ts';
import { byTest, hiddenPart, inScreen, logInToConsole, screenText, waitForScreen } from '../helpers/pages.ts';

const SHOTS = '/tmp/muster-shots-lang';
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 800, height: 480 },
  { width: 1080, height: 1920 },
];
const NOTE = 'Use the north stairs';
const NOTE_ES = 'Usen las escaleras del norte';

let devices: ScreenAndConsole;
let hub: TestHub;
let screen: Page;
let office: Page;

beforeAll(async () => {
  devices = await openScreenAndConsole();
  ({ hub, screen, console: office } = devices);
});

afterAll(async () => {
  await devices?.close();
});

/** The Spanish label the demo school gave a point of interest. */
function spanishLabel(poiId: string): string {
  const poi = demoWayfinding.floors.flatMap((f) => f.pois as { id: string; label: string; translations?: { es?: string } }[]).find((p) => p.id === poiId);
  return poi!.translations!.es!;
}

const routeTarget = (page: Page) => page.$eval('muster-screen', (el) => el.getAttribute('data-route')!);
const textIn = async (page: Page, test: string) => (await (await page.waitForSelector(inScreen(test)))!.evaluate((el) => el.textContent ?? '')).trim();

/** Every size: the element is read whole, and a screenshot to look at. */
async function wholeAtEverySize(page: Page, tests: string[], name: string): Promise<void> {
  await page.bringToFront();
  const problems: string[] = [];
  for (const size of SIZES) {
    await page.setViewport(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` });
    for (const test of tests) {
      const hidden = await hiddenPart((await page.waitForSelector(inScreen(test)))!);
      if (hidden) problems.push(`${test} at ${size.width}×${size.height}: ${hidden}`);
    }
  }
  await page.setViewport({ width: 1280, height: 720 });
  expect(problems).toEqual([]);
}

/** The language a bilingual screen shows now, as its EN · ES marker says. */
const languageShown = (page: Page) => page.$eval('muster-screen', (el) => el.shadowRoot!.querySelector('[data-test="language-turn"]')?.getAttribute('data-language') ?? null);

async function waitForLanguage(page: Page, language: string, timeout: number): Promise<void> {
  await page.waitForFunction((want) => document.querySelector('muster-screen')?.shadowRoot?.querySelector('[data-test="language-turn"]')?.getAttribute('data-language') === want, { timeout, polling: 100 }, language);
}

describe('a Spanish screen', () => {
  it('names its place and its way out in Spanish in normal times', async () => {
    await screen.goto(`${hub.origin}${screenPath('main-2-west')}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });
    await screen.waitForFunction(() => document.querySelector('muster-screen')?.getAttribute('data-route')?.startsWith('exit-'));
    expect(await textIn(screen, 'route-target')).toBe(spanishLabel(await routeTarget(screen)));
    expect(await textIn(screen, 'location')).toBe('2.º piso, pasillo oeste junto a la biblioteca');
    expect(await screenText(screen)).toMatch(/Edificio principal\s*·\s*2\.º piso\s*·\s*Ala oeste/);
    expect(await screen.$(inScreen('language-turn'))).toBeNull();
    await wholeAtEverySize(screen, ['route-target', 'location'], 'spanish-normal');
  });

  it('shows an Evacuate started from the console with the Spanish destination, exit and note', async () => {
    await logInToConsole(office, hub, 'office');
    await office.click(byTest('mode-button-evacuate'));
    await office.waitForSelector(byTest('confirm-panel'));
    await office.click(byTest('choose-drill'));
    // The note's Spanish field waits for the note itself.
    expect(await office.$eval(byTest('mode-note-translation-es'), (el) => (el as HTMLInputElement).disabled)).toBe(true);
    await office.type(byTest('mode-note'), NOTE);
    await office.type(byTest('mode-note-translation-es'), NOTE_ES);
    await office.screenshot({ path: `${SHOTS}/console-note-in-spanish.png` });
    await office.click(byTest('confirm-start'));

    await waitForScreen(screen, { mode: 'evacuate', drill: 'true' });
    await screen.waitForFunction(() => document.querySelector('muster-screen')?.getAttribute('data-route')?.startsWith('exit-'));
    expect(await textIn(screen, 'route-target')).toBe(spanishLabel(await routeTarget(screen)));
    expect(await textIn(screen, 'mode-note')).toBe(NOTE_ES);
    const text = await screenText(screen);
    expect(text).toContain('Vaya a');
    expect(text).toContain('Luego vaya a Campo deportivo norte');
    expect(text).not.toContain('North athletic field');
    await wholeAtEverySize(screen, ['route-target', 'mode-note'], 'spanish-evacuate');
  });
});

describe('a screen with a second language', () => {
  it('takes turns during a mode, its first language first, with the other one’s note and destination', async () => {
    await screen.goto(`${hub.origin}${screenPath('front-office')}`);
    await waitForScreen(screen, { mode: 'evacuate', connection: 'open' });
    await screen.bringToFront();
    // A fresh page starts the turns with English, and says which language is on.
    expect(await languageShown(screen)).toBe('en');
    expect(await textIn(screen, 'mode-note')).toBe(NOTE);
    expect(await textIn(screen, 'language-turn')).toMatch(/EN\s*·\s*ES/);
    await screen.screenshot({ path: `${SHOTS}/bilingual-evacuate-en-1280x720.png` });

    await waitForLanguage(screen, 'es', MODE_TURN_MS + 10_000);
    expect(await textIn(screen, 'mode-note')).toBe(NOTE_ES);
    expect(await screenText(screen)).toContain('Luego vaya a Campo deportivo norte');
    expect(await screen.$eval('muster-screen', (el) => el.lang)).toBe('es');
    await screen.screenshot({ path: `${SHOTS}/bilingual-evacuate-es-1280x720.png` });

    await waitForLanguage(screen, 'en', MODE_TURN_MS + 10_000);
    expect(await textIn(screen, 'mode-note')).toBe(NOTE);
  });

  it('starts over in English when the mode ends, and turns more slowly in normal times', async () => {
    const cleared = await hub.api('/api/all-clear', { method: 'POST', cookie: await hub.login('office'), body: { scope: { kind: 'site' }, drill: true } });
    expect(cleared.status).toBe(200);
    await waitForScreen(screen, { mode: 'normal' });
    expect(await languageShown(screen)).toBe('en');
    expect(await textIn(screen, 'location')).toBe('Front office lobby, main entrance');
    await waitForLanguage(screen, 'es', NORMAL_TURN_MS + 10_000);
    expect(await textIn(screen, 'location')).toBe('Vestíbulo de la oficina principal, entrada principal');
    await screen.screenshot({ path: `${SHOTS}/bilingual-normal-es-1280x720.png` });
  });
});

describe('the admin', () => {
  it('types the Spanish names beside the names, and saves them', async () => {
    const admin = office;
    await admin.click(byTest('logout'));
    await logInToConsole(admin, hub, 'admin', '/admin/#site');
    await admin.waitForSelector(byTest('site-page'));
    const field = byTest('destination-translation-north-field-es');
    await admin.click(field, { count: 3 });
    await admin.type(field, 'Cancha norte');
    await admin.screenshot({ path: `${SHOTS}/admin-site-translations.png`, fullPage: true });
    await admin.click(byTest('save-site'));
    await admin.waitForSelector(byTest('site-saved'));
    const site = (await hub.api('/api/site', { cookie: await hub.login('admin') })).body.site;
    expect(site.destinations.find((d: { id: string }) => d.id === 'north-field').translations).toEqual({ es: 'Cancha norte' });

    await admin.click(byTest('nav-floor-plans'));
    await admin.waitForSelector(byTest('plan-building'));
    await admin.select(byTest('plan-building'), 'main');
    await admin.select(byTest('plan-floor'), 'main-1');
    await admin.waitForSelector(`${byTest('plan-canvas')}[data-floor="main-1"]`);
    await admin.click(byTest('poi-assembly-north-field'));
    await admin.waitForSelector(`${byTest('poi-form')}[data-poi="assembly-north-field"]`);
    expect(await admin.$eval(byTest('poi-label-translation-es'), (el) => (el as HTMLInputElement).value)).toBe('Punto de reunión – campo deportivo norte');
    await admin.screenshot({ path: `${SHOTS}/admin-poi-translation.png` });

    // Pairing (or re-pairing) a screen sets its languages and its location in Spanish.
    await admin.goto(`${hub.origin}/admin/`);
    await admin.click(`${byTest('pair-panel')} summary`);
    await admin.select(byTest('pair-replaces'), 'front-office');
    expect(await admin.$eval(byTest('pair-second-language'), (el) => (el as HTMLSelectElement).value)).toBe('es');
    expect(await admin.$eval(byTest('pair-location-translation-es'), (el) => (el as HTMLInputElement).value)).toBe('Vestíbulo de la oficina principal, entrada principal');
    await admin.select(byTest('pair-language'), 'es');
    expect(await admin.$$eval(`${byTest('pair-second-language')} option`, (options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['', 'en']);
    await (await admin.$(byTest('pair-form')))!.screenshot({ path: `${SHOTS}/admin-pair-languages.png` });
  });
});
