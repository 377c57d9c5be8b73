// The school's own wording of each mode's directive and steps, per language, over the built-in catalogue
// (shared/modes.ts). Mode names stay the standard ones: staff are trained on "Lockdown", not a local synonym.
import { z } from 'zod/mini';
import { EmergencyModeSchema, LanguageSchema, type EmergencyModeId, type Language } from './model.ts';

const Step = z.string().check(z.trim(), z.minLength(1, 'a step cannot be empty'), z.maxLength(200));

export const ModeWordingSchema = z.object({
  directive: z.string().check(z.trim(), z.minLength(1, 'the directive cannot be empty'), z.maxLength(160)),
  /** The office's PA script; left out, the catalogue's ({destination}, {hazard}, {strategy} are filled in). */
  announcement: z.optional(z.string().check(z.trim(), z.minLength(1, 'the announcement cannot be empty'), z.maxLength(200))),
  students: z.array(Step).check(z.maxLength(10)),
  staff: z.array(Step).check(z.maxLength(12)),
});
export type ModeWording = z.infer<typeof ModeWordingSchema>;

/** Only what the school changed: a mode and language missing here use the catalogue's text. */
export const ModeWordingsSchema = z.partialRecord(EmergencyModeSchema, z.partialRecord(LanguageSchema, ModeWordingSchema));
export type ModeWordings = z.infer<typeof ModeWordingsSchema>;

export const NO_WORDINGS: ModeWordings = {};

export function wordingOf(wordings: ModeWordings, mode: EmergencyModeId, language: Language): ModeWording | null {
  return wordings[mode]?.[language] ?? null;
}
