// compliance.json: the rule set the school holds its drills to (one Muster ships, or its own). A file of its own,
// written durably, so choosing one never rewrites the site.
import { join } from 'node:path';
import { z } from 'zod';
import { DRILL_KINDS, DRILL_RULE_SETS, type DrillRuleSet } from '../../shared/drill-compliance.ts';
import { openJsonDocument, type JsonDocument } from '../store/json-document.ts';

export const COMPLIANCE_FILE = 'compliance.json';

const MonthDaySchema = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as MM-DD, e.g. 12-01') as unknown as z.ZodType<`${number}-${number}`>;

export const DrillRuleSchema = z.strictObject({
  kind: z.enum(DRILL_KINDS, { error: `a drill kind: ${DRILL_KINDS.join(', ')}` }),
  count: z.number().int().min(1, 'at least 1').max(100, 'at most 100'),
  from: MonthDaySchema.optional(),
  by: MonthDaySchema.optional(),
  eachMonth: z.array(z.number().int().min(1).max(12)).min(1).max(12).optional(),
  text: z.string().trim().min(1, 'say what the rule asks, in words').max(200),
});

/** A school's own rule set, written in the admin console (or by its district's policy). */
export const OwnRuleSetSchema = z.strictObject({
  name: z.string().trim().min(2, 'use at least 2 characters').max(80),
  source: z.strictObject({ citation: z.string().trim().max(200), url: z.string().trim().max(500) }),
  yearStarts: MonthDaySchema,
  rules: z.array(DrillRuleSchema).min(1, 'at least one rule').max(40, 'at most 40 rules'),
  note: z.string().trim().max(1000).default(''),
});

const RULE_SET_IDS = DRILL_RULE_SETS.map((set) => set.id) as [string, ...string[]];

/** What the admin chose: a rule set Muster ships (null: none), or the school's own. */
export const ComplianceChoiceSchema = z
  .strictObject({
    ruleSetId: z.enum(RULE_SET_IDS, { error: `one of ${RULE_SET_IDS.join(', ')}, or null for none` }).nullable().optional(),
    own: OwnRuleSetSchema.optional(),
  })
  .refine((choice) => (choice.own === undefined) !== (choice.ruleSetId === undefined), 'give either ruleSetId (a rule set Muster ships, or null for none) or own (the school’s own rules)');
export type ComplianceChoice = z.infer<typeof ComplianceChoiceSchema>;

/** At most this many drills in the calendar (past ones included until the school year's log no longer needs them). */
export const MAX_SCHEDULED_DRILLS = 200;

/** A drill to put in the calendar, as the office or the admin asks for it. */
export const NewScheduledDrillSchema = z.strictObject({
  day: z.iso.date({ error: 'a day as YYYY-MM-DD' }),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM, 24-hour')
    .nullable()
    .default(null),
  kind: z.enum(DRILL_KINDS, { error: `a drill kind: ${DRILL_KINDS.join(', ')}` }),
  buildingId: z.string().nullable().default(null),
  note: z.string().trim().max(140, 'at most 140 characters').default(''),
});

const ScheduledDrillSchema = NewScheduledDrillSchema.extend({
  id: z.string().regex(/^[a-f0-9]{12}$/),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});

const ComplianceFileSchema = z.object({
  ruleSetId: z.string().nullable(),
  own: OwnRuleSetSchema.nullable(),
  changedAt: z.iso.datetime().nullable(),
  changedBy: z.string().nullable(),
  /** Files from before the calendar have none. */
  scheduled: z.array(ScheduledDrillSchema).default([]),
});
export type ComplianceFile = z.infer<typeof ComplianceFileSchema>;

export function openComplianceFile(dataDir: string): Promise<JsonDocument<ComplianceFile>> {
  return openJsonDocument(join(dataDir, COMPLIANCE_FILE), ComplianceFileSchema, () => ({ ruleSetId: null, own: null, changedAt: null, changedBy: null, scheduled: [] }));
}

/** The rule set the file names, or null when the school has chosen none. */
export function chosenRuleSet(file: ComplianceFile): DrillRuleSet | null {
  if (file.own) return { id: 'own', checked: file.changedAt?.slice(0, 10) ?? '', ...file.own };
  return DRILL_RULE_SETS.find((set) => set.id === file.ruleSetId) ?? null;
}
