// What every admin operation does around its change: write it durably (a failed write becomes a clear
// storage_failed, never a half-made change) and record who did it in the audit log (a failed audit append is
// logged loudly but does not undo a change that is already on disk).
import { ApiError } from '../api-error.ts';
import type { AuditEntry, AuditLog } from '../store/audit-log.ts';
import { StorageError } from '../store/json-document.ts';
import type { MainData, Store } from '../store/store.ts';
import type { Actor } from './actor.ts';

/** `what`: the thing changed, for "The change to the documents could not be saved, so it was not made." */
export function durableWriter(store: Store, what: string) {
  return async function write<T>(mutate: (draft: MainData) => T): Promise<T> {
    try {
      return await store.update(mutate);
    } catch (error) {
      if (error instanceof StorageError) throw new ApiError('storage_failed', `The change to ${what} could not be saved, so it was not made.`);
      throw error;
    }
  };
}

export function auditRecorder(audit: AuditLog, now: () => Date = () => new Date(), logError: (message: string) => void = console.error) {
  return (actor: Actor, action: AuditEntry['action'], detail?: string, extra: Pick<AuditEntry, 'mode'> = {}): Promise<void> =>
    audit
      .append({ at: now().toISOString(), who: actor.username, role: actor.role, from: actor.from, action, ...extra, detail })
      .catch((error: Error) => logError(`AUDIT LOG WRITE FAILED for ${action} (${detail}): ${error.message}`));
}
