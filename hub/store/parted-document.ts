// One JSON document kept as a file per top-level part (the site, the users, the sessions…): an update writes only the
// parts it changed, so a login writes the sessions and never the site of a school with 10,000 screens. An update that
// changes several parts (a password change ends the user's sessions) first writes them together to a commit file;
// that file's rename is the moment the update counts, and a crash before every part is in place is finished from it
// on the next start. Readers see the committed state only: a new object, made once every part it changed is durable.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, removeFileDurably, writeFileDurably } from './durable-json-file.ts';
import { StorageError } from './json-document.ts';

/** Each part's file (inside the document's directory) and the schema it is checked with, on open and before a write. */
export type PartFiles<T> = { readonly [K in keyof T]: { readonly file: string; readonly schema: z.core.$ZodType<T[K]> } };

/** Present only while an update of several parts is being put in place, or after a crash in the middle of one. */
export const COMMIT_FILE = 'commit.json';

export interface PartedDocument<T> {
  /** The committed state. Treat as read-only: change it only through `update`. A part that did not change keeps its object. */
  readonly data: Readonly<T>;
  /** Apply `mutate` to a draft, write the parts it changed durably, then make them the committed state. Serialised. */
  update<R>(mutate: (draft: T) => R): Promise<R>;
}

type Written<T> = [part: keyof T & string, text: string][];

/**
 * The parts in `dir`, checked, with an unfinished commit's parts in place of the files'. A part without a file takes
 * its schema's default (a part added in a later version), or is a damaged store. Throws a StorageError that says what.
 */
async function readParts<T>(dir: string, parts: PartFiles<T>): Promise<{ values: T; unfinished: Written<T> | null }> {
  const unfinished = await readCommit(dir, parts);
  const values = {} as T;
  for (const part of Object.keys(parts) as (keyof T & string)[]) {
    const { file, schema } = parts[part];
    const fromCommit = unfinished?.find(([name]) => name === part);
    const json = fromCommit ? JSON.parse(fromCommit[1]) : await read(join(dir, file));
    const checked = z.safeParse(schema, json ?? undefined);
    if (!checked.success) {
      throw new StorageError(json === null ? `${join(dir, file)} is missing: the store is damaged` : `${join(dir, file)} does not hold a valid Muster store part; it was left untouched:\n${z.prettifyError(checked.error)}`);
    }
    values[part] = checked.data;
  }
  return { values, unfinished };
}

/** Every part written to its file (a new store, or one moved from an older layout); the commit file is not involved. */
export async function writeAllParts<T>(dir: string, parts: PartFiles<T>, values: T): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const part of Object.keys(parts) as (keyof T & string)[]) {
    const checked = z.safeParse(parts[part].schema, values[part]);
    if (!checked.success) throw new StorageError(`${part} would leave the store invalid:\n${z.prettifyError(checked.error)}`);
    await writeFileDurably(join(dir, parts[part].file), JSON.stringify(values[part]));
  }
  // An update of several parts left over from an earlier store in this directory must not be applied to this one.
  await removeFileDurably(join(dir, COMMIT_FILE));
}

