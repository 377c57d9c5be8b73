// The tones screens sound when a mode starts and when the All Clear comes: the catalogue of tone names and the
// school's choice per mode. The notes themselves are in display/screen/screen-tones.ts (screens synthesise them).
//
// Drills sound exactly as real events do, with no school-wide "drills silent" switch: a drill rehearses the real thing
// (as a fire drill sounds the real alarm), and people learn to recognise the Lockdown tone only by hearing it in drills.
// A school that wants a mode silent chooses "none" for it, which then holds for drills and real events alike; a screen
// that must never make a sound (a library, a room people hide in) is turned off on its own (Screen.sound).
import { z } from 'zod/mini';

export const TONE_IDS = ['alarm', 'whoop', 'pulses', 'chime', 'triple-chime', 'rising-chime'] as const;
export const ToneIdSchema = z.enum(TONE_IDS);
export type ToneId = z.infer<typeof ToneIdSchema>;

/** A tone, or none at all. */
export const ToneChoiceSchema = z.union([ToneIdSchema, z.literal('none')]);
export type ToneChoice = z.infer<typeof ToneChoiceSchema>;

/** How the admin console names each tone, so a school can tell them apart before pressing Play. */
export const TONE_NAMES: Readonly<Record<ToneId, string>> = {
  alarm: 'Alarm: fast high two-tone',
  whoop: 'Whoop: slow rising sweeps',
  pulses: 'Pulses: long and low',
  chime: 'Chime: two notes down',
  'triple-chime': 'Triple chime: three short notes',
  'rising-chime': 'Rising chime: three notes up',
};

/** The tone each mode starts with, and the All Clear's. */
export const ModeTonesSchema = z.object({
  hold: ToneChoiceSchema,
  secure: ToneChoiceSchema,
  lockdown: ToneChoiceSchema,
  evacuate: ToneChoiceSchema,
  shelter: ToneChoiceSchema,
  allClear: ToneChoiceSchema,
});
export type ModeTones = z.infer<typeof ModeTonesSchema>;

/** Urgent for Lockdown, a sweep for Evacuate, low pulses for Shelter, gentle chimes for Hold and Secure. */
export const DEFAULT_MODE_TONES: ModeTones = {
  hold: 'chime',
  secure: 'triple-chime',
  lockdown: 'alarm',
  evacuate: 'whoop',
  shelter: 'pulses',
  allClear: 'rising-chime',
};
