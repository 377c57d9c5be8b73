// acknowledgements.json: which procedures staff must acknowledge, when each mode's staff wording took its current
// form, and each person's latest acknowledgement of each procedure. A file of its own beside the store, written
// durably, so a hundred teachers signing in the morning never rewrite the site. The full history (every version
// anyone acknowledged) is in the audit log; this file keeps the latest per person and procedure, so it stays small.
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_REQUIRED, ProcedureKeySchema, ProcedureVersionSchema, RequiredProceduresSchema } from '../../shared/acknowledgements.ts';
import { EMERGENCY_MODES } from '../../shared/model.ts';
import { openJsonDocument, type JsonDocument } from '../store/json-document.ts';

export const ACKNOWLEDGEMENTS_FILE = 'acknowledgements.json';

const AcknowledgementSchema = z.object({
  username: z.string(),
  procedure: ProcedureKeySchema,
  version: ProcedureVersionSchema,
  at: z.iso.datetime(),
});
export type Acknowledgement = z.infer<typeof AcknowledgementSchema>;

const AcknowledgementsFileSchema = z.object({
  required: RequiredProceduresSchema.extend({ changedAt: z.iso.datetime().nullable(), changedBy: z.string().nullable() }),
  /** Each mode's staff wording version and since when: the date a reader sees as "updated on". */
  modeVersions: z.partialRecord(z.enum(EMERGENCY_MODES), z.object({ version: ProcedureVersionSchema, since: z.iso.datetime() })),
  acknowledgements: z.array(AcknowledgementSchema),
});
export type AcknowledgementsFile = z.infer<typeof AcknowledgementsFileSchema>;

export function openAcknowledgementsFile(dataDir: string): Promise<JsonDocument<AcknowledgementsFile>> {
  return openJsonDocument(join(dataDir, ACKNOWLEDGEMENTS_FILE), AcknowledgementsFileSchema, () => ({
    required: { ...DEFAULT_REQUIRED, changedAt: null, changedBy: null },
    modeVersions: {},
    acknowledgements: [],
  }));
}
