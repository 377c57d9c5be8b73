// Drill compliance (issue 14, item 3): the admin picks the state's rule set or writes the school's own; the drills
// the office runs are counted from the drill reports, per building, and the status changes as they are run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvRecords } from '../helpers/csv.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let admin: string;
let office: string;

beforeEach(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
  office = await hub.login('office');
});
afterEach(async () => {
  await hub.dispose();
});

async function run(request: Record<string, unknown>): Promise<void> {
  for (const [path, body] of [['/api/modes', request], ['/api/all-clear', { scope: request.scope, drill: true }]] as const) {
    const { status, body: reply } = await hub.api(path, { cookie: office, body });
    expect(status, JSON.stringify(reply)).toBe(200);
  }
}

const compliance = async (cookie = office) => (await hub.api('/api/compliance', { cookie })).body;
const building = (report: any, id: string) => report.report.buildings.find((b: any) => b.buildingId === id).status;
const rule = (status: any, kind: string) => status.rules.find((r: any) => r.rule.kind === kind);

// Counts without dates, so the test holds on any day of the year.
const OWN = {
  name: 'Maple Grove district policy',
  source: { citation: 'District policy 5.12', url: '' },
  yearStarts: '07-01',
  rules: [
    { kind: 'lockdown', count: 2, text: 'two lockdowns' },
    { kind: 'severe-weather', count: 1, text: 'a tornado drill' },
    { kind: 'evacuation', count: 1, text: 'a fire drill' },
  ],
};

