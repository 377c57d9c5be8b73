// Weather alerts end to end on a real hub: a local feed server (node:http on 127.0.0.1) serves NWS-style Atom feeds the
// test changes between polls; "Check the feed now" (POST /api/weather/check) polls at once, so nothing waits for a timer.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { endedWhileSheltering, offersToShow } from '../../shared/weather-alerts.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';
import { CAP12, feedEntry, weatherFeed, type FeedEntryFields } from '../helpers/weather-feeds.ts';

let hub: TestHub;
let admin: string;
let office: string;
let feedServer: Server;
let feedUrl: string;
/** What the feed serves now: a body (with an ETag), or a status code. */
let serving: { body: string } | { status: number } = { body: weatherFeed([]) };
const requests: { ifNoneMatch: string | undefined }[] = [];

/** Times around now, as the feed writes them (the hub drops expired alerts by its own clock). */
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d+Z$/, '-00:00');
const live = (fields: FeedEntryFields) => feedEntry({ effective: minutesFromNow(-5), expires: minutesFromNow(40), ...fields });
const tornado = (number: string, fields: Partial<FeedEntryFields> = {}) =>
  live({ id: `tor-${number}`, event: 'Tornado Warning', areaDesc: 'Caddo', fips6: '022017', ugc: 'LAC017', vtec: `/O.NEW.KSHV.TO.W.${number}.260414T2005Z-260414T2045Z/`, ...fields });

const settings = (changes: object = {}) => ({ feedUrl, areaCodes: ['022017'], rules: [{ event: 'Tornado Warning', hazard: 'tornado' }], autoStart: false, pollSeconds: 30, ...changes });

async function check() {
  const { status, body } = await hub.api('/api/weather/check', { method: 'POST', cookie: admin });
  expect(status).toBe(200);
  return body as { status: any; offers: any };
}
async function audited(action: string): Promise<any[]> {
  return (await hub.api(`/api/audit?action=${action}`, { cookie: admin })).body.entries;
}

