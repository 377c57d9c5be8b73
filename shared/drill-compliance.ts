// Drill compliance: the drills a state's law asks of a school each school year, and how far the drills Muster ran
// go towards them. A rule set is a list of counts ("5 evacuation drills a year, 3 of them by 1 December"); the drills
// are the drill reports (every drill started in Muster, per building). Dates are the school's own calendar days
// ("2026-12-01" in its time zone), so a drill at 23:30 on 1 December counts for 1 December.
//
// The rule sets Muster ships are a reading of each law at the date in `checked`, with its source: a school's district
// or fire marshal may ask for more, laws change, and drills Muster does not run (a fire drill started from the fire
// alarm panel, a bus evacuation) are not in its reports. The admin console says so next to the status.
import type { ModeId } from './model.ts';

/**
 * The kinds of drill laws count, as Muster's modes run them: an evacuation (fire) drill is an Evacuate, a lockdown a
 * Lockdown, a severe-weather drill a Shelter for a tornado, a shelter-in-place drill a Shelter for another hazard, a
 * lockout a Secure. "safety" is Ohio's word for a drill that keeps people in: Lockdown or Secure.
 */
export const DRILL_KINDS = ['evacuation', 'lockdown', 'secure', 'hold', 'severe-weather', 'shelter-in-place', 'safety', 'any'] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

export const DRILL_KIND_WORDS: Readonly<Record<DrillKind, { one: string; many: string }>> = {
  evacuation: { one: 'evacuation drill', many: 'evacuation drills' },
  lockdown: { one: 'lockdown drill', many: 'lockdown drills' },
  secure: { one: 'secure (lockout) drill', many: 'secure (lockout) drills' },
  hold: { one: 'hold drill', many: 'hold drills' },
  'severe-weather': { one: 'severe-weather (tornado) drill', many: 'severe-weather (tornado) drills' },
  'shelter-in-place': { one: 'shelter-in-place drill', many: 'shelter-in-place drills' },
  safety: { one: 'safety drill (lockdown or secure)', many: 'safety drills (lockdown or secure)' },
  any: { one: 'drill of any kind', many: 'drills of any kind' },
};

/** A day of the school year as month and day, "MM-DD". */
export type MonthDay = `${number}-${number}`;

export interface DrillRule {
  /** What counts. */
  kind: DrillKind;
  /** How many, at least. */
  count: number;
  /** Counted from this day of the school year on (its first day when absent). */
  from?: MonthDay;
  /** Counted up to and including this day (the school year's last day when absent): the deadline. */
  by?: MonthDay;
  /** `count` drills in each of these months (1–12) of the school year, rather than once over the window. */
  eachMonth?: readonly number[];
  /** The law's words for it, shortened. */
  text: string;
}

export interface DrillRuleSet {
  id: string;
  name: string;
  /** The law the counts come from, and where to read it. */
  source: { citation: string; url: string };
  /** When the reading was last checked against the source. */
  checked: string;
  /** The school year's first day: "07-01" is 1 July to 30 June. */
  yearStarts: MonthDay;
  rules: readonly DrillRule[];
  /** What the rule set leaves to the school (drills Muster does not run, choices the law gives). */
  note: string;
}

