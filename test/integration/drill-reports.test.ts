// Drill reports: who triggered a mode and when, when each screen in scope painted it (from real render receipts),
// the screens that never confirmed, and the All Clear that ended it; the same after a restart, and as CSV.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Screen } from '../../shared/model.ts';
import { csvRecords } from '../helpers/csv.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let office: string;
let viewer: string;
const sockets: TestSocket[] = [];

/** The seven screens of the demo school's main building; the annex has one more. */
const MAIN_BUILDING = ['main-1-east', 'main-1-west', 'main-2-east', 'main-2-west', 'gym', 'cafeteria', 'front-office'];

beforeEach(async () => {
  hub = await startTestHub();
  office = await hub.login('office');
  viewer = await hub.login('viewer');
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await hub.dispose();
});

const screen = (id: string): Screen => hub.site().screens.find((s) => s.id === id)!;

async function connect(id: string): Promise<TestSocket> {
  const socket = await TestSocket.screen(hub.origin, id);
  sockets.push(socket);
  return socket;
}

async function post(path: string, body: unknown): Promise<any> {
  const { status, body: reply } = await hub.api(path, { cookie: office, body });
  expect(status, JSON.stringify(reply)).toBe(200);
  return reply;
}

/** Until the hub's roll-call shows these screens confirmed: their receipts have been taken. */
async function confirmed(ids: string[]): Promise<void> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const { body } = await hub.api('/api/state', { cookie: office });
    const done = body.state.screens.filter((s: any) => ids.includes(s.id) && s.confirmed).length === ids.length;
    if (done) return;
    if (Date.now() > deadline) throw new Error(`screens ${ids.join(', ')} never confirmed`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function report(seq: number, cookie = viewer): Promise<any> {
  const { status, body } = await hub.api(`/api/drill-reports/${seq}`, { cookie });
  expect(status, JSON.stringify(body)).toBe(200);
  return body.report;
}

describe('drill reports', () => {
  it('show each screen’s receipt time, the screens that never confirmed and the All Clear, also after a restart and as CSV', async () => {
    const east = await connect('main-1-east');
    const gym = await connect('gym');
    const annex = await connect('annex-hall'); // outside the scope: it confirms normal, which is not this report
    await connect('main-1-west'); // online, but never paints the drill

    const before = Date.now();
    const { seq } = await post('/api/modes', { mode: 'lockdown', scope: { kind: 'building', buildingId: 'main' }, drill: true });
    expect((await east.renderState(seq, screen('main-1-east')))?.mode).toBe('lockdown');
    expect((await gym.renderState(seq, screen('gym')))?.mode).toBe('lockdown');
    expect(await annex.renderState(seq, screen('annex-hall'))).toBeNull();
    await confirmed(['main-1-east', 'gym', 'annex-hall']);
    const clear = await post('/api/all-clear', { scope: { kind: 'site' }, drill: true });
    const after = Date.now();

    const { body: list } = await hub.api('/api/drill-reports', { cookie: viewer });
    expect(list.total).toBe(1);
    expect(list.changes[0]).toMatchObject({
      seq,
      mode: 'lockdown',
      drill: true,
      who: 'office',
      scope: { kind: 'building', buildingId: 'main' },
      scopeName: 'Main Building',
      end: { kind: 'all-clear', seq: clear.seq, who: 'office', drill: true },
    });

    const check = (r: any) => {
      expect(r).toMatchObject({ seq, mode: 'lockdown', drill: true, who: 'office', expected: 7, confirmed: 2, timeZone: 'America/Chicago' });
      expect(Date.parse(r.at)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(r.end.at)).toBeGreaterThanOrEqual(Date.parse(r.at));
      expect(Date.parse(r.end.at)).toBeLessThanOrEqual(after);
      expect(r.screens.map((s: any) => s.id)).toEqual(MAIN_BUILDING);
      expect(r.neverConfirmed).toEqual(MAIN_BUILDING.filter((id) => id !== 'main-1-east' && id !== 'gym'));
      for (const id of ['main-1-east', 'gym']) {
        const row = r.screens.find((s: any) => s.id === id);
        expect(Date.parse(row.confirmedAt)).toBeGreaterThanOrEqual(Date.parse(r.at));
        expect(Date.parse(row.confirmedAt)).toBeLessThanOrEqual(Date.parse(r.end.at));
        expect(row.secondsAfter).toBeCloseTo((Date.parse(row.confirmedAt) - Date.parse(r.at)) / 1000, 3);
        expect(row.secondsAfter).toBeLessThan(3);
      }
      expect(r.screens.find((s: any) => s.id === 'main-1-west')).toMatchObject({ inScope: true, confirmedAt: null, secondsAfter: null });
      expect(r.slowestSeconds).toBe(Math.max(...r.screens.filter((s: any) => s.secondsAfter !== null).map((s: any) => s.secondsAfter)));
    };
    const live = await report(seq);
    check(live);

    // The receipts are on disk: a restarted hub, whose roll-call starts empty, reports the same.
    for (const socket of sockets.splice(0)) socket.close();
    hub = await hub.restart();
    viewer = await hub.login('viewer');
    const restarted = await report(seq);
    check(restarted);
    expect(restarted).toEqual(live);

    const response = await fetch(`${hub.origin}/api/drill-reports/${seq}.csv`, { headers: { Cookie: viewer } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="muster-drill-${seq}-\\d{4}-\\d\\d-\\d\\d\\.csv"$`));
    const rows = csvRecords(await response.text());
    expect(rows.map((r) => r.screen_id)).toEqual(MAIN_BUILDING);
    const eastRow = rows.find((r) => r.screen_id === 'main-1-east')!;
    expect(eastRow).toMatchObject({ seq: String(seq), mode: 'lockdown', drill: 'drill', scope: 'Main Building', triggered_by: 'office', in_scope: 'yes' });
    expect(Date.parse(eastRow.confirmed_at!)).toBe(Math.floor(Date.parse(live.screens[0].confirmedAt) / 1000) * 1000);
    expect(eastRow.confirmed_at).toMatch(/-0[56]:00$/);
    expect(Number(eastRow.seconds_after_trigger)).toBeCloseTo(live.screens[0].secondsAfter, 3);
    expect(eastRow.ended_by).toBe(`All Clear #${clear.seq} by office`);
    expect(rows.find((r) => r.screen_id === 'cafeteria')).toMatchObject({ confirmed_at: 'never confirmed', seconds_after_trigger: '' });
  });

  it('follow the rules of All Clear: a drill All Clear leaves a real event running; a later mode on the same scope replaces one', async () => {
    const real = await post('/api/modes', { mode: 'secure', scope: { kind: 'building', buildingId: 'annex' }, drill: false });
    const first = await post('/api/modes', { mode: 'hold', scope: { kind: 'zone', zoneId: 'gym' }, drill: true });
    const replacing = await post('/api/modes', { mode: 'shelter', scope: { kind: 'zone', zoneId: 'gym' }, drill: true, hazard: 'tornado' });
    const drillClear = await post('/api/all-clear', { scope: { kind: 'site' }, drill: true });

    const { body } = await hub.api('/api/drill-reports', { cookie: viewer });
    expect(body.changes.map((c: any) => [c.seq, c.drill, c.end?.kind ?? null, c.end?.seq ?? null])).toEqual([
      [replacing.seq, true, 'all-clear', drillClear.seq],
      [first.seq, true, 'replaced', replacing.seq],
      [real.seq, false, null, null],
    ]);
    expect(body.changes[0].detail).toBe('Tornado: Go to the shelter area');
    expect(body.changes[0].details).toMatchObject({ hazard: 'tornado', strategy: 'shelter-area' });
    expect((await report(real.seq)).end).toBeNull();

    const realClear = await post('/api/all-clear', { scope: { kind: 'site' }, drill: false });
    expect((await report(real.seq)).end).toMatchObject({ kind: 'all-clear', seq: realClear.seq, drill: false });

    const { body: realOnly } = await hub.api('/api/drill-reports?drill=false', { cookie: viewer });
    expect(realOnly.changes.map((c: any) => c.seq)).toEqual([real.seq]);
    const { body: paged } = await hub.api('/api/drill-reports?limit=1&offset=1', { cookie: viewer });
    expect(paged).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(paged.changes.map((c: any) => c.seq)).toEqual([first.seq]);
    const zone = await report(first.seq);
    expect(zone.screens.map((s: any) => s.id)).toEqual(['gym']);
    expect(zone.neverConfirmed).toEqual(['gym']);
  });

  it('answer 404 for a sequence number that is no mode change, and 400 for one that is no number', async () => {
    await post('/api/modes', { mode: 'hold', scope: { kind: 'site' }, drill: true });
    const clear = await post('/api/all-clear', { scope: { kind: 'site' }, drill: true });
    for (const path of ['/api/drill-reports/99', '/api/drill-reports/99.csv', `/api/drill-reports/${clear.seq}`]) {
      const { status, body } = await hub.api(path, { cookie: viewer });
      expect(status, path).toBe(404);
      expect(body.error.code, path).toBe('not_found');
    }
    for (const path of ['/api/drill-reports/abc', '/api/drill-reports/0', '/api/drill-reports/-1', '/api/drill-reports/1e3', '/api/drill-reports/0.csv', '/api/drill-reports?drill=maybe', '/api/drill-reports?who=office']) {
      const { status, body } = await hub.api(path, { cookie: viewer });
      expect(status, path).toBe(400);
      expect(body.error.code, path).toBe('bad_request');
    }
  });
});
