// The acknowledgement report as CSV, for the district: one row per required procedure and person, with the version
// each read and when, in the school's local time with its offset.
import type { ProcedureStanding } from '../../shared/acknowledgements.ts';
import { csvDocument, type CsvValue } from '../reports/csv.ts';
import { schoolDate, schoolTimestamp } from '../reports/school-clock.ts';

const STATUS_WORDS = { current: 'read current version', older: 'read an older version', never: 'never read' } as const;

export function acknowledgementsCsv(standings: readonly ProcedureStanding[], timeZone: string, at: number): { fileName: string; text: string } {
  const local = (iso: string | null) => (iso ? schoolTimestamp(Date.parse(iso), timeZone) : null);
  const header = ['procedure', 'kind', 'current_version', 'current_since', 'person', 'role', 'status', 'version_read', 'acknowledged_at'];
  const rows: CsvValue[][] = [];
  for (const { procedure, current, older, never } of standings) {
    const about = [procedure.title, procedure.kind, procedure.version, local(procedure.updatedAt)];
    for (const person of current) rows.push([...about, person.username, person.role, STATUS_WORDS.current, person.version, local(person.at)]);
    for (const person of older) rows.push([...about, person.username, person.role, STATUS_WORDS.older, person.version, local(person.at)]);
    for (const person of never) rows.push([...about, person.username, person.role, STATUS_WORDS.never, null, null]);
  }
  return { fileName: `procedure-acknowledgements-${schoolDate(at, timeZone)}.csv`, text: csvDocument(header, rows) };
}