export const DRILL_RULE_SETS: readonly DrillRuleSet[] = [
  {
    id: 'us-ny',
    name: 'New York',
    source: { citation: 'N.Y. Education Law § 807(1)', url: 'https://safeschools.ny.gov/fire-and-emergency-drills' },
    checked: '2026-11-27',
    yearStarts: '07-01',
    rules: [
      { kind: 'any', count: 12, text: 'twelve drills each school year' },
      { kind: 'any', count: 8, from: '09-01', by: '12-31', text: 'eight of them between 1 September and 31 December' },
      { kind: 'evacuation', count: 8, text: 'eight of them evacuation drills' },
      { kind: 'lockdown', count: 4, text: 'four of them lockdown drills' },
    ],
    note: 'Two more drills are due while summer school is in session, and four of the evacuation drills must use fire escapes or secondary exits: record those by hand.',
  },
  {
    id: 'us-mi',
    name: 'Michigan',
    source: { citation: 'MCL 29.19 (Public Act 12 of 2014)', url: 'https://www.legislature.mi.gov/Laws/MCL?objectName=mcl-29-19' },
    checked: '2026-11-27',
    yearStarts: '07-01',
    rules: [
      { kind: 'evacuation', count: 5, text: 'five fire (evacuation) drills' },
      { kind: 'evacuation', count: 3, by: '12-01', text: 'three of them by 1 December' },
      { kind: 'severe-weather', count: 2, text: 'two tornado safety drills' },
      { kind: 'severe-weather', count: 1, from: '03-01', by: '03-31', text: 'one of them in March' },
      { kind: 'lockdown', count: 3, text: 'three drills with the building secured and everyone kept inside' },
      { kind: 'lockdown', count: 1, by: '12-01', text: 'one of them by 1 December' },
      { kind: 'lockdown', count: 1, from: '01-01', text: 'one of them after 1 January' },
    ],
    note: 'One of the drills must take place when students are gathered outside their classrooms (lunch or recess), and completed drills must be posted on the school’s website within 30 school days.',
  },
  {
    id: 'us-oh',
    name: 'Ohio',
    source: { citation: 'Ohio Revised Code § 3737.73', url: 'https://codes.ohio.gov/ohio-revised-code/section-3737.73' },
    checked: '2026-11-27',
    yearStarts: '07-01',
    rules: [
      { kind: 'evacuation', count: 6, text: 'six fire drills (nine where not every classroom building has smoke detectors or sprinklers)' },
      { kind: 'safety', count: 3, text: 'three school safety drills, one of them keeping students inside' },
      { kind: 'severe-weather', count: 1, eachMonth: [4, 5, 6], text: 'a tornado drill each month of the tornado season (1 April to 31 July) while school is in session' },
    ],
    note: 'A school without smoke detectors or sprinklers in every classroom building needs nine fire drills: add three by hand. The staff-only safety drill is not a screen drill.',
  },
  {
    id: 'us-wa',
    name: 'Washington',
    source: { citation: 'RCW 28A.320.125', url: 'https://app.leg.wa.gov/RCW/default.aspx?cite=28A.320.125' },
    checked: '2026-11-27',
    yearStarts: '09-01',
    rules: [
      { kind: 'any', count: 1, eachMonth: [9, 10, 11, 12, 1, 2, 3, 4, 5, 6], text: 'a safety-related drill each month school is in session' },
      { kind: 'lockdown', count: 1, text: 'lockdown practised' },
      { kind: 'shelter-in-place', count: 1, text: 'shelter-in-place practised' },
      { kind: 'evacuation', count: 3, text: 'three fire evacuation drills (state fire code)' },
    ],
    note: 'Months with summer sessions need a drill too, one drill must use the school mapping information system, and schools in a tsunami or lahar zone must hold a pedestrian evacuation drill.',
  },
  {
    id: 'us-il',
    name: 'Illinois',
    source: { citation: '105 ILCS 128/20 (School Safety Drill Act)', url: 'https://www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=010501280K20' },
    checked: '2026-11-27',
    yearStarts: '07-01',
    rules: [
      { kind: 'evacuation', count: 3, text: 'three school evacuation drills (one with the local fire department)' },
      { kind: 'lockdown', count: 1, text: 'a law enforcement drill (lockdown or reverse evacuation)' },
      { kind: 'severe-weather', count: 1, text: 'a severe weather and shelter-in-place drill' },
    ],
    note: 'The bus evacuation drill and the annual review of the emergency plan with first responders are not screen drills: record them by hand.',
  },
];

