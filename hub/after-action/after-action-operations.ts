// Observations and corrective actions on after-action reports: validate → write after-action.json → audit. Staff who
// run drills (the office, an administrator) write them; an item is removed only by whoever wrote it or an
// administrator, and every change is in the audit log.
import { randomBytes } from 'node:crypto';
import {
  ACTION_STATUS_WORDS,
  MAX_ACTIONS_PER_REPORT,
  MAX_OBSERVATIONS_PER_REPORT,
  type CorrectiveAction,
  type CorrectiveActionChange,
  type NewCorrectiveAction,
  type NewObservation,
  type Observation,
} from '../../shared/after-action.ts';
import { ApiError } from '../api-error.ts';
import type { Actor } from '../domain/actor.ts';
import { StorageError, type JsonDocument } from '../store/json-document.ts';
import type { AuditEntry, AuditLog } from '../store/audit-log.ts';
import { MAX_ACTIONS, MAX_OBSERVATIONS, type AfterActionFile } from './after-action-file.ts';

export interface AfterActionDeps {
  file: JsonDocument<AfterActionFile>;
  audit: AuditLog;
  /** The usernames of the hub's enabled users: an owner typed as one of them is that user. */
  usernames: () => readonly string[];
  /** Whether a mode change with this seq is in the audit log (a report to write about). */
  changeExists: (seq: number) => Promise<boolean>;
  now?: () => Date;
}

const newId = () => randomBytes(6).toString('hex');
/** Quoted and cut for the audit line, which says what was written without holding a whole review. */
const quoted = (text: string) => `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`;

export function createAfterActionOperations({ file, audit, usernames, changeExists, now = () => new Date() }: AfterActionDeps) {
  const write = async <T>(mutate: (draft: AfterActionFile) => T): Promise<T> => {
    try {
      return await file.update(mutate);
    } catch (error) {
      if (error instanceof StorageError) throw new ApiError('storage_failed', 'The change could not be saved, so it was not made.');
      throw error;
    }
  };
  const record = (actor: Actor, action: AuditEntry['action'], detail: string) => audit.append({ at: now().toISOString(), who: actor.username, role: actor.role, from: actor.from, action, detail });
  const ownerUsernameOf = (owner: string) => usernames().find((username) => username === owner.trim().toLowerCase()) ?? null;
  const mayRemove = (author: string, actor: Actor, what: string) => {
    if (actor.role !== 'admin' && actor.username !== author) throw new ApiError('forbidden', `Only ${author}, who wrote this ${what}, or an administrator may remove it.`);
  };
  const requireReport = async (seq: number) => {
    if (!(await changeExists(seq))) throw new ApiError('not_found', `No mode change #${seq} in the audit log.`);
  };
  const findAction = (id: string) => {
    const action = file.data.actions.find((a) => a.id === id);
    if (!action) throw new ApiError('not_found', 'No such corrective action.');
    return action;
  };

  return {
    async addObservation(seq: number, input: NewObservation, actor: Actor): Promise<Observation> {
      await requireReport(seq);
      const observation: Observation = { id: newId(), seq, text: input.text, by: actor.username, at: now().toISOString() };
      await write((draft) => {
        if (draft.observations.filter((o) => o.seq === seq).length >= MAX_OBSERVATIONS_PER_REPORT) throw new ApiError('bad_request', `A report holds at most ${MAX_OBSERVATIONS_PER_REPORT} observations.`);
        if (draft.observations.length >= MAX_OBSERVATIONS) throw new ApiError('bad_request', `The hub holds at most ${MAX_OBSERVATIONS} observations; remove old ones first.`);
        draft.observations.push(observation);
      });
      await record(actor, 'after-action.observation-added', `on #${seq}: ${quoted(observation.text)}`);
      return observation;
    },

    async removeObservation(id: string, actor: Actor): Promise<void> {
      const observation = file.data.observations.find((o) => o.id === id);
      if (!observation) throw new ApiError('not_found', 'No such observation.');
      mayRemove(observation.by, actor, 'observation');
      await write((draft) => {
        draft.observations = draft.observations.filter((o) => o.id !== id);
      });
      await record(actor, 'after-action.observation-removed', `on #${observation.seq}: ${quoted(observation.text)}`);
    },

    async addAction(seq: number, input: NewCorrectiveAction, actor: Actor): Promise<CorrectiveAction> {
      await requireReport(seq);
      const at = now().toISOString();
      const action: CorrectiveAction = {
        id: newId(),
        seq,
        text: input.text,
        owner: input.owner,
        ownerUsername: ownerUsernameOf(input.owner),
        due: input.due,
        status: input.status,
        createdBy: actor.username,
        createdAt: at,
        updatedBy: actor.username,
        updatedAt: at,
        doneAt: input.status === 'done' ? at : null,
      };
      await write((draft) => {
        if (draft.actions.filter((a) => a.seq === seq).length >= MAX_ACTIONS_PER_REPORT) throw new ApiError('bad_request', `A report holds at most ${MAX_ACTIONS_PER_REPORT} corrective actions.`);
        if (draft.actions.length >= MAX_ACTIONS) throw new ApiError('bad_request', `The hub holds at most ${MAX_ACTIONS} corrective actions; remove old ones first.`);
        draft.actions.push(action);
      });
      await record(actor, 'after-action.action-added', `on #${seq}: ${quoted(action.text)}, owner ${action.owner}, due ${action.due}, ${ACTION_STATUS_WORDS[action.status].toLowerCase()}`);
      return action;
    },

    async changeAction(id: string, change: CorrectiveActionChange, actor: Actor): Promise<CorrectiveAction> {
      const before = findAction(id);
      const at = now().toISOString();
      const changed = await write((draft) => {
        const action = draft.actions.find((a) => a.id === id);
        if (!action) throw new ApiError('not_found', 'No such corrective action.');
        if (change.text !== undefined) action.text = change.text;
        if (change.owner !== undefined) {
          action.owner = change.owner;
          action.ownerUsername = ownerUsernameOf(change.owner);
        }
        if (change.due !== undefined) action.due = change.due;
        if (change.status !== undefined && change.status !== action.status) {
          action.status = change.status;
          action.doneAt = change.status === 'done' ? at : null;
        }
        action.updatedBy = actor.username;
        action.updatedAt = at;
        return { ...action };
      });
      const what = [
        change.text !== undefined && change.text !== before.text ? `text ${quoted(changed.text)}` : null,
        change.owner !== undefined && change.owner !== before.owner ? `owner ${before.owner} → ${changed.owner}` : null,
        change.due !== undefined && change.due !== before.due ? `due ${before.due} → ${changed.due}` : null,
        changed.status !== before.status ? `${ACTION_STATUS_WORDS[before.status].toLowerCase()} → ${ACTION_STATUS_WORDS[changed.status].toLowerCase()}` : null,
      ].filter((part) => part !== null);
      await record(actor, 'after-action.action-changed', `on #${changed.seq}: ${quoted(before.text)}: ${what.join('; ') || 'saved unchanged'}`);
      return changed;
    },

    async removeAction(id: string, actor: Actor): Promise<void> {
      const action = findAction(id);
      mayRemove(action.createdBy, actor, 'corrective action');
      await write((draft) => {
        draft.actions = draft.actions.filter((a) => a.id !== id);
      });
      await record(actor, 'after-action.action-removed', `on #${action.seq}: ${quoted(action.text)}`);
    },
  };
}

export type AfterActionOperations = ReturnType<typeof createAfterActionOperations>;
