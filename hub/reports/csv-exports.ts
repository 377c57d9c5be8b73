// The CSV exports of the audit log and of a drill report: their columns and file names. Times are the school's
// local time with its offset ("2026-11-22T08:03:11-06:00"): exact, and what the people who read them expect.
import { actorName } from '../../shared/actor-name.ts';
import { scopeKey } from '../../shared/modes.ts';
import type { AuditEntry } from '../store/audit-log.ts';
import { csvDocument, csvStream, type CsvValue } from './csv.ts';
import type { DrillReport } from './drill-reports.ts';
import { schoolDate, schoolTimestamp } from './school-clock.ts';

const local = (iso: string | null | undefined, timeZone: string) => (iso ? schoolTimestamp(Date.parse(iso), timeZone) : null);
const drillOrReal = (drill: boolean | undefined) => (drill === undefined ? null : drill ? 'drill' : 'real');

export function auditCsv(entries: readonly AuditEntry[], timeZone: string): { fileName: string; body: ReadableStream<Uint8Array> } {
  const header = ['at_utc', 'school_time', 'who', 'role', 'from', 'action', 'seq', 'mode', 'scope', 'drill', 'detail'];
  // Rows are made as the stream is read, so a year's export never holds up the broadcasts for long.
  const rows = lazyMap(entries, (e): CsvValue[] => [
    e.at,
    local(e.at, timeZone),
    e.who,
    e.role,
    e.from,
    e.action,
    e.seq,
    e.mode,
    e.scope ? scopeKey(e.scope) : null,
    drillOrReal(e.drill),
    e.detail,
  ]);
  return { fileName: `muster-audit-${schoolDate(Date.now(), timeZone)}.csv`, body: csvStream(header, rows) };
}

function* lazyMap<T, U>(items: readonly T[], map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/** One row per screen, each repeating the change, so the file sorts and filters in any spreadsheet. */
export function drillReportCsv(report: DrillReport): { fileName: string; text: string } {
  const { timeZone } = report;
  const header = [
    'seq',
    'mode',
    'drill',
    'scope',
    'triggered_by',
    'triggered_at',
    'screen_id',
    'screen_name',
    'location',
    'in_scope',
    'confirmed_at',
    'seconds_after_trigger',
    'ended_by',
    'ended_at',
  ];
  const ended = report.end ? (report.end.kind === 'all-clear' ? `All Clear #${report.end.seq} by ${actorName(report.end.who, report.end.role === 'integration')}` : `replaced by #${report.end.seq} (${actorName(report.end.who, report.end.role === 'integration')})`) : 'still active';
  const rows = report.screens.map((s): CsvValue[] => [
    report.seq,
    report.mode,
    drillOrReal(report.drill),
    report.scopeName,
    actorName(report.who, report.role === 'integration'),
    local(report.at, timeZone),
    s.id,
    s.name,
    s.location,
    s.inScope ? 'yes' : 'no',
    s.confirmedAt ? local(s.confirmedAt, timeZone) : 'never confirmed',
    s.secondsAfter === null ? null : s.secondsAfter.toFixed(3),
    ended,
    local(report.end?.at, timeZone),
  ]);
  const kind = report.drill ? 'drill' : 'event';
  return { fileName: `muster-${kind}-${report.seq}-${schoolDate(Date.parse(report.at), timeZone)}.csv`, text: csvDocument(header, rows) };
}
