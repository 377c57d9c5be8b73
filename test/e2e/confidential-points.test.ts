// Who sees what, in real Chromium: a paired hallway screen that has drawn its map, and drawn it again after an admin
// added a camera, holds none of the demo school's confidential points (cameras, panic buttons, hardened corners, the
// lockbox, locking doors, bullet-resistant glass) nor any staff note: not in its IndexedDB, its localStorage, its
// session storage or its service worker's caches.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIDENTIAL_POI_TYPES, isConfidential } from '../../shared/confidential-points.ts';
import { WayfindingSchema, type Poi, type Wayfinding } from '../../shared/floor-plan.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { screenPath, startTestHub, type TestHub } from '../helpers/hub.ts';
import { inScreen, waitForScreen } from '../helpers/pages.ts';

// The demo school's east hallway screen on the ground floor, where most of the demo's confidential points are.
const SCREEN = 'main-1-east';
const FIRST_EXIT = 'exit-east-doors';
const demo = WayfindingSchema.parse(JSON.parse(readFileSync(fileURLToPath(new URL('../../config/demo-wayfinding.json', import.meta.url)), 'utf8')));

const NEW_CAMERA: Poi = {
  id: 'camera-east-wing-e2e',
  type: 'camera',
  label: 'Camera – east wing, over room 107',
  translations: { es: 'Cámara – ala este' },
  notes: 'Monitored from the main office only.',
  position: { x: 1101.5, y: 433.5 },
};
const NEW_AED: Poi = { id: 'aed-east-wing-e2e', type: 'aed', label: 'AED – east wing, by room 105', translations: {}, notes: 'Checked every month.', position: { x: 1010, y: 422 } };

let hub: TestHub;
let browser: TestBrowser;
let screen: Page;

beforeAll(async () => {
  hub = await startTestHub();
  browser = await launchBrowser();
  screen = await browser.browser.newPage();
  await screen.setViewport({ width: 1920, height: 1080 });
});
afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

/** Everything the screen's browser profile keeps for this origin, as text, by where it is kept. */
function storedByScreen(page: Page): Promise<Record<'indexedDB' | 'localStorage' | 'sessionStorage' | 'caches', string>> {
  return page.evaluate(async () => {
    const records: unknown[] = [];
    for (const { name } of await indexedDB.databases()) {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const storeName of database.objectStoreNames) {
        const all = database.transaction(storeName).objectStore(storeName).getAll();
        records.push(await new Promise((resolve, reject) => ((all.onsuccess = () => resolve(all.result)), (all.onerror = () => reject(all.error)))));
      }
      database.close();
    }
    const cached: string[] = [];
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) cached.push(request.url, await (await cache.match(request))!.text());
    }
    return {
      indexedDB: JSON.stringify(records),
      localStorage: JSON.stringify({ ...localStorage }),
      sessionStorage: JSON.stringify({ ...sessionStorage }),
      caches: cached.join('\n'),
    };
  });
}

/** The texts that give a confidential point away: its id, label and translations and its notes. */
const namesOf = (points: Poi[]) => points.flatMap((p) => [p.id, p.label, p.notes, ...Object.values(p.translations ?? {})].filter((text): text is string => !!text));

async function adminSave(change: (wayfinding: Wayfinding) => void): Promise<void> {
  const admin = await hub.login('admin');
  const { body } = await hub.api('/api/wayfinding', { cookie: admin });
  change(body.wayfinding);
  expect((await hub.api('/api/wayfinding', { method: 'PUT', cookie: admin, body: { baseVersion: body.version, wayfinding: body.wayfinding } })).status).toBe(200);
}

/** Wait until the screen has saved a plan holding this point (the plan is saved after it is drawn from). */
const planSavedWith = (page: Page, poiId: string) =>
  page.waitForFunction(
    (id) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('muster-screen');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const database = open.result;
          if (!database.objectStoreNames.contains('screen-state')) return resolve(false);
          const all = database.transaction('screen-state').objectStore('screen-state').getAll();
          all.onsuccess = () => resolve(JSON.stringify(all.result).includes(`"${id}"`));
          all.onerror = () => resolve(false);
        };
      }),
    { timeout: 15_000, polling: 200 },
    poiId,
  );

describe("a hallway screen's stored state", () => {
  it('holds its map, drawn and saved, and none of the confidential points or staff notes', { timeout: 90_000 }, async () => {
    await screen.goto(`${hub.origin}${screenPath(SCREEN)}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open', route: FIRST_EXIT });
    await screen.waitForSelector(inScreen('floor-map'));
    await planSavedWith(screen, FIRST_EXIT);

    // An admin adds a camera (staff only) and an AED (public): the screen draws the AED and saves the plan again.
    await adminSave((wayfinding) => wayfinding.floors.find((f) => f.floorId === 'main-1')!.pois.push(NEW_CAMERA, NEW_AED));
    await screen.waitForSelector(`muster-screen >>> [data-poi="${NEW_AED.id}"]`, { timeout: 15_000 });
    await planSavedWith(screen, NEW_AED.id);
    // Once its service worker controls it, a screen keeps its map image in the worker's cache as well.
    await screen.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 15_000 });
    await screen.reload();
    await waitForScreen(screen, { mode: 'normal', connection: 'open', route: FIRST_EXIT });
    await screen.waitForFunction(async () => (await caches.keys()).includes('muster-maps'), { timeout: 15_000, polling: 200 });

    const stored = await storedByScreen(screen);
    // What was read is the real thing: the saved plan with the exit and the new AED, the cached map and app.
    expect(stored.indexedDB).toContain('East doors');
    expect(stored.indexedDB).toContain(NEW_AED.label);
    expect(stored.caches).toContain('/maps/main-1.svg');

    const confidential = [...demo.floors.flatMap((f) => f.pois).filter((p) => isConfidential(p.type)), NEW_CAMERA];
    expect(confidential.length).toBeGreaterThan(20);
    const staffNotes = [...demo.floors.flatMap((f) => f.pois).flatMap((p) => (p.notes ? [p.notes] : [])), NEW_AED.notes];
    for (const [where, text] of Object.entries(stored)) {
      const found = [...namesOf(confidential), ...staffNotes].filter((secret) => text.includes(secret));
      expect(found, where).toEqual([]);
    }
    // The app's own code names every kind of point; the saved state must not hold a point of a confidential kind.
    for (const where of ['indexedDB', 'localStorage', 'sessionStorage'] as const) {
      expect(CONFIDENTIAL_POI_TYPES.filter((type) => stored[where].includes(`"type":"${type}"`)), where).toEqual([]);
    }
    expect(await screen.$$eval(inScreen('poi'), (els) => els.map((el) => el.getAttribute('data-poi')))).not.toContain(NEW_CAMERA.id);
  });
});
