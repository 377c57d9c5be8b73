import { describe, expect, it } from 'vitest';
import { complianceStatus, DRILL_RULE_SETS, drillCountsAs, scheduledStatus, schoolYearOf, type CountedDrill, type ScheduledDrill } from './drill-compliance.ts';

const ruleSet = (id: string) => DRILL_RULE_SETS.find((set) => set.id === id)!;
let seq = 0;
const drill = (day: string, mode: CountedDrill['mode'], hazard: string | null = null): CountedDrill => ({ seq: ++seq, day, mode, hazard });

describe('the rule sets Muster ships', () => {
  it('are at least five states, each with its law and a reading date, and well-formed', () => {
    expect(DRILL_RULE_SETS.length).toBeGreaterThanOrEqual(5);
    expect(new Set(DRILL_RULE_SETS.map((set) => set.id)).size).toBe(DRILL_RULE_SETS.length);
    for (const set of DRILL_RULE_SETS) {
      expect(set.source.citation, set.id).not.toBe('');
      expect(set.source.url, set.id).toMatch(/^https:\/\//);
      expect(set.checked, set.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const rule of set.rules) {
        expect(rule.count, `${set.id}: ${rule.text}`).toBeGreaterThan(0);
        for (const day of [rule.from, rule.by].filter(Boolean)) expect(day, rule.text).toMatch(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
      }
    }
  });
});

describe('which drills count as what', () => {
  it('counts Evacuate as an evacuation (fire) drill, a tornado Shelter as severe weather and any other Shelter as shelter-in-place', () => {
    expect(drillCountsAs({ mode: 'evacuate', hazard: null }, 'evacuation')).toBe(true);
    expect(drillCountsAs({ mode: 'shelter', hazard: 'tornado' }, 'severe-weather')).toBe(true);
    expect(drillCountsAs({ mode: 'shelter', hazard: 'tornado' }, 'shelter-in-place')).toBe(false);
    expect(drillCountsAs({ mode: 'shelter', hazard: 'hazmat' }, 'shelter-in-place')).toBe(true);
    expect(drillCountsAs({ mode: 'secure', hazard: null }, 'safety')).toBe(true);
    expect(drillCountsAs({ mode: 'hold', hazard: null }, 'safety')).toBe(false);
    expect(drillCountsAs({ mode: 'hold', hazard: null }, 'any')).toBe(true);
  });
});

describe('a school year', () => {
  it('runs from its first day to the day before the next', () => {
    expect(schoolYearOf('2026-11-27', '07-01')).toEqual({ from: '2026-07-01', to: '2027-06-30' });
    expect(schoolYearOf('2027-03-10', '07-01')).toEqual({ from: '2026-07-01', to: '2027-06-30' });
    expect(schoolYearOf('2026-08-31', '09-01')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
  });
});

describe('New York: twelve drills, eight by 31 December, four of them lockdowns', () => {
  const ny = ruleSet('us-ny');

  it('is on track in November with drills still to run, and says what is short by when', () => {
    const drills = [drill('2026-09-10', 'evacuate'), drill('2026-09-24', 'lockdown'), drill('2026-10-08', 'evacuate')];
    const status = complianceStatus(ny, drills, '2026-11-27');
    expect(status.onTrack).toBe(true);
    expect(status.next).toBe('5 drills of any kind short by 31 December');
    expect(status.rules.find((r) => r.rule.kind === 'lockdown')).toMatchObject({ counted: 1, state: 'due', words: '3 lockdown drills short by 30 June' });
  });

  it('counts a drill from before the school year for nothing, and misses the December count in January', () => {
    const drills = [drill('2026-06-20', 'lockdown'), ...['09-10', '09-24', '10-08', '10-22', '11-05', '11-19', '12-03'].map((day) => drill(`2026-${day}`, 'evacuate'))];
    const status = complianceStatus(ny, drills, '2027-01-05');
    expect(status.onTrack).toBe(false);
    const byDecember = status.rules.find((r) => r.rule.by === '12-31')!;
    expect(byDecember).toMatchObject({ counted: 7, state: 'missed', words: '1 drill of any kind short: was due by 31 December' });
    expect(status.next).toBe('1 drill of any kind short: was due by 31 December');
    expect(status.rules.find((r) => r.rule.kind === 'lockdown')!.counted).toBe(0);
  });

  it('is all met once the drills are run', () => {
    const days = ['09-03', '09-17', '10-01', '10-15', '10-29', '11-12', '11-26', '12-10'];
    const drills = [...days.slice(0, 6).map((day) => drill(`2026-${day}`, 'evacuate')), ...days.slice(6).map((day) => drill(`2026-${day}`, 'lockdown')), drill('2027-02-04', 'evacuate'), drill('2027-03-04', 'evacuate'), drill('2027-04-08', 'lockdown'), drill('2027-05-06', 'lockdown')];
    const status = complianceStatus(ny, drills, '2027-05-20');
    expect(status.rules.every((r) => r.state === 'met')).toBe(true);
    expect(status.next).toBeNull();
    expect(status.onTrack).toBe(true);
  });
});

describe('Michigan: a tornado drill in March, a lockdown before December and one after January', () => {
  const mi = ruleSet('us-mi');

  it('waits for March before asking for the March drill, and asks for the after-January lockdown only from January', () => {
    const status = complianceStatus(mi, [drill('2026-10-01', 'lockdown')], '2026-11-27');
    expect(status.rules.find((r) => r.rule.from === '03-01')).toMatchObject({ state: 'later', from: '2027-03-01', by: '2027-03-31' });
    expect(status.rules.find((r) => r.rule.kind === 'lockdown' && r.rule.by === '12-01')).toMatchObject({ state: 'met' });
    expect(status.rules.find((r) => r.rule.kind === 'lockdown' && r.rule.from === '01-01')).toMatchObject({ state: 'later', from: '2027-01-01' });
  });

  it('does not count a hazmat Shelter as a tornado drill', () => {
    const status = complianceStatus(mi, [drill('2027-03-05', 'shelter', 'hazmat')], '2027-03-20');
    expect(status.rules.find((r) => r.rule.from === '03-01')).toMatchObject({ counted: 0, state: 'due', words: '1 severe-weather (tornado) drill short by 31 March' });
  });
});

describe('Washington: a drill each month', () => {
  it('judges each month on its own: a past month without a drill is missed', () => {
    const wa = ruleSet('us-wa');
    const status = complianceStatus(wa, [drill('2026-09-15', 'evacuate'), drill('2026-11-02', 'hold')], '2026-11-27');
    const months = status.rules.filter((r) => r.rule.eachMonth);
    expect(months.map((m) => [m.from.slice(0, 7), m.state])).toEqual([
      ['2026-09', 'met'],
      ['2026-10', 'missed'],
      ['2026-11', 'met'],
      ['2026-12', 'later'],
      ['2027-01', 'later'],
      ['2027-02', 'later'],
      ['2027-03', 'later'],
      ['2027-04', 'later'],
      ['2027-05', 'later'],
      ['2027-06', 'later'],
    ]);
    expect(status.onTrack).toBe(false);
    expect(status.next).toBe('1 drill of any kind short: was due by 31 October');
  });
});

describe('scheduled drills', () => {
  const plan = (day: string, kind: ScheduledDrill['kind'], buildingId: string | null, time: string | null = null): ScheduledDrill => ({ id: `${day}-${kind}`, day, time, kind, buildingId, note: '', createdBy: 'office', createdAt: '2026-11-01T10:00:00Z' });
  const names = (id: string) => ({ main: 'Main Building', annex: 'Annex' })[id] ?? id;
  const ran = (day: string, mode: CountedDrill['mode'], buildingIds: string[]) => ({ ...drill(day, mode), buildingIds });

  it('says which are today, later, held on their day or passed without one, in date order', () => {
    const plans = [plan('2026-12-02', 'lockdown', 'main', '10:00'), plan('2026-11-27', 'evacuation', null, '09:30'), plan('2026-11-20', 'lockdown', 'annex'), plan('2026-11-18', 'severe-weather', 'main')];
    const drills = [ran('2026-11-18', 'shelter', ['main', 'annex']), ran('2026-11-20', 'lockdown', ['main'])];
    const status = scheduledStatus(plans, drills.map((d) => ({ ...d, hazard: d.mode === 'shelter' ? 'tornado' : null })), '2026-11-27', names);
    expect(status.map((s) => [s.day, s.state, s.words])).toEqual([
      ['2026-11-18', 'held', 'Severe-weather (tornado) drill, Main Building, 18 November'],
      ['2026-11-20', 'not-held', 'Lockdown drill, Annex, 20 November'],
      ['2026-11-27', 'today', 'Evacuation drill, whole school, today at 09:30'],
      ['2026-12-02', 'upcoming', 'Lockdown drill, Main Building, 2 December at 10:00'],
    ]);
  });
});
