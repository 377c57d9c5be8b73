// A Tornado Warning for the school's area, from a feed the test serves itself (node:http on 127.0.0.1): the office
// console shows the offer, one tap starts a real Shelter (tornado) and the hallway screen shows it; when the warning
// leaves the feed while the Shelter runs, the console says so. Screenshots at 1280 × 800 and 800 × 480.
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScreenAndConsole, type ScreenAndConsole } from '../helpers/devices.ts';
import { screenPath, type TestHub } from '../helpers/hub.ts';
import { artefactsDir, byTest, logInToConsole, textOf, waitForScreen } from '../helpers/pages.ts';
import { feedEntry, weatherFeed } from '../helpers/weather-feeds.ts';

let devices: ScreenAndConsole;
let hub: TestHub;
let screen: Page;
let office: Page;
let feedServer: Server;
let feedBody = '';
let admin: string;

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d+Z$/, '-00:00');
const TORNADO = () =>
  feedEntry({
    id: 'tor-e2e',
    event: 'Tornado Warning',
    areaDesc: 'Caddo',
    fips6: '022017',
    ugc: 'LAC017',
    effective: minutesFromNow(-2),
    expires: minutesFromNow(40),
    vtec: '/O.NEW.KSHV.TO.W.0048.260414T2005Z-260414T2045Z/',
  });

async function checkFeed() {
  const { status, body } = await hub.api('/api/weather/check', { method: 'POST', cookie: admin });
  expect(status).toBe(200);
  return body;
}

beforeAll(async () => {
  feedServer = createServer((_request, response) => void response.writeHead(200, { 'Content-Type': 'application/atom+xml' }).end(feedBody));
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  await mkdir(artefactsDir('weather'), { recursive: true });
  devices = await openScreenAndConsole({ width: 1280, height: 800 });
  ({ hub, screen, console: office } = devices);
  admin = await hub.login('admin');
  feedBody = weatherFeed([TORNADO()]);
  const feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/cap/la.php?x=0`;
  const saved = await hub.api('/api/weather', {
    method: 'PUT',
    cookie: admin,
    body: { feedUrl, areaCodes: ['022017'], rules: [{ event: 'Tornado Warning', hazard: 'tornado' }], autoStart: false, pollSeconds: 60 },
  });
  expect(saved.status).toBe(200);
  expect((await checkFeed()).offers.alerts).toHaveLength(1);
});

afterAll(async () => {
  await devices?.close();
  await new Promise((resolve) => feedServer?.close(resolve));
});

describe('the weather offer in the office console', () => {
  it('shows the warning, the area and until when, with one large "Start Shelter (tornado)"', async () => {
    await screen.goto(`${hub.origin}${screenPath('gym')}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });
    await logInToConsole(office, hub, 'office');
    await office.waitForSelector(byTest('weather-offer'));
    const offer = await textOf(office, 'weather-offer');
    expect(offer).toMatch(/NWS Tornado Warning/);
    expect(offer).toMatch(/Caddo, until \d\d:\d\d/);
    expect(await textOf(office, 'weather-start')).toBe('Start Shelter (tornado)');
    const button = await office.$eval(byTest('weather-start'), (el) => el.getBoundingClientRect().height);
    expect(button).toBeGreaterThanOrEqual(64);
    await office.bringToFront();
    await office.screenshot({ path: join(artefactsDir('weather'), 'console-offer-1280x800.png') });
    await office.setViewport({ width: 800, height: 480 });
    await office.waitForSelector(byTest('weather-start'), { visible: true });
    await office.screenshot({ path: join(artefactsDir('weather'), 'console-offer-800x480.png') });
    await office.setViewport({ width: 1280, height: 800 });
  });

  it('one tap starts a real, school-wide Shelter (tornado) with a note naming the alert; the screen shows it and the offer goes', async () => {
    await office.click(byTest('weather-start'));
    await waitForScreen(screen, { mode: 'shelter', drill: 'false' });
    await office.waitForFunction(() => document.querySelector('[data-test="weather-offer"]') === null);
    const state = (await hub.api('/api/state', { cookie: await hub.login('office') })).body.state;
    expect(state.modes).toEqual([expect.objectContaining({ mode: 'shelter', hazard: 'tornado', scope: { kind: 'site' }, drill: false, by: 'office', note: expect.stringMatching(/^NWS Tornado Warning until \d\d:\d\d$/) })]);
    await screen.bringToFront();
    await screen.screenshot({ path: join(artefactsDir('weather'), 'screen-shelter-1280x720.png') });
  });

  it('says so when the warning ends while the Shelter runs; the office still gives the All Clear', async () => {
    feedBody = weatherFeed([]);
    await checkFeed();
    await office.waitForSelector(byTest('weather-ended'));
    expect(await textOf(office, 'weather-ended')).toMatch(/^The NWS Tornado Warning has ended \(\d\d:\d\d( [AP]M)?\)\. The Shelter is still on: give the All Clear when it is safe\.$/);
    await office.bringToFront();
    await office.screenshot({ path: join(artefactsDir('weather'), 'console-ended-1280x800.png') });
    await waitForScreen(screen, { mode: 'shelter' });
  });
});
