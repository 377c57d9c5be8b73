// The office's hazard map end to end in real Chromium, on a landscape 10-inch tablet: during an Evacuate drill a
// finger tap on a hallway of the console's floor plan marks it and the east hallway screen re-routes; a second
// tap clears it and the route comes back; a tap on an exit marker blocks that exit; a tap on nothing sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub, screenPath } from '../helpers/hub.ts';
import { byTest, logInToConsole, waitForScreen } from '../helpers/pages.ts';

// As in wayfinding.test.ts: the east hallway screen's nearest exit is the East doors; with the east end of the
// hallway marked, it is the main entrance.
const SCREEN = 'main-1-east';
const FLOOR = 'main-1';
const FIRST_EXIT = 'exit-east-doors';
const HAZARD_AREA = 'm1-east-hall-end';
const SECOND_EXIT = 'exit-main-entrance';

let hub: TestHub;
let screenBrowser: TestBrowser;
let consoleBrowser: TestBrowser;
let screen: Page;
let office: Page;
let hazardPosts = 0;

/** The centre of an element's box in viewport pixels, after scrolling it into the middle of the view. */
async function centreOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  return page.$eval(selector, (el) => {
    el.scrollIntoView({ block: 'center', inline: 'center' });
    const box = el.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  });
}

/** A point given in map units, in viewport pixels: through the plan's own transform, as PlanCanvas reads taps. */
async function mapPointOnPage(page: Page, floorId: string, point: { x: number; y: number }): Promise<{ x: number; y: number }> {
  return page.$eval(
    byTest(`hazard-map-${floorId}`),
    (svg, p) => {
      svg.scrollIntoView({ block: 'center' });
      const matrix = (svg.querySelector('g') as SVGGElement).getScreenCTM()!;
      const on = new DOMPoint(p.x, p.y).matrixTransform(matrix);
      return { x: on.x, y: on.y };
    },
    point,
  );
}

const area = (id: string) => byTest(`hazard-map-area-${id}`);
const exit = (id: string) => byTest(`hazard-map-exit-${id}`);

beforeAll(async () => {
  hub = await startTestHub();
  screenBrowser = await launchBrowser();
  consoleBrowser = await launchBrowser();
  screen = await screenBrowser.browser.newPage();
  await screen.setViewport({ width: 1920, height: 1080 });
  office = await consoleBrowser.browser.newPage();
  await office.setViewport({ width: 1280, height: 800, hasTouch: true });
  office.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/hazards') hazardPosts += 1;
  });
});

afterAll(async () => {
  await screenBrowser?.close();
  await consoleBrowser?.close();
  await hub?.dispose();
});

describe('marking hazards by tapping the office map', () => {
  it('shows the first floor with exits on the console during an Evacuate drill', async () => {
    const cookie = await hub.login('office');
    const started = await hub.api('/api/modes', { cookie, body: { mode: 'evacuate', scope: { kind: 'site' }, drill: true, destination: 'North athletic field' } });
    expect(started.status).toBe(200);
    await screen.goto(`${hub.origin}${screenPath(SCREEN)}`);
    await waitForScreen(screen, { mode: 'evacuate', drill: 'true', route: FIRST_EXIT });

    await logInToConsole(office, hub, 'office');
    await office.waitForSelector(`${byTest(`hazard-map-${FLOOR}`)} ${area(HAZARD_AREA)}[data-state="clear"]`);
    expect(await office.$eval(byTest(`hazard-floor-${FLOOR}`), (el) => el.getAttribute('aria-selected'))).toBe('true');
    expect(await office.$eval(byTest(`hazard-map-${FLOOR}`), (el) => el.getAttribute('aria-label'))).toMatch(/Hazard map of Main Building, 1st floor/);
    // Big enough to hit a hallway with a finger: the 40-unit-wide hallway is drawn at least 24 px tall.
    const hallway = await office.$eval(area(HAZARD_AREA), (el) => el.getBoundingClientRect().height);
    expect(hallway).toBeGreaterThanOrEqual(24);

    // Another floor is one tap on its tab away; the list follows the map.
    await office.click(byTest('hazard-floor-main-2'));
    await office.waitForSelector(`${byTest('hazard-map-main-2')} ${area('m2-east-hall-end')}`);
    expect(await office.$(byTest(`hazard-area-${HAZARD_AREA}`))).toBeNull();
    await office.click(byTest(`hazard-floor-${FLOOR}`));
    await office.waitForSelector(area(HAZARD_AREA));
  });

  it('a tap on the east hallway marks it and the screen re-routes; a second tap clears it', async () => {
    const centre = await centreOf(office, area(HAZARD_AREA));
    await office.touchscreen.tap(centre.x, centre.y);
    await waitForScreen(screen, { route: SECOND_EXIT }, 3000);
    await office.waitForSelector(`${area(HAZARD_AREA)}[data-state="marked"]:not([data-pending])`);
    // The list under the map reads the same state, and the summary says it in words.
    expect(await office.$eval(byTest(`hazard-area-${HAZARD_AREA}`), (el) => el.getAttribute('aria-pressed'))).toBe('true');
    expect(await office.$eval(byTest('hazard-summary'), (el) => el.textContent)).toMatch(/^Marked: East wing hallway, east end/);
    expect(await office.$eval(area(HAZARD_AREA), (el) => el.parentElement?.textContent)).toBe('HAZARD');

    const again = await centreOf(office, area(HAZARD_AREA));
    await office.touchscreen.tap(again.x, again.y);
    await waitForScreen(screen, { route: FIRST_EXIT }, 3000);
    await office.waitForSelector(`${area(HAZARD_AREA)}[data-state="clear"]:not([data-pending])`);
    expect(await office.$eval(byTest(`hazard-area-${HAZARD_AREA}`), (el) => el.getAttribute('aria-pressed'))).toBe('false');
    expect(hazardPosts).toBe(2);
  });

  it('a tap on nothing sends nothing; a click on an exit marker blocks that exit', async () => {
    // The street below the building: no area, no exit near.
    const street = await mapPointOnPage(office, FLOOR, { x: 200, y: 740 });
    await office.mouse.click(street.x, street.y);
    const marker = await centreOf(office, exit(SECOND_EXIT));
    await office.mouse.click(marker.x, marker.y);
    await office.waitForSelector(`${exit(SECOND_EXIT)}[data-state="blocked"]:not([data-pending])`);
    // Only the exit's tap reached the hub.
    expect(hazardPosts).toBe(3);
    const state = await hub.api('/api/state', { cookie: await hub.login('viewer') });
    expect(state.body.state.hazards.blockedPoiIds).toContain(SECOND_EXIT);
    expect(state.body.state.hazards.areaIds).toEqual([]);
    expect(await office.$eval(byTest(`hazard-exit-${SECOND_EXIT}`), (el) => el.getAttribute('aria-pressed'))).toBe('true');
    expect(await office.$(byTest('hazard-panel') + ' [role="alert"]')).toBeNull();
  });
});
