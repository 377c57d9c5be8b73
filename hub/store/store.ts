// The hub's durable state in one lowdb JSON file: the site, the emergency mode state, users and sessions.
// Writes are serialised and acknowledged only when on disk; readers only ever see committed data.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { ModeStateSchema, RoleSchema, SiteSchema } from '../../shared/model.ts';
import { DurableJSONFile } from './durable-json-file.ts';

export const StoredUserSchema = z.object({
  username: z.string(),
  role: RoleSchema,
  /** scrypt$N$r$p$salt$hash, see auth/passwords.ts */
  passwordHash: z.string(),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type StoredUser = z.infer<typeof StoredUserSchema>;

export const StoredSessionSchema = z.object({
  /** SHA-256 of the cookie value: a copy of the file does not let anyone log in. */
  idHash: z.string(),
  username: z.string(),
  createdAt: z.iso.datetime(),
});
export type StoredSession = z.infer<typeof StoredSessionSchema>;

const StoreDataSchema = z.object({
  schemaVersion: z.literal(1),
  site: SiteSchema,
  modeState: ModeStateSchema,
  users: z.array(StoredUserSchema),
  sessions: z.array(StoredSessionSchema),
});
export type StoreData = z.infer<typeof StoreDataSchema>;

export class StorageError extends Error {
  override readonly name = 'StorageError';
}

export interface Store {
  /** The committed state. Treat as read-only: change it only through `update`. */
  readonly data: Readonly<StoreData>;
  /** Apply `mutate` to a copy, write it durably, then make it the committed state. Serialised. */
  update<T>(mutate: (draft: StoreData) => T): Promise<T>;
}

export const STORE_FILE = 'muster.json';

export async function openStore(dataDir: string, seed: () => Omit<StoreData, 'schemaVersion'>): Promise<Store> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, STORE_FILE);
  const db = new Low<StoreData | null>(new DurableJSONFile<StoreData | null>(path), null);
  await db.read();
  if (db.data === null) {
    db.data = { schemaVersion: 1, ...seed() };
    await db.write();
  }
  const parsed = StoreDataSchema.safeParse(db.data);
  if (!parsed.success) {
    throw new StorageError(`${path} does not hold a valid Muster store; it was left untouched:\n${z.prettifyError(parsed.error)}`);
  }
  let committed: StoreData = parsed.data;
  let queue: Promise<unknown> = Promise.resolve();

  return {
    get data() {
      return committed;
    },
    update<T>(mutate: (draft: StoreData) => T): Promise<T> {
      const run = async () => {
        const draft = structuredClone(committed);
        const result = mutate(draft);
        db.data = draft;
        try {
          await db.write();
        } catch (error) {
          db.data = committed;
          throw new StorageError(`could not write ${path}: ${(error as Error).message}`);
        }
        committed = draft;
        return result;
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
