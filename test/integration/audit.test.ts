// The audit log over HTTP: filters by who, what, when and drill or real, newest first with paging, a CSV export
// that reads back exactly, and a 400 for every filter it cannot understand.
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvRecords } from '../helpers/csv.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let admin: string;
let office: string;

/** A destination with a comma, quotes and a line break: the CSV must carry it through unchanged. */
const AWKWARD_DESTINATION = 'North field, by the "big" oak\nthen gate 3';

/** Today at the school (America/Chicago), as the filters take it. */
function schoolToday(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(Date.now() + offsetDays * 86_400_000);
}

async function audit(query = '', cookie = admin) {
  const { status, body } = await hub.api(`/api/audit${query}`, { cookie });
  expect(status, JSON.stringify(body)).toBe(200);
  return body as { entries: any[]; total: number; limit: number; offset: number; timeZone: string };
}

let betweenRealAndDrill: string;

beforeEach(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
  office = await hub.login('office');
  // A real event and its All Clear, then a drill with an awkward destination and its All Clear.
  expect((await hub.api('/api/modes', { cookie: office, body: { mode: 'secure', scope: { kind: 'building', buildingId: 'annex' }, drill: false } })).status).toBe(200);
  expect((await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'building', buildingId: 'annex' }, drill: false } })).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 5));
  betweenRealAndDrill = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const drill = { mode: 'evacuate', scope: { kind: 'site' }, drill: true, destination: AWKWARD_DESTINATION };
  expect((await hub.api('/api/modes', { cookie: admin, body: drill })).status).toBe(200);
  expect((await hub.api('/api/all-clear', { cookie: admin, body: { scope: { kind: 'site' }, drill: true } })).status).toBe(200);
});
afterEach(async () => {
  await hub.dispose();
});

describe('GET /api/audit', () => {
  it('lists every entry newest first, with the total and pages that fit together', async () => {
    const all = await audit();
    // Two users created at first start, the logins, two modes and two All Clears.
    expect(all.total).toBe(all.entries.length);
    expect(all.entries.map((e) => e.action).slice(0, 4)).toEqual(['mode.all-clear', 'mode.set', 'mode.all-clear', 'mode.set']);
    const times = all.entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(all).toMatchObject({ limit: 100, offset: 0, timeZone: 'America/Chicago' });

    const first = await audit('?limit=2');
    const second = await audit('?limit=2&offset=2');
    expect(first.total).toBe(all.total);
    expect([...first.entries, ...second.entries]).toEqual(all.entries.slice(0, 4));
    expect((await audit(`?offset=${all.total}`)).entries).toEqual([]);
  });

  it('filters by who, by action or group, and by drill or real', async () => {
    const byOffice = await audit('?who=office');
    expect(byOffice.total).toBeGreaterThanOrEqual(3);
    expect(byOffice.entries.every((e) => e.who === 'office')).toBe(true);
    expect((await audit('?who=OFFICE')).total).toBe(byOffice.total);

    const modes = await audit('?action=mode');
    expect(modes.entries.map((e) => [e.action, e.seq])).toEqual([
      ['mode.all-clear', 4],
      ['mode.set', 3],
      ['mode.all-clear', 2],
      ['mode.set', 1],
    ]);
    expect((await audit('?action=mode.set')).entries.map((e) => e.seq)).toEqual([3, 1]);
    const sessions = await audit('?action=session');
    expect(sessions.total).toBe(2);
    expect(sessions.entries.every((e) => e.action === 'session.login')).toBe(true);
    expect((await audit('?action=users')).entries.map((e) => e.action)).toEqual(['user.created', 'user.created']);

    const drills = await audit('?drill=true');
    expect(drills.entries.map((e) => e.seq)).toEqual([4, 3]);
    expect(drills.entries[1]).toMatchObject({ who: 'admin', mode: 'evacuate', scope: { kind: 'site' }, drill: true, detail: `to ${AWKWARD_DESTINATION}` });
    const real = await audit('?drill=false&who=office');
    expect(real.entries.map((e) => e.seq)).toEqual([2, 1]);
  });

  it('filters by school days and by instants', async () => {
    const all = await audit();
    expect((await audit(`?from=${schoolToday()}&to=${schoolToday()}`)).total).toBe(all.total);
    expect((await audit(`?from=${schoolToday(1)}`)).total).toBe(0);
    expect((await audit(`?to=${schoolToday(-1)}`)).total).toBe(0);
    const since = await audit(`?from=${encodeURIComponent(betweenRealAndDrill)}&action=mode`);
    expect(since.entries.map((e) => e.seq)).toEqual([4, 3]);
    const until = await audit(`?to=${encodeURIComponent(betweenRealAndDrill)}&action=mode`);
    expect(until.entries.map((e) => e.seq)).toEqual([2, 1]);
    // Blank form fields are no filter at all.
    expect((await audit('?who=&action=&from=&drill=')).total).toBe(all.total);
  });

  it('refuses filters it cannot understand with 400 bad_request', async () => {
    for (const query of [
      '?action=nonsense',
      '?action=mode.',
      '?drill=yes',
      '?limit=0',
      '?limit=1001',
      '?limit=ten',
      '?offset=-1',
      '?from=2026-13-45',
      '?from=yesterday',
      '?from=2026-11-23&to=2026-11-22',
      '?dril=true',
      '?who=a&who=b',
    ]) {
      const { status, body } = await hub.api(`/api/audit${query}`, { cookie: admin });
      expect(status, query).toBe(400);
      expect(body.error.code, query).toBe('bad_request');
      expect((await hub.api(`/api/audit.csv${query}`, { cookie: admin })).status, `csv ${query}`).toBe(400);
    }
  });

  it('reads on past a line torn by a crash, and the first entry written after it is kept', async () => {
    await hub.close();
    await appendFile(join(hub.dataDir, 'audit.jsonl'), '{"at":"2026-11-22T14:00:00.000Z","who":"off');
    hub = await startTestHub({ dataDir: hub.dataDir });
    admin = await hub.login('admin');
    const after = await audit('?action=session');
    expect(after.entries[0]).toMatchObject({ action: 'session.login', who: 'admin' });
    expect(after.total).toBe(3);
  });
});

