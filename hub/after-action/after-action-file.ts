// after-action.json: the observations and corrective actions written about drills and real events. A file of its
// own, written durably, so a review meeting's notes never rewrite the store.
import { join } from 'node:path';
import { z } from 'zod';
import { ACTION_STATUSES, ACTION_TEXT_MAX, OBSERVATION_MAX, OWNER_MAX, type CorrectiveAction, type Observation } from '../../shared/after-action.ts';
import { openJsonDocument, type JsonDocument } from '../store/json-document.ts';

export const AFTER_ACTION_FILE = 'after-action.json';

/** Across every report; the file is rewritten whole on each change, so it must stay small. */
export const MAX_OBSERVATIONS = 5000;
export const MAX_ACTIONS = 5000;

const IdSchema = z.string().regex(/^[a-f0-9]{12}$/);
const SeqSchema = z.number().int().positive();

const ObservationSchema = z.object({
  id: IdSchema,
  seq: SeqSchema,
  text: z.string().min(1).max(OBSERVATION_MAX),
  by: z.string(),
  at: z.iso.datetime(),
}) satisfies z.ZodType<Observation>;

const CorrectiveActionSchema = z.object({
  id: IdSchema,
  seq: SeqSchema,
  text: z.string().min(1).max(ACTION_TEXT_MAX),
  owner: z.string().min(1).max(OWNER_MAX),
  ownerUsername: z.string().nullable(),
  due: z.iso.date(),
  status: z.enum(ACTION_STATUSES),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedBy: z.string(),
  updatedAt: z.iso.datetime(),
  doneAt: z.iso.datetime().nullable(),
}) satisfies z.ZodType<CorrectiveAction>;

const AfterActionFileSchema = z.object({
  observations: z.array(ObservationSchema).max(MAX_OBSERVATIONS),
  actions: z.array(CorrectiveActionSchema).max(MAX_ACTIONS),
});
export type AfterActionFile = z.infer<typeof AfterActionFileSchema>;

export function openAfterActionFile(dataDir: string): Promise<JsonDocument<AfterActionFile>> {
  return openJsonDocument(join(dataDir, AFTER_ACTION_FILE), AfterActionFileSchema, () => ({ observations: [], actions: [] }));
}