/** One drill as the reports have it. */
export interface CountedDrill {
  seq: number;
  /** The school's calendar day it started, "YYYY-MM-DD". */
  day: string;
  mode: ModeId;
  /** Shelter's hazard. */
  hazard: string | null;
}

/** Whether a drill of `mode` (and, for Shelter, `hazard`) counts as `kind`. */
export function drillCountsAs(drill: Pick<CountedDrill, 'mode' | 'hazard'>, kind: DrillKind): boolean {
  switch (kind) {
    case 'any':
      return drill.mode !== 'normal';
    case 'evacuation':
      return drill.mode === 'evacuate';
    case 'lockdown':
      return drill.mode === 'lockdown';
    case 'secure':
      return drill.mode === 'secure';
    case 'hold':
      return drill.mode === 'hold';
    case 'safety':
      return drill.mode === 'lockdown' || drill.mode === 'secure';
    case 'severe-weather':
      return drill.mode === 'shelter' && drill.hazard === 'tornado';
    case 'shelter-in-place':
      return drill.mode === 'shelter' && drill.hazard !== 'tornado';
  }
}

export type RuleState =
  /** Enough drills already. */
  | 'met'
  /** Not enough yet, and the deadline (or the month) is still ahead. */
  | 'due'
  /** The deadline passed short. */
  | 'missed'
  /** Its window has not opened yet. */
  | 'later';

export interface RuleStatus {
  rule: DrillRule;
  /** The window (or, for a rule per month, the month) it was judged on: school calendar days, inclusive. */
  from: string;
  by: string;
  counted: number;
  /** The drills counted, by seq. */
  drills: number[];
  state: RuleState;
  /** In words: "3 of 5 evacuation drills", "1 lockdown drill short by 31 December". */
  words: string;
}

