// training.json: each person's "Know your building" record (the places they work, the answers of the round they are
// on, their completions) and the school's validity period. A file of its own beside the store, written durably, so
// an answer never rewrites the site or the users.
import { join } from 'node:path';
import { z } from 'zod';
import { IdSchema } from '../../shared/model.ts';
import { DEFAULT_VALIDITY_MONTHS, MAX_PLACES, TrainingSettingsSchema } from '../../shared/training.ts';
import { openJsonDocument, type JsonDocument } from '../store/json-document.ts';

export const TRAINING_FILE = 'training.json';
/** Completions kept per person: enough to show a history, few enough that the file stays small for years. */
export const KEPT_COMPLETIONS = 20;

const AnswerRecordSchema = z.object({
  /** Answers given, right or wrong. */
  tries: z.number().int().min(1),
  /** Right the first time: what the score counts. */
  firstRight: z.boolean(),
  /** When it was first answered right (null while it is still missed). */
  rightAt: z.iso.datetime().nullable(),
});
export type AnswerRecord = z.infer<typeof AnswerRecordSchema>;

const CompletionSchema = z.object({
  at: z.iso.datetime(),
  /** The school day it was completed on: the validity runs from it. */
  day: z.iso.date(),
  firstTryRight: z.number().int().min(0),
  total: z.number().int().min(1),
});
export type Completion = z.infer<typeof CompletionSchema>;

const PersonRecordSchema = z.object({
  places: z.array(IdSchema).max(MAX_PLACES),
  /** The round under way: every exercise answered right once ends it with a completion. */
  round: z.object({ startedAt: z.iso.datetime(), answers: z.record(z.string(), AnswerRecordSchema) }).nullable(),
  completions: z.array(CompletionSchema).max(KEPT_COMPLETIONS),
});
export type PersonRecord = z.infer<typeof PersonRecordSchema>;

const TrainingFileSchema = z.object({
  validityMonths: TrainingSettingsSchema.shape.validityMonths,
  changedAt: z.iso.datetime().nullable(),
  changedBy: z.string().nullable(),
  /** By username. */
  people: z.record(z.string(), PersonRecordSchema),
});
export type TrainingFile = z.infer<typeof TrainingFileSchema>;

export const NO_RECORD: PersonRecord = Object.freeze({ places: [], round: null, completions: [] }) as PersonRecord;

export function openTrainingFile(dataDir: string): Promise<JsonDocument<TrainingFile>> {
  return openJsonDocument(join(dataDir, TRAINING_FILE), TrainingFileSchema, () => ({ validityMonths: DEFAULT_VALIDITY_MONTHS, changedAt: null, changedBy: null, people: {} }));
}
