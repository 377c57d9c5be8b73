// Filtering and paging the audit log: who, what, when (school days or instants), drill or real, newest first.
// One streamed pass over the file per request, keeping only the page asked for: nothing is cached between requests.
import { actionMatches, type AUDIT_ACTION_GROUPS, type AuditActionGroup, type AuditQuery, type DrillReportQuery } from '../../shared/audit-query.ts';
import { ApiError } from '../api-error.ts';
import type { AuditEntry } from '../store/audit-log.ts';
import { nextDay, schoolDayStart } from './school-clock.ts';

// Every action must fall in a group of the filter; a new kind of action that does not fails the typecheck here.
type ActionPrefix<A> = A extends `${infer P}.${string}` ? P : never;
type KnownPrefix = (typeof AUDIT_ACTION_GROUPS)[AuditActionGroup]['prefixes'][number];
type Missing = Exclude<ActionPrefix<AuditEntry['action']>, KnownPrefix>;
const everyActionHasAGroup: [Missing] extends [never] ? true : Missing = true;
void everyActionHasAGroup;

export interface AuditFilter {
  who?: string;
  action?: string;
  /** Inclusive, ms since the epoch. */
  fromMs?: number;
  /** Exclusive, ms since the epoch. */
  toMs?: number;
  drill?: boolean;
}

const isDay = (value: string) => value.length === 10;

/** A query's dates as instants: a day means that day at the school, `to` a day includes all of it. */
export function auditFilter(query: AuditQuery | DrillReportQuery, timeZone: string): AuditFilter {
  const fromMs = query.from === undefined ? undefined : isDay(query.from) ? schoolDayStart(query.from, timeZone) : Date.parse(query.from);
  const toMs =
    query.to === undefined ? undefined : isDay(query.to) ? schoolDayStart(nextDay(query.to), timeZone) : Date.parse(query.to) + 1;
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) {
    throw new ApiError('bad_request', '"from" must be before "to".');
  }
  return {
    who: 'who' in query ? query.who?.toLowerCase() : undefined,
    action: 'action' in query ? query.action : undefined,
    fromMs,
    toMs,
    drill: query.drill === undefined ? undefined : query.drill === 'true',
  };
}

export function entryMatches(entry: AuditEntry, filter: AuditFilter): boolean {
  if (filter.who !== undefined && entry.who.toLowerCase() !== filter.who) return false;
  if (filter.action !== undefined && !actionMatches(filter.action, entry.action)) return false;
  // Entries without a drill flag (logins, floor plans) are neither drill nor real.
  if (filter.drill !== undefined && entry.drill !== filter.drill) return false;
  if (filter.fromMs !== undefined || filter.toMs !== undefined) {
    const at = Date.parse(entry.at);
    if (filter.fromMs !== undefined && !(at >= filter.fromMs)) return false;
    if (filter.toMs !== undefined && !(at < filter.toMs)) return false;
  }
  return true;
}

export interface Page<T> {
  items: T[];
  /** How many match in all. */
  total: number;
}

/**
 * The matching items, newest first, `offset` of them skipped and at most `limit` kept (all without a limit).
 * Items come oldest first; only the newest `offset + limit` matches are held while streaming.
 */
export async function newestFirst<T>(items: AsyncIterable<T> | Iterable<T>, matches: (item: T) => boolean, page: { limit?: number; offset?: number }): Promise<Page<T>> {
  const offset = page.offset ?? 0;
  const keep = page.limit === undefined ? Number.POSITIVE_INFINITY : offset + page.limit;
  let window: T[] = [];
  let total = 0;
  for await (const item of items) {
    if (!matches(item)) continue;
    total += 1;
    window.push(item);
    // Trimmed now and then rather than on every push, so a long log costs linear time.
    if (window.length >= 2 * keep) window = window.slice(window.length - keep);
  }
  if (window.length > keep) window = window.slice(window.length - keep);
  window.reverse();
  return { items: window.slice(offset, page.limit === undefined ? undefined : offset + page.limit), total };
}
