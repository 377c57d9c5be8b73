// The after-action report of one drill or real event (one mode change of the drill reports): its timeline from the
// audit and receipt logs (the start, the note, each screen's paint, hazards, every change of mode, the end), the
// roll-call of screens, who did what, and the observations and corrective actions written about it since.
import { isOverdue, type CorrectiveAction, type Observation } from '../../shared/after-action.ts';
import { actorName } from '../../shared/actor-name.ts';
import { MODE_CATALOGUE, SHELTER_HAZARD_TEXT, shelterInWords } from '../../shared/modes.ts';
import type { ModeId, Site } from '../../shared/model.ts';
import { scopeName } from '../../shared/scope-names.ts';
import { drillReport, type DrillReport } from '../reports/drill-reports.ts';
import { startDetailsOf, type StartDetails } from '../reports/mode-start-details.ts';
import { schoolDate } from '../reports/school-clock.ts';
import type { AuditEntry, AuditLog } from '../store/audit-log.ts';
import type { ReceiptLog } from '../store/receipt-log.ts';
import type { AfterActionFile } from './after-action-file.ts';

export type TimelineKind = 'start' | 'note' | 'screen' | 'hazard' | 'mode' | 'end' | 'integration';

export interface TimelineEntry {
  at: string;
  /** Seconds after the start (negative never: a receipt stamped early by a clock is shown at the start). */
  offsetSeconds: number;
  kind: TimelineKind;
  /** Who did it, in the reports' words ("office", "Raptor (integration)"); null for a screen's paint. */
  who: string | null;
  words: string;
}

export interface RollCall {
  /** Screens in the scope, as the site is now. */
  expected: number;
  confirmed: number;
  /** Seconds from the start until the last screen in scope confirmed; null unless every one did. */
  allConfirmedAfterSeconds: number | null;
  slowestSeconds: number | null;
  neverConfirmed: { id: string; name: string; location: string }[];
  /** Screens that confirmed though they are outside the scope now (moved since). */
  confirmedOutsideScope: number;
}

export interface PersonActions {
  who: string;
  actions: { at: string; offsetSeconds: number; words: string }[];
}

export interface AfterActionReport {
  report: DrillReport;
  timeline: TimelineEntry[];
  rollCall: RollCall;
  people: PersonActions[];
  observations: Observation[];
  actions: (CorrectiveAction & { overdue: boolean })[];
  /** The school's calendar day the report was made on, which overdue is judged against. */
  today: string;
}

const modeName = (mode: ModeId) => MODE_CATALOGUE[mode].text.en.name;
const kindOf = (drill: boolean) => (drill ? 'drill' : 'real event');
/** Lines of other actions that happened in the event's time and belong in its story: what integrations sent. */
const INTEGRATION_ACTIONS = new Set<AuditEntry['action']>(['integration.refused', 'integration.cap-received', 'integration.weather-alert']);

/** "to North field", "Tornado: Go to the shelter area": what a start asked beyond its mode. */
export function whatInWords(details: StartDetails): string | null {
  if (details.destination) return `to ${details.destination}`;
  if (details.hazard) return details.strategy ? shelterInWords(details.hazard, details.strategy) : SHELTER_HAZARD_TEXT[details.hazard].en;
  return null;
}

/**
 * Whether an audit line is part of the event that `report` is: a mode or hazard change numbered after its start and
 * up to what ended it, or an integration's line stamped within its time.
 */
export function belongsToEvent(entry: AuditEntry, report: Pick<DrillReport, 'seq' | 'at' | 'end'>, nowMs: number): boolean {
  if (entry.action.startsWith('mode.') || entry.action.startsWith('hazards.')) {
    return typeof entry.seq === 'number' && entry.seq > report.seq && entry.seq <= (report.end?.seq ?? Number.POSITIVE_INFINITY);
  }
  if (!INTEGRATION_ACTIONS.has(entry.action)) return false;
  const at = Date.parse(entry.at);
  return at >= Date.parse(report.at) && at <= (report.end ? Date.parse(report.end.at) : nowMs);
}

