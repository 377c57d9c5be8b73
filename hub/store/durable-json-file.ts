// A lowdb adapter that acknowledges a write only once it is on disk: write a temp file, fsync it,
// rename it over the old one, fsync the directory. lowdb's own JSONFile renames but never fsyncs.
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

export class DurableJSONFile<T> implements Adapter<T> {
  readonly #path: string;
  readonly #tempPath: string;

  constructor(path: string) {
    this.#path = path;
    this.#tempPath = join(dirname(path), `.${basename(path)}.tmp`);
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      // Never overwrite a file we cannot read: a person must look at it.
      throw new Error(`${this.#path} is not valid JSON (${(error as Error).message}); it was left untouched`);
    }
  }

  async write(data: T): Promise<void> {
    const file = await open(this.#tempPath, 'w', 0o600);
    try {
      await file.writeFile(JSON.stringify(data));
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(this.#tempPath, this.#path);
    } catch (error) {
      await rm(this.#tempPath, { force: true });
      throw error;
    }
    const directory = await open(dirname(this.#path), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }
}
