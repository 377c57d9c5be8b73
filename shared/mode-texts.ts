// The school's own wording of each mode's directive and steps, per language, over the built-in catalogue
// (shared/modes.ts). Mode names stay the standard ones: staff are trained on "Lockdown", not a local synonym.
import { z } from 'zod';
import { EmergencyModeSchema, LanguageSchema, type EmergencyModeId, type Language } from './model.ts';

const Step = z.string().trim().min(1, 'a step cannot be empty').max(200);

export const ModeWordingSchema = z.object({
  directive: z.string().trim().min(1, 'the directive cannot be empty').max(160),
  /** The office's PA script; left out, the catalogue's ({destination}, {hazard}, {strategy} are filled in). */
  announcement: z.string().trim().min(1, 'the announcement cannot be empty').max(200).optional(),
  students: z.array(Step).max(10),
  staff: z.array(Step).max(12),
});
export type ModeWording = z.infer<typeof ModeWordingSchema>;

/** Only what the school changed: a mode and language missing here use the catalogue's text. */
export const ModeWordingsSchema = z.partialRecord(EmergencyModeSchema, z.partialRecord(LanguageSchema, ModeWordingSchema));
export type ModeWordings = z.infer<typeof ModeWordingsSchema>;

export const NO_WORDINGS: ModeWordings = {};

export function wordingOf(wordings: ModeWordings, mode: EmergencyModeId, language: Language): ModeWording | null {
  return wordings[mode]?.[language] ?? null;
}
