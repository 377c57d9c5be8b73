// Files acknowledged only once they are on disk: write a temp file, fsync it, rename it over the old one, fsync the
// directory. lowdb's own JSONFile renames but never fsyncs. DurableJSONFile is that, as a lowdb adapter.
import { open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** Where a file is written before it is renamed into place; backups skip `.tmp` files. */
export const temporaryPathOf = (path: string) => join(dirname(path), `.${basename(path)}.tmp`);

/** Replaces `path` with `text` in one step; resolves once the new content and its name are on disk. */
export async function writeFileDurably(path: string, text: string): Promise<void> {
  const temporary = temporaryPathOf(path);
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Removes `path` (gone already is fine) and resolves once the removal is on disk. */
export async function removeFileDurably(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await syncDirectory(dirname(path));
}

async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/** The parsed file, or null when it does not exist; a file that is not JSON is an error that names it. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // Never overwrite a file we cannot read: a person must look at it.
    throw new Error(`${path} is not valid JSON (${(error as Error).message}); it was left untouched`);
  }
}

export class DurableJSONFile<T> implements Adapter<T> {
  constructor(readonly path: string) {}

  async read(): Promise<T | null> {
    return (await readJsonFile(this.path)) as T | null;
  }

  write(data: T): Promise<void> {
    return writeFileDurably(this.path, JSON.stringify(data));
  }
}
