// The filters of the audit log and drill-report queries (GET /api/audit, /api/audit.csv, /api/drill-reports):
// one schema for the hub's validator and the admin console's links, so the two cannot drift apart.
import { z } from 'zod';

/** Groups of audit actions, by the part of an action before its dot ("mode.set" is in "mode"). */
export const AUDIT_ACTION_GROUPS = {
  mode: { label: 'Modes and All Clears', prefixes: ['mode'] },
  hazards: { label: 'Hazards', prefixes: ['hazards'] },
  session: { label: 'Logins and logouts', prefixes: ['session'] },
  users: { label: 'User accounts', prefixes: ['user'] },
  screens: { label: 'Screens: pairing, sound, readiness sweeps', prefixes: ['screen'] },
  site: { label: 'Site: buildings, floors, zones', prefixes: ['site'] },
  'floor-plans': { label: 'Floor plans and maps', prefixes: ['floor-plans', 'map'] },
  documents: { label: 'Documents', prefixes: ['document'] },
  content: { label: 'Screen content', prefixes: ['content'] },
  integrations: { label: 'Integrations', prefixes: ['integration'] },
  preparedness: { label: 'Drill compliance and after-action reports', prefixes: ['compliance', 'after-action'] },
  procedures: { label: 'Procedure acknowledgements', prefixes: ['procedure'] },
  training: { label: 'Staff training', prefixes: ['training'] },
} as const;
export type AuditActionGroup = keyof typeof AUDIT_ACTION_GROUPS;
export const AUDIT_ACTION_PREFIXES: readonly string[] = Object.values(AUDIT_ACTION_GROUPS).flatMap((g) => g.prefixes);

/** At most this many entries per page; a CSV export without a limit has every matching entry. */
export const MAX_AUDIT_LIMIT = 1000;
export const DEFAULT_AUDIT_LIMIT = 100;
/** Paging further back than this keeps too much in memory: narrow the dates instead. */
export const MAX_AUDIT_OFFSET = 100_000;

/** A school day ("2026-11-22", in the school's time zone) or an exact instant with its offset. */
const DayOrInstantSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'use a date (2026-11-22, a day in the school’s time zone) or a date and time with its offset (2026-11-22T08:00:00-06:00)',
});

const actionPattern = new RegExp(`^(${AUDIT_ACTION_PREFIXES.join('|')})\\.[a-z][a-z-]*$`);
const ActionFilterSchema = z
  .string()
  .max(64)
  .refine((value) => Object.hasOwn(AUDIT_ACTION_GROUPS, value) || actionPattern.test(value), {
    error: `use a group (${Object.keys(AUDIT_ACTION_GROUPS).join(', ')}) or an action such as mode.set`,
  });

const pageFields = {
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_LIMIT).optional(),
  offset: z.coerce.number().int().min(0).max(MAX_AUDIT_OFFSET).optional(),
};
const timeFields = {
  from: DayOrInstantSchema.optional(),
  to: DayOrInstantSchema.optional(),
  drill: z.enum(['true', 'false']).optional(),
};

/** Query parameters are strings; an unknown one is refused, so a misspelt filter never silently shows everything. */
export const AuditQuerySchema = z.strictObject({
  who: z.string().trim().min(1).max(64).optional(),
  action: ActionFilterSchema.optional(),
  ...timeFields,
  ...pageFields,
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const DrillReportQuerySchema = z.strictObject({ ...timeFields, ...pageFields });
export type DrillReportQuery = z.infer<typeof DrillReportQuerySchema>;

/** Does an action belong to a group, or is it the very action asked for? */
export function actionMatches(filter: string, action: string): boolean {
  if (!Object.hasOwn(AUDIT_ACTION_GROUPS, filter)) return filter === action;
  const group = AUDIT_ACTION_GROUPS[filter as AuditActionGroup];
  const prefix = action.slice(0, action.indexOf('.'));
  return (group.prefixes as readonly string[]).includes(prefix);
}