export interface ComplianceStatus {
  /** The school year judged: its first and last day. */
  year: { from: string; to: string };
  rules: RuleStatus[];
  /** Every rule met or still reachable: "on track"; some rule missed: not. */
  onTrack: boolean;
  /** The first thing to do, in words, or null when every rule is met. */
  next: string | null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-12-31" → "31 December". */
export function dayInWords(day: string): string {
  const [, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${date} ${MONTHS[month - 1]}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The school year that holds `today`: its first day and its last (the day before the next one starts). */
export function schoolYearOf(today: string, yearStarts: MonthDay): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const startYear = today.slice(5) >= yearStarts ? year : year - 1;
  const from = `${startYear}-${yearStarts}`;
  const next = new Date(Date.UTC(startYear + 1, Number(yearStarts.slice(0, 2)) - 1, Number(yearStarts.slice(3))));
  next.setUTCDate(next.getUTCDate() - 1);
  return { from, to: `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}` };
}

/** "MM-DD" within the school year `year` → "YYYY-MM-DD". */
function inYear(monthDay: string, year: { from: string; to: string }): string {
  const first = `${year.from.slice(0, 4)}-${monthDay}`;
  return first >= year.from ? first : `${year.to.slice(0, 4)}-${monthDay}`;
}

const lastDayOf = (yearMonth: string) => {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  return `${yearMonth}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
};

const plural = (n: number, kind: DrillKind) => `${n} ${n === 1 ? DRILL_KIND_WORDS[kind].one : DRILL_KIND_WORDS[kind].many}`;

function judge(rule: DrillRule, from: string, by: string, drills: readonly CountedDrill[], today: string): RuleStatus {
  const counted = drills.filter((d) => d.day >= from && d.day <= by && drillCountsAs(d, rule.kind));
  const n = counted.length;
  const state: RuleState = n >= rule.count ? 'met' : today > by ? 'missed' : today < from ? 'later' : 'due';
  const short = rule.count - n;
  const words =
    state === 'met'
      ? `${n} of ${plural(rule.count, rule.kind)}: done`
      : state === 'missed'
        ? `${plural(short, rule.kind)} short: was due by ${dayInWords(by)}`
        : state === 'later'
          ? `${plural(rule.count, rule.kind)} between ${dayInWords(from)} and ${dayInWords(by)}`
          : `${plural(short, rule.kind)} short by ${dayInWords(by)}`;
  return { rule, from, by, counted: n, drills: counted.map((d) => d.seq), state, words };
}

/**
 * How the drills of one building (its own and the site-wide ones) stand against `ruleSet` on `today` (the school's
 * calendar day). A rule per month is judged month by month; months already past count as missed when short.
 */
export function complianceStatus(ruleSet: DrillRuleSet, drills: readonly CountedDrill[], today: string): ComplianceStatus {
  const year = schoolYearOf(today, ruleSet.yearStarts);
  const rules: RuleStatus[] = [];
  for (const rule of ruleSet.rules) {
    if (rule.eachMonth) {
      for (const month of rule.eachMonth) {
        const first = inYear(`${pad(month)}-01`, year);
        rules.push(judge(rule, first, lastDayOf(first.slice(0, 7)), drills, today));
      }
      continue;
    }
    rules.push(judge(rule, rule.from ? inYear(rule.from, year) : year.from, rule.by ? inYear(rule.by, year) : year.to, drills, today));
  }
  const open = rules.filter((r) => r.state === 'due' || r.state === 'missed').sort((a, b) => (a.by < b.by ? -1 : a.by > b.by ? 1 : 0));
  return { year, rules, onTrack: !rules.some((r) => r.state === 'missed'), next: open[0]?.words ?? null };
}

/** A drill the school has put in its calendar: the console reminds the office on the day. */
export interface ScheduledDrill {
  id: string;
  /** The school's calendar day, "YYYY-MM-DD". */
  day: string;
  /** "HH:MM" in the school's time, or null for some time that day. */
  time: string | null;
  kind: DrillKind;
  /** The building it is for; null for the whole school. */
  buildingId: string | null;
  note: string;
  createdBy: string;
  createdAt: string;
}

export type ScheduledState =
  /** A later day. */
  | 'upcoming'
  /** Today, and no drill of its kind has run in its buildings yet today. */
  | 'today'
  /** A drill of its kind ran on its day where it was planned. */
  | 'held'
  /** Its day passed without one. */
  | 'not-held';

export interface ScheduledStatus extends ScheduledDrill {
  state: ScheduledState;
  /** In words: "Lockdown drill, Main Building, today at 10:00". */
  words: string;
}

/**
 * Where each scheduled drill stands on `today`: held when a drill that counts as its kind ran on its day in its
 * building (a site-wide drill counts for every building), else today, upcoming or not held. Sorted by day and time.
 */
export function scheduledStatus(
  scheduled: readonly ScheduledDrill[],
  drills: readonly (CountedDrill & { buildingIds: readonly string[] })[],
  today: string,
  buildingName: (id: string) => string,
): ScheduledStatus[] {
  return [...scheduled]
    .sort((a, b) => (a.day + (a.time ?? '99:99')).localeCompare(b.day + (b.time ?? '99:99')))
    .map((plan) => {
      const held = drills.some((d) => d.day === plan.day && drillCountsAs(d, plan.kind) && (plan.buildingId === null ? d.buildingIds.length > 0 : d.buildingIds.includes(plan.buildingId)));
      const state: ScheduledState = held ? 'held' : plan.day > today ? 'upcoming' : plan.day === today ? 'today' : 'not-held';
      const when = plan.day === today ? 'today' : dayInWords(plan.day);
      const kind = DRILL_KIND_WORDS[plan.kind].one;
      const words = `${kind[0]!.toUpperCase()}${kind.slice(1)}, ${plan.buildingId === null ? 'whole school' : buildingName(plan.buildingId)}, ${when}${plan.time ? ` at ${plan.time}` : ''}`;
      return { ...plan, state, words };
    });
}
