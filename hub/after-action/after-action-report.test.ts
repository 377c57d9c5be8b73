import { describe, expect, it } from 'vitest';
import type { DrillReport, ScreenReceipt } from '../reports/drill-reports.ts';
import { NO_START_DETAILS } from '../reports/mode-start-details.ts';
import { loadSiteFile } from '../store/seed.ts';
import type { AuditEntry } from '../store/audit-log.ts';
import { belongsToEvent, eventTimeline, rollCallOf, whoDidWhat } from './after-action-report.ts';

const site = loadSiteFile('config/demo-school.json');
const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const base = { who: 'office', role: 'office' as const, from: '10.0.0.5' };

const receipt = (id: string, seconds: number | null, inScope = true): ScreenReceipt => ({
  id,
  name: `Screen ${id}`,
  location: `By ${id}`,
  buildingId: 'main',
  floorId: 'main-1',
  zoneId: null,
  inScope,
  confirmedAt: seconds === null ? null : at(seconds),
  secondsAfter: seconds,
});

function report(overrides: Partial<DrillReport> = {}): DrillReport {
  const screens = overrides.screens ?? [receipt('a', 0.2), receipt('b', 1.5), receipt('c', null)];
  const expected = screens.filter((s) => s.inScope);
  const confirmed = expected.filter((s) => s.confirmedAt !== null);
  return {
    seq: 10,
    at: at(0),
    ...base,
    mode: 'shelter',
    scope: { kind: 'site' },
    scopeName: 'Whole school',
    drill: true,
    detail: null,
    details: { ...NO_START_DETAILS, hazard: 'tornado', strategy: 'shelter-area', note: 'Stay low', noteTranslations: { es: 'Agáchense' } },
    end: { kind: 'all-clear', seq: 14, at: at(300), who: 'principal', role: 'admin', drill: true },
    timeZone: 'America/Chicago',
    screens,
    expected: expected.length,
    confirmed: confirmed.length,
    neverConfirmed: expected.filter((s) => s.confirmedAt === null).map((s) => s.id),
    slowestSeconds: confirmed.length ? Math.max(...confirmed.map((s) => s.secondsAfter!)) : null,
    ...overrides,
  };
}

describe('what belongs to an event', () => {
  const r = report();
  it('takes mode and hazard changes numbered after its start up to what ended it', () => {
    expect(belongsToEvent({ ...base, at: at(5), action: 'hazards.marked', seq: 11 }, r, T0)).toBe(true);
    expect(belongsToEvent({ ...base, at: at(300), action: 'mode.all-clear', seq: 14 }, r, T0)).toBe(true);
    expect(belongsToEvent({ ...base, at: at(301), action: 'mode.set', seq: 15 }, r, T0)).toBe(false);
    expect(belongsToEvent({ ...base, at: at(0), action: 'mode.set', seq: 10 }, r, T0)).toBe(false);
    expect(belongsToEvent({ ...base, at: at(-5), action: 'hazards.cleared', seq: 9 }, r, T0)).toBe(false);
  });

  it('takes what integrations sent within its time, and nothing else without a number', () => {
    expect(belongsToEvent({ ...base, at: at(30), action: 'integration.refused' }, r, T0)).toBe(true);
    expect(belongsToEvent({ ...base, at: at(400), action: 'integration.refused' }, r, T0)).toBe(false);
    expect(belongsToEvent({ ...base, at: at(30), action: 'session.login' }, r, T0)).toBe(false);
    // Still active: up to now.
    expect(belongsToEvent({ ...base, at: at(400), action: 'integration.cap-received' }, report({ end: null }), T0 + 500_000)).toBe(true);
  });
});

describe('the timeline', () => {
  it('starts with the start and its note, puts each screen’s paint and each change at its offset, and ends with the end', () => {
    const entries: AuditEntry[] = [
      { ...base, at: at(300), action: 'mode.all-clear', seq: 14, mode: 'normal', scope: { kind: 'site' }, drill: true, who: 'principal', role: 'admin', detail: 'cleared 10, 12; hazards cleared with the last mode' },
      { ...base, at: at(1), action: 'hazards.marked', seq: 11, detail: 'East hall end' },
      { ...base, at: at(60), action: 'mode.set', seq: 12, mode: 'evacuate', scope: { kind: 'building', buildingId: 'annex' }, drill: true, destination: 'North athletic field' },
      { ...base, at: at(90), action: 'integration.refused', who: 'Raptor', role: 'integration', detail: 'forbidden: Raptor may not start Lockdown' },
    ];
    const timeline = eventTimeline(report(), entries, site);
    expect(timeline.map((e) => [e.kind, e.offsetSeconds, e.who, e.words])).toEqual([
      ['start', 0, 'office', 'Started Shelter drill for Whole school, Tornado: Go to the shelter area'],
      ['note', 0, 'office', 'Note to the screens: “Stay low”; in es: “Agáchense”'],
      ['screen', 0.2, null, 'Screen a (By a) painted Shelter'],
      ['hazard', 1, 'office', 'Hazard marked: East hall end'],
      ['screen', 1.5, null, 'Screen b (By b) painted Shelter'],
      ['mode', 60, 'office', 'Started Evacuate drill for Annex, to North athletic field (#12)'],
      ['integration', 90, 'Raptor (integration)', 'forbidden: Raptor may not start Lockdown'],
      ['end', 300, 'principal', 'All Clear (drill) for Whole school; the hazards were cleared with it'],
    ]);
  });

  it('names a mode set on the same scope as what replaced it', () => {
    const replaced = report({ end: { kind: 'replaced', seq: 11, at: at(20), who: 'office', role: 'office', drill: false }, details: NO_START_DETAILS, mode: 'hold' });
    const timeline = eventTimeline(replaced, [{ ...base, at: at(20), action: 'mode.set', seq: 11, mode: 'lockdown', scope: { kind: 'site' }, drill: false }], site);
    expect(timeline.at(-1)).toMatchObject({ kind: 'end', words: 'Replaced by Lockdown real event for Whole school (#11)' });
    expect(timeline[0]!.words).toBe('Started Hold drill for Whole school');
  });
});

describe('the roll-call and who did what', () => {
  it('counts the screens, and gives the time to all confirmed only when every one did', () => {
    expect(rollCallOf(report())).toMatchObject({ expected: 3, confirmed: 2, allConfirmedAfterSeconds: null, slowestSeconds: 1.5, neverConfirmed: [{ id: 'c', name: 'Screen c', location: 'By c' }], confirmedOutsideScope: 0 });
    const all = report({ screens: [receipt('a', 0.2), receipt('b', 0.9), receipt('moved', 0.4, false)] });
    expect(rollCallOf(all)).toMatchObject({ expected: 2, confirmed: 2, allConfirmedAfterSeconds: 0.9, neverConfirmed: [], confirmedOutsideScope: 1 });
    expect(rollCallOf(report({ screens: [] })).allConfirmedAfterSeconds).toBeNull();
  });

  it('groups the timeline by person or integration, in the order they first acted, without the screens', () => {
    const timeline = eventTimeline(report(), [{ ...base, at: at(90), action: 'integration.refused', who: 'Raptor', role: 'integration', detail: 'refused' }], site);
    expect(whoDidWhat(timeline).map((p) => [p.who, p.actions.map((a) => a.words.slice(0, 12))])).toEqual([
      ['office', ['Started Shel', 'Note to the ']],
      ['Raptor (integration)', ['refused']],
    ]);
  });
});