describe('drill compliance', () => {
  it('offers the shipped rule sets, each with its law, and holds the school to none until the admin picks one', async () => {
    const first = await compliance();
    expect(first.report).toMatchObject({ ruleSet: null, buildings: [] });
    expect(first.ruleSets.map((set: any) => set.id)).toEqual(expect.arrayContaining(['us-ny', 'us-mi', 'us-oh', 'us-wa', 'us-il']));
    expect((await hub.api('/api/compliance', { method: 'PUT', cookie: office, body: { ruleSetId: 'us-mi' } })).status).toBe(403);
    const bad = await hub.api('/api/compliance', { method: 'PUT', cookie: admin, body: { ruleSetId: 'us-xx' } });
    expect(bad.status).toBe(400);
    const badOwn = await hub.api('/api/compliance', { method: 'PUT', cookie: admin, body: { own: { ...OWN, rules: [{ kind: 'fire', count: 2, text: 'x' }] } } });
    expect(badOwn.status).toBe(400);
    expect(JSON.stringify(badOwn.body)).toContain('a drill kind');

    const chosen = await hub.api('/api/compliance', { method: 'PUT', cookie: admin, body: { ruleSetId: 'us-mi' } });
    expect(chosen.status).toBe(200);
    expect(chosen.body.report.ruleSet).toMatchObject({ name: 'Michigan', source: { citation: expect.stringContaining('29.19') } });
    expect(chosen.body.report.buildings.map((b: any) => b.buildingId)).toEqual(['main', 'annex']);
    const audit = (await hub.api('/api/audit?action=preparedness', { cookie: admin })).body.entries;
    expect(audit[0]).toMatchObject({ who: 'admin', action: 'compliance.rule-set', detail: expect.stringContaining('Michigan') });
  });

  it('counts each drill for the buildings it covered, as it is run: the status changes, a zone drill counts for none', async () => {
    expect((await hub.api('/api/compliance', { method: 'PUT', cookie: admin, body: { own: OWN } })).status).toBe(200);
    let report = await compliance();
    expect(rule(building(report, 'main'), 'lockdown')).toMatchObject({ counted: 0, state: 'due', words: expect.stringMatching(/^2 lockdown drills short by 30 June$/) });
    expect(building(report, 'main').onTrack).toBe(true);

    await run({ mode: 'lockdown', scope: { kind: 'site' }, drill: true });
    await run({ mode: 'shelter', hazard: 'tornado', scope: { kind: 'building', buildingId: 'main' }, drill: true });
    await run({ mode: 'lockdown', scope: { kind: 'zone', zoneId: hub.site().zones[0]!.id }, drill: true });
    // A real event is no drill.
    await hub.api('/api/modes', { cookie: office, body: { mode: 'hold', scope: { kind: 'site' }, drill: false } });
    await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: false } });

    report = await compliance();
    expect(rule(building(report, 'main'), 'lockdown')).toMatchObject({ counted: 1, state: 'due', words: '1 lockdown drill short by 30 June' });
    expect(rule(building(report, 'main'), 'severe-weather')).toMatchObject({ counted: 1, state: 'met' });
    expect(rule(building(report, 'annex'), 'severe-weather')).toMatchObject({ counted: 0, state: 'due' });
    expect(building(report, 'main').next).toBe('1 lockdown drill short by 30 June');

    await run({ mode: 'lockdown', scope: { kind: 'building', buildingId: 'main' }, drill: true });
    await run({ mode: 'evacuate', destination: 'North athletic field', scope: { kind: 'site' }, drill: true });
    report = await compliance();
    expect(building(report, 'main').rules.every((r: any) => r.state === 'met')).toBe(true);
    expect(building(report, 'main').next).toBeNull();
    expect(building(report, 'annex').next).toBe('1 lockdown drill short by 30 June');

    // The school year's drill log, for the state: every drill, the buildings it counts for and as what.
    const response = await fetch(`${hub.origin}/api/compliance/drill-log.csv`, { headers: { Cookie: office } });
    expect(response.headers.get('content-disposition')).toMatch(/drill-log-\d{4}-07-01-to-\d{4}-06-30\.csv/);
    const rows = csvRecords(await response.text());
    expect(rows.map((r) => [r.mode, r['counts for buildings']])).toEqual([
      ['lockdown', 'Main Building; Annex'],
      ['shelter', 'Main Building'],
      ['lockdown', ''],
      ['lockdown', 'Main Building'],
      ['evacuate', 'Main Building; Annex'],
    ]);
    expect(rows[1]!.hazard).toBe('tornado');
    expect(rows[1]!['counts as (Maple Grove district policy)']).toBe('severe-weather (tornado) drill');
  });

  it('keeps a drill calendar the office plans by: today’s drill is held once a drill of its kind runs there', async () => {
    const today = (await compliance()).report.today as string;
    const schedule = (body: Record<string, unknown>, cookie = office) => hub.api('/api/compliance/scheduled', { cookie, body });
    const lockdown = await schedule({ day: today, time: '10:00', kind: 'lockdown', buildingId: 'main', note: 'Period 2' });
    expect(lockdown.status, JSON.stringify(lockdown.body)).toBe(200);
    expect((await schedule({ day: '2099-01-05', kind: 'evacuation' })).status).toBe(200);
    expect((await schedule({ day: '2020-01-06', kind: 'lockdown' })).body.error.message).toMatch(/has passed/);
    expect((await schedule({ day: today, kind: 'lockdown', buildingId: 'gym-annex' })).status).toBe(400);
    expect((await schedule({ day: today, kind: 'fire' })).status).toBe(400);
    expect((await schedule({ day: today, kind: 'lockdown' }, await hub.login('viewer'))).status).toBe(403);

    let scheduled = (await compliance()).report.scheduled;
    expect(scheduled.map((s: any) => [s.state, s.words])).toEqual([
      ['today', 'Lockdown drill, Main Building, today at 10:00'],
      ['upcoming', 'Evacuation drill, whole school, 5 January'],
    ]);
    // A drill in the annex is not the main building's.
    await run({ mode: 'lockdown', scope: { kind: 'building', buildingId: 'annex' }, drill: true });
    expect((await compliance()).report.scheduled[0].state).toBe('today');
    await run({ mode: 'lockdown', scope: { kind: 'site' }, drill: true });
    scheduled = (await compliance()).report.scheduled;
    expect(scheduled[0].state).toBe('held');

    const removed = await hub.api(`/api/compliance/scheduled/${scheduled[1].id}`, { method: 'DELETE', cookie: office });
    expect(removed.status).toBe(200);
    expect(removed.body.report.scheduled).toHaveLength(1);
    expect((await hub.api(`/api/compliance/scheduled/${scheduled[1].id}`, { method: 'DELETE', cookie: office })).status).toBe(404);
    const audit = (await hub.api('/api/audit?action=preparedness', { cookie: admin })).body.entries.map((e: any) => e.action);
    expect(audit).toEqual(['compliance.drill-unscheduled', 'compliance.drill-scheduled', 'compliance.drill-scheduled']);
  });
});
