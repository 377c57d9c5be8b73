// The readiness sweep: a facility manager walks the building with a phone, each screen shows a short code, and
// entering it checks that screen against a short list. The checks, and the bodies of the sweep routes, shared by the
// hub's validators and the admin console.
import { z } from 'zod';

/** What the manager checks at each screen, in the order they look; `problem`: the same check failed, in words. */
export const SWEEP_CHECKS = [
  { id: 'visible', label: 'It is on, and readable from the hallway', problem: 'not on or not readable' },
  { id: 'map-facing', label: 'The map faces the right way', problem: 'map faces the wrong way' },
  { id: 'nearest-exit', label: 'The nearest exit it shows is right', problem: 'shows the wrong exit' },
  { id: 'sound', label: 'Its test tone can be heard', problem: 'cannot be heard' },
] as const;
export type SweepCheckId = (typeof SWEEP_CHECKS)[number]['id'];
export const SWEEP_CHECK_IDS = SWEEP_CHECKS.map((check) => check.id) as [SweepCheckId, ...SweepCheckId[]];

/** How long screens show their codes unless the sweep is ended sooner; a sweep may ask for 5 to 120 minutes. */
export const DEFAULT_SWEEP_MINUTES = 30;

/** Which screens show a code: the whole site (no building), a building, or one floor of it. */
export const StartSweepSchema = z.strictObject({
  buildingId: z.string().max(64).nullable().default(null),
  floorId: z.string().max(64).nullable().default(null),
  minutes: z.number().int().min(5, 'at least 5 minutes').max(120, 'at most 120 minutes').default(DEFAULT_SWEEP_MINUTES),
});
export type StartSweep = z.infer<typeof StartSweepSchema>;

/** What the manager found at one screen: the checks that failed (none: all fine) and a note on what is wrong. */
export const SweepFindingSchema = z
  .strictObject({
    failed: z.array(z.enum(SWEEP_CHECK_IDS, { error: `a check: ${SWEEP_CHECK_IDS.join(', ')}` })).max(SWEEP_CHECK_IDS.length),
    note: z.string().trim().max(500, 'at most 500 characters').default(''),
  })
  .refine((finding) => new Set(finding.failed).size === finding.failed.length, 'name each failed check once');
export type SweepFinding = z.infer<typeof SweepFindingSchema>;

/** "map faces the wrong way; cannot be heard" for a list of failed checks. */
export function failedChecksInWords(failed: readonly SweepCheckId[]): string {
  return SWEEP_CHECKS.filter((check) => failed.includes(check.id))
    .map((check) => check.problem)
    .join('; ');
}
