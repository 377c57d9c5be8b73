// One JSON file as a durable document: updates are serialised, and each is on disk (temp file, fsync, rename,
// fsync of the directory) before it becomes the committed state that readers see. Each is checked against the
// document's schema before it is written.
import { Low } from 'lowdb';
import { z } from 'zod';
import { DurableJSONFile } from './durable-json-file.ts';
import { checkedDraft, serialQueue } from './serial-updates.ts';

export class StorageError extends Error {
  override readonly name = 'StorageError';
}

export interface JsonDocument<T> {
  /** The committed state. Treat as read-only: change it only through `update`. */
  readonly data: Readonly<T>;
  /** Apply `mutate` to a copy, write it durably, then make it the committed state. */
  update<R>(mutate: (draft: T) => R): Promise<R>;
}

/** Opens `path`, creating it from `seed` when absent; a file that does not match `schema` is left untouched. */
export async function openJsonDocument<T>(path: string, schema: z.core.$ZodType<T>, seed: () => T): Promise<JsonDocument<T>> {
  const db = new Low<unknown>(new DurableJSONFile<unknown>(path), null);
  await db.read();
  if (db.data === null) {
    db.data = seed();
    await db.write();
  }
  const parsed = z.safeParse(schema, db.data);
  if (!parsed.success) {
    throw new StorageError(`${path} does not hold a valid Muster store; it was left untouched:\n${z.prettifyError(parsed.error)}`);
  }
  let committed: T = parsed.data;
  const serially = serialQueue();

  return {
    get data() {
      return committed;
    },
    update<R>(mutate: (draft: T) => R): Promise<R> {
      return serially(async () => {
        const { draft, result } = checkedDraft(path, schema, committed, mutate);
        db.data = draft;
        try {
          await db.write();
        } catch (error) {
          db.data = committed;
          throw new StorageError(`could not write ${path}: ${(error as Error).message}`);
        }
        committed = draft;
        return result;
      });
    },
  };
}