beforeAll(async () => {
  feedServer = createServer((request, response) => {
    requests.push({ ifNoneMatch: request.headers['if-none-match'] });
    if ('status' in serving) return void response.writeHead(serving.status).end('Service Unavailable');
    const etag = `"${createHash('sha256').update(serving.body).digest('hex').slice(0, 16)}"`;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304).end();
    response.writeHead(200, { 'Content-Type': 'application/atom+xml', ETag: etag }).end(serving.body);
  });
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/cap/la.php?x=0`;
  hub = await startTestHub();
  admin = await hub.login('admin');
  office = await hub.login('office');
});

afterAll(async () => {
  await hub?.dispose();
  await new Promise((resolve) => feedServer?.close(resolve));
});

describe('weather alerts from a CAP feed', () => {
  it('is off until an address is set, and refuses bad settings with a 400 in words', async () => {
    const { body } = await hub.api('/api/weather', { cookie: admin });
    expect(body.settings).toMatchObject({ feedUrl: '', rules: [{ event: 'Tornado Warning', hazard: 'tornado' }], autoStart: false, pollSeconds: 60 });
    expect(body.status.on).toBe(false);
    const plainHttp = await hub.api('/api/weather', { method: 'PUT', cookie: admin, body: settings({ feedUrl: 'http://alerts.weather.gov/cap/la.php' }) });
    expect(plainHttp.status).toBe(400);
    expect(plainHttp.body.error.message).toMatch(/https/);
    expect((await hub.api('/api/weather', { method: 'PUT', cookie: admin, body: settings({ pollSeconds: 5 }) })).status).toBe(400);
    expect((await hub.api('/api/weather', { method: 'PUT', cookie: admin, body: settings({ areaCodes: ['Caddo Parish'] }) })).body.error.message).toMatch(/area code/);
  });

  it('offers the office Shelter (tornado) while a Tornado Warning for the school is live, on the console feed only', async () => {
    serving = { body: weatherFeed([tornado('0049', { id: 'bossier', areaDesc: 'Bossier', fips6: '022015', ugc: 'LAC015' }), live({ id: 'svr', event: 'Severe Thunderstorm Warning', fips6: '022017 022031', ugc: 'LAC017 LAC031' })]) };
    const saved = await hub.api('/api/weather', { method: 'PUT', cookie: admin, body: settings() });
    expect(saved.status).toBe(200);
    let result = await check();
    expect(result.status).toMatchObject({ on: true, entries: 2, matching: 0, lastError: null });
    expect(result.status.lastAnsweredAt).not.toBeNull();
    expect(result.offers.alerts).toEqual([]);

    const consoleSocket = await TestSocket.connect(hub.origin, { cookie: office });
    consoleSocket.send({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'test' });
    await consoleSocket.next('state');
    const screen = await TestSocket.screen(hub.origin, hub.site().screens[0]!.id);

    serving = { body: weatherFeed([tornado('0048')], CAP12) };
    result = await check();
    expect(result.offers.alerts).toEqual([{ key: 'KSHV.TO.W.0048', event: 'Tornado Warning', hazard: 'tornado', area: 'Caddo', expires: expect.any(String), source: 'NWS' }]);
    const pushed = await consoleSocket.next('weather', (message) => message.alerts.length === 1);
    expect(pushed.alerts[0]!.event).toBe('Tornado Warning');
    expect((await hub.api('/api/weather/alerts', { cookie: office })).body.offers.alerts).toHaveLength(1);
    // A console that joins later is told at once.
    const late = await TestSocket.connect(hub.origin, { cookie: office });
    late.send({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'test' });
    expect((await late.next('weather')).alerts).toHaveLength(1);
    // Hallway screens never see it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.frames.some((frame) => frame.includes('Tornado Warning'))).toBe(false);
    const entries = await audited('integration.weather-alert');
    expect(entries[0]).toMatchObject({ who: 'Weather feed', role: 'integration', detail: expect.stringMatching(/^NWS Tornado Warning until \d\d:\d\d \(Caddo\): offered to the office$/) });
    for (const socket of [consoleSocket, late, screen]) socket.close();
  });

  it('asks again with If-None-Match, and an unchanged feed (304) keeps the offer', async () => {
    requests.length = 0;
    const result = await check();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.ifNoneMatch).toMatch(/^"/);
    expect(result.offers.alerts).toHaveLength(1);
  });

  it('the office takes the offer: a real site-wide Shelter (tornado); the offer goes, and when the warning ends the console is told', async () => {
    const note = `NWS Tornado Warning until 15:45`;
    const started = await hub.api('/api/modes', { cookie: office, body: { mode: 'shelter', hazard: 'tornado', scope: { kind: 'site' }, drill: false, note } });
    expect(started.status).toBe(200);
    const running = [started.body.mode];
    const offers = (await hub.api('/api/weather/alerts', { cookie: office })).body.offers;
    expect(offersToShow(offers, running)).toEqual([]);

    serving = { body: weatherFeed([]) };
    const ended = (await check()).offers;
    expect(ended.alerts).toEqual([]);
    expect(ended.ended).toEqual([expect.objectContaining({ key: 'KSHV.TO.W.0048', how: 'gone' })]);
    expect(endedWhileSheltering(ended, running)).toHaveLength(1);
    expect((await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: false } })).status).toBe(200);
  });

  it('says what went wrong when the feed fails, in words, and recovers', async () => {
    serving = { status: 503 };
    let result = await check();
    expect(result.status.lastError).toBe('The feed answered 503 Service Unavailable.');
    expect(result.status.lastErrorAt).not.toBeNull();
    serving = { body: '<html><body>Maintenance</body></html>' };
    result = await check();
    expect(result.status.lastError).toMatch(/not an Atom feed/);
    serving = { body: weatherFeed([]) };
    result = await check();
    expect(result.status.lastError).toBeNull();
  });

  it('with the opt-in, starts the Shelter itself once per alert, as "Weather feed (integration)"', async () => {
    serving = { body: weatherFeed([tornado('0050')]) };
    expect((await hub.api('/api/weather', { method: 'PUT', cookie: admin, body: settings({ autoStart: true }) })).status).toBe(200);
    await check();
    let state = (await hub.api('/api/state', { cookie: office })).body.state;
    const shelter = state.modes.find((mode: any) => mode.mode === 'shelter');
    expect(shelter).toMatchObject({ hazard: 'tornado', strategy: 'shelter-area', scope: { kind: 'site' }, drill: false, by: 'Weather feed', byIntegration: true, note: expect.stringMatching(/^NWS Tornado Warning until \d\d:\d\d$/) });
    const set = await audited('mode.set');
    expect(set[0]).toMatchObject({ who: 'Weather feed', role: 'integration', mode: 'shelter' });

    // The office gives the All Clear while the warning is still in the feed: the hub does not start it again.
    expect((await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: false } })).status).toBe(200);
    await check();
    state = (await hub.api('/api/state', { cookie: office })).body.state;
    expect(state.modes).toEqual([]);
  });

  it('with the opt-in, only offers during a real Lockdown, and never replaces it', async () => {
    expect((await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: false } })).status).toBe(200);
    serving = { body: weatherFeed([tornado('0051')]) };
    const result = await check();
    expect(result.offers.alerts.map((alert: any) => alert.key)).toEqual(['KSHV.TO.W.0051']);
    const state = (await hub.api('/api/state', { cookie: office })).body.state;
    expect(state.modes.map((mode: any) => mode.mode)).toEqual(['lockdown']);
    expect((await audited('integration.weather-alert'))[0].detail).toMatch(/not started: a real Lockdown is running/);
    expect((await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: false } })).status).toBe(200);
  });
});
