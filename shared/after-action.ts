// After-action reports on the wire: the observations and corrective actions a school writes about a drill or a real
// event, what the admin console may send to add or change them, and where an action stands on a given day (open
// actions are listed across every report, the overdue ones first, until they are done).
import { z } from 'zod';

export const ACTION_STATUSES = ['open', 'in-progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_WORDS: Readonly<Record<ActionStatus, string>> = { open: 'Open', 'in-progress': 'In progress', done: 'Done' };

export const OBSERVATION_MAX = 1000;
export const ACTION_TEXT_MAX = 300;
export const OWNER_MAX = 80;
/** Per report: a review that needs more is several reports' worth, and the file stays small. */
export const MAX_OBSERVATIONS_PER_REPORT = 100;
export const MAX_ACTIONS_PER_REPORT = 100;

const StatusSchema = z.enum(ACTION_STATUSES, { error: `a status: ${ACTION_STATUSES.join(', ')}` });
const TextSchema = (what: string, max: number) => z.string({ error: `${what} is text` }).trim().min(1, `write the ${what}`).max(max, `the ${what} is at most ${max} characters`);
const DueSchema = z.iso.date({ error: 'a due date as YYYY-MM-DD' });

export const NewObservationSchema = z.strictObject({ text: TextSchema('observation', OBSERVATION_MAX) });
export type NewObservation = z.infer<typeof NewObservationSchema>;

/** The owner is a person's name as typed, or a user's username (the hub notes which user when it is one). */
export const NewCorrectiveActionSchema = z.strictObject({
  text: TextSchema('action', ACTION_TEXT_MAX),
  owner: TextSchema('owner', OWNER_MAX),
  due: DueSchema,
  status: StatusSchema.default('open'),
});
export type NewCorrectiveAction = z.infer<typeof NewCorrectiveActionSchema>;

export const CorrectiveActionChangeSchema = z
  .strictObject({
    text: TextSchema('action', ACTION_TEXT_MAX).optional(),
    owner: TextSchema('owner', OWNER_MAX).optional(),
    due: DueSchema.optional(),
    status: StatusSchema.optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), 'change the text, owner, due date or status');
export type CorrectiveActionChange = z.infer<typeof CorrectiveActionChangeSchema>;

export interface Observation {
  id: string;
  /** The mode change (drill or real event) it is about. */
  seq: number;
  text: string;
  by: string;
  at: string;
}

export interface CorrectiveAction {
  id: string;
  seq: number;
  text: string;
  owner: string;
  /** Set when the owner is one of the hub's users. */
  ownerUsername: string | null;
  /** The school's calendar day it is due, "YYYY-MM-DD". */
  due: string;
  status: ActionStatus;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /** When it was marked done; null while it is not. */
  doneAt: string | null;
}

/** Where an action stands on `today` (the school's calendar day): overdue once its due day has passed undone. */
export function isOverdue(action: Pick<CorrectiveAction, 'status' | 'due'>, today: string): boolean {
  return action.status !== 'done' && action.due < today;
}

/** The actions not done yet, overdue first, then by due date, then the oldest first. */
export function openActionsInOrder<T extends Pick<CorrectiveAction, 'status' | 'due' | 'createdAt'>>(actions: readonly T[], today: string): T[] {
  return actions
    .filter((action) => action.status !== 'done')
    .sort((a, b) => Number(isOverdue(b, today)) - Number(isOverdue(a, today)) || a.due.localeCompare(b.due) || a.createdAt.localeCompare(b.createdAt));
}
