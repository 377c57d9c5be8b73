// "Know your building" (/training/): what a person sends (their places, an answer; the admin's validity setting),
// and how their training stands on a day: current until a date, due soon, expired, started, or never started.
// The hub builds and scores the exercises (hub/training/); nothing here says which answer is right.
import { z } from 'zod';
import { IdSchema } from './model.ts';

/** A person picks at most this many places they work in (rooms, halls, the gym…); each brings its own exercises. */
export const MAX_PLACES = 3;
export const PlacesSchema = z.strictObject({
  places: z
    .array(IdSchema, { error: 'a list of place ids' })
    .max(MAX_PLACES, `pick at most ${MAX_PLACES} places`)
    .refine((ids) => new Set(ids).size === ids.length, 'a place is listed twice'),
});

/** An answer: the point tapped on the map (its POI id), or the choice picked in a question about a mode. */
export const AnswerSchema = z.strictObject({
  exerciseId: z.string().min(1).max(200),
  answer: z.string().min(1).max(64),
});

export const MIN_VALIDITY_MONTHS = 1;
export const MAX_VALIDITY_MONTHS = 60;
export const DEFAULT_VALIDITY_MONTHS = 12;
/** Training that runs out within this many days is listed as due. */
export const DUE_SOON_DAYS = 30;

export const TrainingSettingsSchema = z.strictObject({
  validityMonths: z
    .number({ error: 'a number of months' })
    .int('a whole number of months')
    .min(MIN_VALIDITY_MONTHS, `at least ${MIN_VALIDITY_MONTHS} month`)
    .max(MAX_VALIDITY_MONTHS, `at most ${MAX_VALIDITY_MONTHS} months`),
});

export const TRAINING_STATES = ['current', 'due-soon', 'expired', 'started', 'never-started'] as const;
export type TrainingState = (typeof TRAINING_STATES)[number];

/** The admin's three groups: who is current, who is due (expired, running out, or started but never finished), who never started. */
export const TRAINING_GROUP: Readonly<Record<TrainingState, 'current' | 'due' | 'never-started'>> = {
  current: 'current',
  'due-soon': 'due',
  expired: 'due',
  started: 'due',
  'never-started': 'never-started',
};

export const TRAINING_STATE_WORDS: Readonly<Record<TrainingState, string>> = {
  current: 'Current',
  'due-soon': 'Due soon',
  expired: 'Expired',
  started: 'Started, not finished',
  'never-started': 'Never started',
};

export interface TrainingStanding {
  state: TrainingState;
  /** The school day of the last completion, and the last day it counts (null before the first). */
  completedOn: string | null;
  validUntil: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-01-31" + 1 month → "2026-02-28": a month on, or the month's last day when it is shorter. */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${pad(m)}-${pad(Math.min(date, last))}`;
}

function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * How a person's training stands on `today` (a school day): valid for `validityMonths` after the day it was last
 * completed, up to the day before the same date that many months on. The setting applies to every completion, so
 * changing it moves everyone's dates at once.
 */
export function trainingStanding(input: { lastCompletedOn: string | null; started: boolean; validityMonths: number; today: string }): TrainingStanding {
  const { lastCompletedOn, today } = input;
  if (lastCompletedOn === null) return { state: input.started ? 'started' : 'never-started', completedOn: null, validUntil: null };
  const validUntil = addDays(addMonths(lastCompletedOn, input.validityMonths), -1);
  const state: TrainingState = today > validUntil ? 'expired' : addDays(today, DUE_SOON_DAYS) >= validUntil ? 'due-soon' : 'current';
  return { state, completedOn: lastCompletedOn, validUntil };
}
