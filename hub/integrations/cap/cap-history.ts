// The school's recent mode starts and All Clears, as the CAP feed publishes them, followed from the audit log: each
// refresh folds in only the lines appended since the last (hub/store/audit-tail.ts). What ended what follows the
// rules drill reports replay (hub/reports/drill-reports.ts): a mode start replaces the mode on exactly its scope, and
// an All Clear ends the modes its audit line names ("cleared 3, 4"; for a line without that list, those its scope
// covers, only drills when it is a drill All Clear).
import { sameScope, scopeCovers } from '../../../shared/modes.ts';
import type { EmergencyModeId, Scope, Site } from '../../../shared/model.ts';
import { startDetailsOf, type StartDetails } from '../../reports/mode-start-details.ts';
import type { AuditEntry } from '../../store/audit-log.ts';
import type { AuditTail } from '../../store/audit-tail.ts';

/** An earlier alert, as a later one references it (CAP 1.2, 3.2.1: sender,identifier,sent). */
export interface AlertReference {
  seq: number;
  at: string;
  scope: Scope;
  drill: boolean;
}

/** A mode start another change ended. */
export interface EndedAlert extends AlertReference {
  mode: EmergencyModeId;
}

export interface ModeStartRecord extends AlertReference {
  kind: 'start';
  mode: EmergencyModeId;
  who: string;
  byIntegration: boolean;
  /** Evacuate's destination, shelter's hazard and strategy, the note. */
  details: StartDetails;
  /** The alert on exactly this scope that this one replaced (a CAP Update of it). */
  replaces: EndedAlert[];
}

export interface AllClearRecord extends AlertReference {
  kind: 'all-clear';
  who: string;
  byIntegration: boolean;
  /** The alerts it ended (a CAP Cancel of them). */
  cancels: EndedAlert[];
}

export type AlertRecord = ModeStartRecord | AllClearRecord;

/** How many of the latest changes are kept (with every mode still active, however old). */
export const RECENT_CHANGES = 50;

/** Only these lines are parsed; the rest of a long log (logins mostly) is skipped as text. Hazards carry a seq too. */
export function capHistoryLine(line: string): boolean {
  return line.includes('"action":"mode.') || line.includes('"action":"hazards.');
}

type ModeSet = AuditEntry & { action: 'mode.set'; seq: number; mode: EmergencyModeId; scope: Scope; drill: boolean };
type AllClear = AuditEntry & { action: 'mode.all-clear'; seq: number; scope: Scope; drill: boolean };

const isModeSet = (e: AuditEntry): e is ModeSet => e.action === 'mode.set' && typeof e.seq === 'number' && !!e.mode && e.mode !== 'normal' && !!e.scope && typeof e.drill === 'boolean';
const isAllClear = (e: AuditEntry): e is AllClear => e.action === 'mode.all-clear' && typeof e.seq === 'number' && !!e.scope && typeof e.drill === 'boolean';

/** The seqs an All Clear's detail lists ("cleared 3, 4; hazards cleared with the last mode"), or null without one. */
export function clearedSeqs(detail: string | undefined): number[] | null {
  const listed = /^cleared (\d+(?:, \d+)*)/.exec(detail ?? '');
  return listed ? listed[1]!.split(', ').map(Number) : null;
}

const endedAlertOf = ({ seq, at, scope, drill, mode }: ModeStartRecord): EndedAlert => ({ seq, at, scope, drill, mode });

export function createCapHistory({ tail, site, keep = RECENT_CHANGES }: { tail: AuditTail; site: () => Site; keep?: number }) {
  let recent: AlertRecord[] = [];
  let active = new Map<number, ModeStartRecord>();
  /** The highest seq of any line read: when the store is ahead of it, a line is still on its way to the log. */
  let lastSeq = 0;
  /** Counts the changes folded in: the feed is rebuilt when it moves. */
  let version = 0;

  const fold = (entry: AuditEntry) => {
    if (typeof entry.seq === 'number') lastSeq = Math.max(lastSeq, entry.seq);
    const by = { who: entry.who, byIntegration: entry.role === 'integration' };
    if (isModeSet(entry)) {
      const replaced = [...active.values()].filter((start) => sameScope(start.scope, entry.scope));
      for (const start of replaced) active.delete(start.seq);
      const start: ModeStartRecord = { kind: 'start', seq: entry.seq, at: entry.at, scope: entry.scope, drill: entry.drill, mode: entry.mode, ...by, details: startDetailsOf(entry), replaces: replaced.map(endedAlertOf) };
      active.set(start.seq, start);
      recent.push(start);
      version += 1;
    } else if (isAllClear(entry)) {
      const listed = clearedSeqs(entry.detail);
      const ended = listed
        ? listed.map((seq) => active.get(seq) ?? recent.find((r): r is ModeStartRecord => r.kind === 'start' && r.seq === seq)).filter((start) => start !== undefined)
        : [...active.values()].filter((start) => scopeCovers(entry.scope, start.scope, site()) && (!entry.drill || start.drill));
      for (const start of ended) active.delete(start.seq);
      recent.push({ kind: 'all-clear', seq: entry.seq, at: entry.at, scope: entry.scope, drill: entry.drill, ...by, cancels: ended.map(endedAlertOf) });
      version += 1;
    }
    // Trimmed now and then rather than at every change, so following a long log costs linear time.
    if (recent.length >= 2 * keep) recent = recent.slice(-keep);
  };

  return {
    /** Folds in what was appended to the audit log since the last refresh. */
    async refresh(): Promise<void> {
      const { entries, restarted } = await tail.readNew();
      if (restarted) {
        recent = [];
        active = new Map();
        lastSeq = 0;
        version += 1;
      }
      // Sequence numbers are the order the hub made the changes in, whatever order their lines landed in.
      for (const entry of entries.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) fold(entry);
    },
    get lastSeq() {
      return lastSeq;
    },
    get version() {
      return version;
    },
    /** The latest changes and every mode still active, oldest first. */
    records(): AlertRecord[] {
      const latest = recent.slice(-keep);
      const shown = new Set(latest.map((record) => record.seq));
      return [...latest, ...[...active.values()].filter((start) => !shown.has(start.seq))].sort((a, b) => a.seq - b.seq);
    },
  };
}

export type CapHistory = ReturnType<typeof createCapHistory>;