export async function openPartedDocument<T extends object>(dir: string, parts: PartFiles<T>): Promise<PartedDocument<T>> {
  const commitPath = join(dir, COMMIT_FILE);
  const loaded = await readParts(dir, parts);
  let committed: T = loaded.values;
  /** What each part's file holds, once known: a part read by an update but not changed is not written again. */
  const committedText = new Map<keyof T, string>();
  const textOf = (part: keyof T) => {
    let text = committedText.get(part);
    if (text === undefined) committedText.set(part, (text = JSON.stringify(committed[part])));
    return text;
  };

  /** An update of several parts that counts (its commit file is on disk) but whose part files are not all in place yet. */
  let unfinished: Written<T> | null = loaded.unfinished;
  const finish = async () => {
    if (!unfinished) return;
    for (const [part, text] of unfinished) await writeFileDurably(join(dir, parts[part].file), text);
    // Durably gone before any later update writes a part, or a restart would put this commit's older parts back.
    await removeFileDurably(commitPath);
    unfinished = null;
  };
  await finish();

  let queue: Promise<unknown> = Promise.resolve();
  return {
    get data() {
      return committed;
    },
    update<R>(mutate: (draft: T) => R): Promise<R> {
      const run = async () => {
        try {
          await finish();
        } catch (error) {
          throw new StorageError(`could not finish writing the store in ${dir}: ${(error as Error).message}`);
        }
        const touched = new Map<keyof T & string, unknown>();
        const result = mutate(draftOf(committed, parts, touched));
        const changed: Written<T> = [];
        for (const [part, value] of touched) {
          // Checked with the schema the loader uses: a write that the next start would refuse never reaches disk.
          const checked = z.safeParse(parts[part].schema, value);
          if (!checked.success) throw new StorageError(`a change to ${parts[part].file} was refused: it would leave the store invalid:\n${z.prettifyError(checked.error)}`);
          const text = JSON.stringify(value);
          if (text !== textOf(part)) changed.push([part, text]);
        }
        if (changed.length === 0) return result;
        try {
          if (changed.length === 1) {
            const [[part, text]] = changed as [Written<T>[number]];
            await writeFileDurably(join(dir, parts[part].file), text);
          } else {
            await writeFileDurably(commitPath, `{${changed.map(([part, text]) => `${JSON.stringify(part)}:${text}`).join(',')}}`);
          }
        } catch (error) {
          // A commit file whose rename reached the disk but not its directory's sync must not be applied at the next start.
          if (changed.length > 1) await removeFileDurably(commitPath).catch(() => undefined);
          throw new StorageError(`could not write the store in ${dir}: ${(error as Error).message}`);
        }
        // From here the update counts: it is on disk, whole, in one file.
        const next = { ...committed };
        for (const [part, text] of changed) {
          next[part] = touched.get(part) as T[typeof part];
          committedText.set(part, text);
        }
        committed = next;
        if (changed.length > 1) {
          unfinished = changed;
          // Failing here is not failing the update: the next update, or the next start, puts the parts in place.
          await finish().catch(() => undefined);
        }
        return result;
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/**
 * A draft of the committed state that copies a part only when an update first reads or replaces it: an update of
 * the sessions never copies the site. Only the parts it touched are compared with the files and maybe written.
 */
function draftOf<T extends object>(committed: T, parts: PartFiles<T>, touched: Map<keyof T & string, unknown>): T {
  const isPart = (key: string | symbol): key is keyof T & string => typeof key === 'string' && Object.hasOwn(parts, key);
  const partOf = (key: keyof T & string) => {
    if (!touched.has(key)) touched.set(key, structuredClone(committed[key]));
    return touched.get(key);
  };
  return new Proxy({} as T, {
    get: (_, key) => (isPart(key) ? partOf(key) : undefined),
    set: (_, key, value) => {
      if (!isPart(key)) throw new TypeError(`the store has no part ${String(key)}`);
      touched.set(key, value);
      return true;
    },
    deleteProperty: (_, key) => {
      throw new TypeError(`the store's part ${String(key)} cannot be removed`);
    },
    has: (_, key) => isPart(key),
    ownKeys: () => Object.keys(parts),
    getOwnPropertyDescriptor: (_, key) => (isPart(key) ? { value: partOf(key), writable: true, enumerable: true, configurable: true } : undefined),
  });
}

async function read(path: string): Promise<unknown> {
  try {
    return await readJsonFile(path);
  } catch (error) {
    throw new StorageError((error as Error).message);
  }
}

/** The parts of an unfinished commit, each checked (the file is renamed into place whole, so it is all there or absent). */
async function readCommit<T>(dir: string, parts: PartFiles<T>): Promise<Written<T> | null> {
  const path = join(dir, COMMIT_FILE);
  const json = await read(path);
  if (json === null) return null;
  if (typeof json !== 'object' || Array.isArray(json)) throw new StorageError(`${path} is not a commit this hub wrote; it was left untouched`);
  const written: Written<T> = [];
  for (const [part, value] of Object.entries(json)) {
    if (!Object.hasOwn(parts, part)) throw new StorageError(`${path} names ${part}, which is not a part of the store; it was left untouched`);
    const checked = z.safeParse(parts[part as keyof T].schema, value);
    if (!checked.success) throw new StorageError(`${path} holds an invalid ${part}; it was left untouched:\n${z.prettifyError(checked.error)}`);
    written.push([part as keyof T & string, JSON.stringify(value)]);
  }
  return written;
}