describe('GET /api/audit.csv', () => {
  it('exports the filtered entries as RFC 4180 CSV that reads back exactly', async () => {
    const response = await fetch(`${hub.origin}/api/audit.csv?action=mode`, { headers: { Cookie: office } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="muster-audit-${schoolToday()}.csv"`);
    const text = await response.text();
    expect(text.includes('\r\n')).toBe(true);
    const rows = csvRecords(text);
    const json = await audit('?action=mode');
    expect(rows).toHaveLength(json.total);
    expect(rows.map((r) => r.seq)).toEqual(['4', '3', '2', '1']);
    const drill = rows.find((r) => r.seq === '3')!;
    expect(drill).toMatchObject({ who: 'admin', role: 'admin', action: 'mode.set', mode: 'evacuate', scope: 'site', drill: 'drill', detail: `to ${AWKWARD_DESTINATION}` });
    expect(drill.at_utc).toBe(json.entries[1].at);
    // The school's own clock, with its offset, naming the same instant.
    expect(drill.school_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[56]:00$/);
    expect(Math.abs(Date.parse(drill.school_time!) - Date.parse(drill.at_utc!))).toBeLessThan(1000);
    expect(rows.find((r) => r.seq === '1')).toMatchObject({ who: 'office', drill: 'real', scope: 'building:annex' });
  });

  it('keeps a typed-in username that looks like a formula as text', async () => {
    const evil = '=HYPERLINK("http://evil.example","x")';
    expect((await hub.api('/api/session', { body: { username: evil, password: 'wrong-password' } })).status).toBe(401);
    const response = await fetch(`${hub.origin}/api/audit.csv?action=session.login-failed`, { headers: { Cookie: admin } });
    const rows = csvRecords(await response.text());
    expect(rows.map((r) => r.who)).toEqual([`'${evil}`]);
  });
});
