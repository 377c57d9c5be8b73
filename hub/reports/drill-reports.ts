// Drill reports: every mode change from the audit log, what ended it, and when each screen in its scope painted it
// (from the receipt log). Schools must log their drills; this is that log, rebuilt from disk on each request.
import { sameScope, scopeContains, scopeCovers } from '../../shared/modes.ts';
import type { ModeId, Scope, Site } from '../../shared/model.ts';
import { scopeName } from '../../shared/scope-names.ts';
import { ApiError } from '../api-error.ts';
import type { AuditEntry, AuditLog } from '../store/audit-log.ts';
import type { ReceiptLog } from '../store/receipt-log.ts';
import type { AuditFilter } from './audit-query.ts';
import { startDetailsOf, type StartDetails } from './mode-start-details.ts';

export interface ModeEnd {
  /** An All Clear covering the scope, or a later mode set on exactly the same scope, which replaces it. */
  kind: 'all-clear' | 'replaced';
  seq: number;
  at: string;
  who: string;
  role: AuditEntry['role'];
  drill: boolean;
}

export interface ModeChange {
  seq: number;
  at: string;
  who: string;
  role: AuditEntry['role'];
  from: string;
  mode: ModeId;
  scope: Scope;
  scopeName: string;
  drill: boolean;
  /** Evacuate's destination, shelter's hazard and strategy, the note, in words (as the audit log has them). */
  detail: string | null;
  /** The same, as facts. */
  details: StartDetails;
  /** Null while the mode is still active. */
  end: ModeEnd | null;
}

export interface ScreenReceipt {
  id: string;
  name: string;
  location: string;
  buildingId: string;
  floorId: string;
  zoneId: string | null;
  /** Inside the change's scope as the site is now; a screen moved since may have confirmed from outside it. */
  inScope: boolean;
  /** When the screen first reported painting this mode; null if it never did. */
  confirmedAt: string | null;
  secondsAfter: number | null;
}

export interface DrillReport extends ModeChange {
  timeZone: string;
  screens: ScreenReceipt[];
  /** Screens in scope, and how many of them confirmed. */
  expected: number;
  confirmed: number;
  neverConfirmed: string[];
  slowestSeconds: number | null;
}

type ModeSet = AuditEntry & { action: 'mode.set'; seq: number; mode: ModeId; scope: Scope; drill: boolean };
type AllClear = AuditEntry & { action: 'mode.all-clear'; seq: number; scope: Scope; drill: boolean };

const isModeSet = (e: AuditEntry): e is ModeSet => e.action === 'mode.set' && typeof e.seq === 'number' && !!e.mode && !!e.scope && typeof e.drill === 'boolean';
const isAllClear = (e: AuditEntry): e is AllClear => e.action === 'mode.all-clear' && typeof e.seq === 'number' && !!e.scope && typeof e.drill === 'boolean';

/**
 * Every mode change in the audit log, oldest first, each with what ended it. Replays the rules of
 * domain/modes.ts: a mode ends at the first later All Clear whose scope covers its own (a drill All Clear ends
 * only drills), or at the first later mode set on exactly its scope. Zones are placed by the site as it is now.
 */
export async function modeChanges(entries: AsyncIterable<AuditEntry>, site: Site): Promise<ModeChange[]> {
  const events: (ModeSet | AllClear)[] = [];
  for await (const entry of entries) if (isModeSet(entry) || isAllClear(entry)) events.push(entry);
  // Sequence numbers are the order the hub made the changes in, whatever order their audit lines landed in.
  events.sort((a, b) => a.seq - b.seq);

  const changes: ModeChange[] = [];
  let active: ModeChange[] = [];
  const end = (ended: ModeChange[], kind: ModeEnd['kind'], event: ModeSet | AllClear) => {
    for (const change of ended) change.end = { kind, seq: event.seq, at: event.at, who: event.who, role: event.role, drill: event.drill };
    active = active.filter((change) => !ended.includes(change));
  };
  for (const event of events) {
    if (event.action === 'mode.all-clear') {
      end(active.filter((c) => scopeCovers(event.scope, c.scope, site) && (!event.drill || c.drill)), 'all-clear', event);
      continue;
    }
    end(active.filter((c) => sameScope(c.scope, event.scope)), 'replaced', event);
    const change: ModeChange = {
      seq: event.seq,
      at: event.at,
      who: event.who,
      role: event.role,
      from: event.from,
      mode: event.mode,
      scope: event.scope,
      scopeName: scopeName(event.scope, site),
      drill: event.drill,
      detail: event.detail ?? null,
      details: startDetailsOf(event),
      end: null,
    };
    changes.push(change);
    active.push(change);
  }
  return changes;
}

export function changeMatches(change: ModeChange, filter: AuditFilter): boolean {
  if (filter.drill !== undefined && change.drill !== filter.drill) return false;
  const at = Date.parse(change.at);
  if (filter.fromMs !== undefined && !(at >= filter.fromMs)) return false;
  if (filter.toMs !== undefined && !(at < filter.toMs)) return false;
  return true;
}

/** One change with each screen's receipt time, the screens that never confirmed, and what ended it. */
export async function drillReport(seq: number, deps: { audit: AuditLog; receipts: ReceiptLog; site: Site }): Promise<DrillReport> {
  const { site } = deps;
  const change = (await modeChanges(deps.audit.entries(), site)).find((c) => c.seq === seq);
  if (!change) throw new ApiError('not_found', `No mode change #${seq} in the audit log.`);

  const firstReceipt = new Map<string, number>();
  for (const line of await deps.receipts.forActiveSeq(seq)) {
    const at = Date.parse(line.at);
    const known = firstReceipt.get(line.screenId);
    if (known === undefined || at < known) firstReceipt.set(line.screenId, at);
  }
  const startedMs = Date.parse(change.at);
  const screens: ScreenReceipt[] = [];
  for (const screen of site.screens) {
    const inScope = scopeContains(change.scope, screen);
    const at = firstReceipt.get(screen.id);
    if (!inScope && at === undefined) continue;
    screens.push({
      id: screen.id,
      name: screen.name,
      location: screen.location,
      buildingId: screen.buildingId,
      floorId: screen.floorId,
      zoneId: screen.zoneId,
      inScope,
      confirmedAt: at === undefined ? null : new Date(at).toISOString(),
      secondsAfter: at === undefined ? null : Math.max(0, at - startedMs) / 1000,
    });
  }
  const expected = screens.filter((s) => s.inScope);
  const confirmed = expected.filter((s) => s.confirmedAt !== null);
  return {
    ...change,
    timeZone: site.timeZone,
    screens,
    expected: expected.length,
    confirmed: confirmed.length,
    neverConfirmed: expected.filter((s) => s.confirmedAt === null).map((s) => s.id),
    slowestSeconds: confirmed.length === 0 ? null : Math.max(...confirmed.map((s) => s.secondsAfter!)),
  };
}