/** The timeline, in time order: the start first, then what happened, the end last. */
export function eventTimeline(report: DrillReport, entries: readonly AuditEntry[], site: Site): TimelineEntry[] {
  const startMs = Date.parse(report.at);
  const item = (at: string, kind: TimelineKind, who: string | null, words: string): TimelineEntry => ({ at, offsetSeconds: Math.max(0, Date.parse(at) - startMs) / 1000, kind, who, words });
  const by = (entry: Pick<AuditEntry, 'who' | 'role'>) => actorName(entry.who, entry.role === 'integration');
  const { details } = report;
  const what = whatInWords(details);
  const timeline: TimelineEntry[] = [item(report.at, 'start', by(report), `Started ${modeName(report.mode)} ${kindOf(report.drill)} for ${report.scopeName}${what ? `, ${what}` : ''}`)];
  if (details.note) {
    const translations = Object.entries(details.noteTranslations).map(([language, text]) => `; in ${language}: “${text}”`);
    timeline.push(item(report.at, 'note', by(report), `Note to the screens: “${details.note}”${translations.join('')}`));
  }
  for (const screen of report.screens) {
    if (screen.confirmedAt === null) continue;
    timeline.push(item(screen.confirmedAt, 'screen', null, `${screen.name}${screen.location ? ` (${screen.location})` : ''} painted ${modeName(report.mode)}${screen.inScope ? '' : ' (now outside the scope)'}`));
  }
  let end: TimelineEntry | null = null;
  for (const entry of [...entries].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || Date.parse(a.at) - Date.parse(b.at))) {
    const ends = report.end !== null && entry.seq === report.end.seq;
    if (entry.action === 'hazards.marked' || entry.action === 'hazards.cleared') {
      timeline.push(item(entry.at, 'hazard', by(entry), `${entry.action === 'hazards.marked' ? 'Hazard marked' : 'Hazard cleared'}: ${entry.detail || 'no area named'}`));
    } else if (entry.action === 'mode.set' && entry.mode && entry.scope) {
      const startWhat = whatInWords(startDetailsOf(entry));
      const words = `${ends ? 'Replaced by' : 'Started'} ${modeName(entry.mode)} ${kindOf(entry.drill ?? false)} for ${scopeName(entry.scope, site)}${startWhat ? `, ${startWhat}` : ''} (#${entry.seq})`;
      if (ends) end = item(entry.at, 'end', by(entry), words);
      else timeline.push(item(entry.at, 'mode', by(entry), words));
    } else if (entry.action === 'mode.all-clear' && entry.scope) {
      const hazards = entry.detail?.includes('hazards cleared') ? '; the hazards were cleared with it' : '';
      const words = `All Clear${entry.drill ? ' (drill)' : ''} for ${scopeName(entry.scope, site)}${hazards}${ends ? '' : ` (#${entry.seq})`}`;
      if (ends) end = item(entry.at, 'end', by(entry), words);
      else timeline.push(item(entry.at, 'mode', by(entry), words));
    } else if (INTEGRATION_ACTIONS.has(entry.action)) {
      timeline.push(item(entry.at, 'integration', by(entry), entry.detail ?? entry.action));
    }
  }
  // Stable: the start and its note stay first at offset 0, and lines of one instant keep their order.
  timeline.sort((a, b) => a.offsetSeconds - b.offsetSeconds);
  if (end) timeline.push(end);
  return timeline;
}

export function rollCallOf(report: DrillReport): RollCall {
  const inScope = report.screens.filter((s) => s.inScope);
  const names = new Map(report.screens.map((s) => [s.id, s]));
  return {
    expected: report.expected,
    confirmed: report.confirmed,
    allConfirmedAfterSeconds: report.expected > 0 && report.confirmed === report.expected ? Math.max(...inScope.map((s) => s.secondsAfter ?? 0)) : null,
    slowestSeconds: report.slowestSeconds,
    neverConfirmed: report.neverConfirmed.map((id) => ({ id, name: names.get(id)?.name ?? id, location: names.get(id)?.location ?? '' })),
    confirmedOutsideScope: report.screens.filter((s) => !s.inScope && s.confirmedAt !== null).length,
  };
}

/** Each person or integration that acted, in the order they first did, with their part of the timeline. */
export function whoDidWhat(timeline: readonly TimelineEntry[]): PersonActions[] {
  const people = new Map<string, PersonActions>();
  for (const entry of timeline) {
    if (entry.who === null) continue;
    let person = people.get(entry.who);
    if (!person) people.set(entry.who, (person = { who: entry.who, actions: [] }));
    person.actions.push({ at: entry.at, offsetSeconds: entry.offsetSeconds, words: entry.words });
  }
  return [...people.values()];
}

export async function afterActionReport(
  seq: number,
  deps: { audit: AuditLog; receipts: ReceiptLog; site: Site; notes: AfterActionFile; now: Date },
): Promise<AfterActionReport> {
  const { site, now } = deps;
  const report = await drillReport(seq, deps);
  const inEvent: AuditEntry[] = [];
  for await (const entry of deps.audit.entries()) if (belongsToEvent(entry, report, now.getTime())) inEvent.push(entry);
  const timeline = eventTimeline(report, inEvent, site);
  const today = schoolDate(now.getTime(), site.timeZone);
  return {
    report,
    timeline,
    rollCall: rollCallOf(report),
    people: whoDidWhat(timeline),
    observations: deps.notes.observations.filter((o) => o.seq === seq),
    actions: deps.notes.actions.filter((a) => a.seq === seq).map((action) => ({ ...action, overdue: isOverdue(action, today) })),
    today,
  };
}
