// Copies a data directory, possibly in use by a running hub, into a staging directory that then holds still while it
// is hashed and archived. Safe while the hub runs because the hub replaces its files by atomic renames and only ever
// appends to its two logs.
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir } from 'node:fs/promises';
import { FIRST_START_SECRETS_FILE } from '../auth/first-start-secrets.ts';
import { dirname, join } from 'node:path';
import { AUDIT_FILE } from '../store/audit-log.ts';
import { RECEIPT_FILE } from '../store/receipt-log.ts';
import { MODE_STATE_FILE, STORE_FILE } from '../store/store.ts';
import type { ManifestFile } from './backup-manifest.ts';

/**
 * Copied first: the hub writes an uploaded file before the record that names it, so files copied after the store
 * include every file the copied store refers to.
 */
const STORE_FILES_FIRST = [STORE_FILE, MODE_STATE_FILE];
/** Append-only logs: a line being appended while we copy is cut off; it was not yet acknowledged, so drop it. */
const APPEND_ONLY_LOGS = new Set([AUDIT_FILE, RECEIPT_FILE]);
/** The hub's atomic writes go through `<name>.tmp` files; one seen mid-write is not data. */
const isTemporary = (name: string) => name.endsWith('.tmp');

export interface DataSnapshot {
  /** Every copied file with its size and SHA-256, in archive order. */
  files: ManifestFile[];
  /** What was left out and why (a symbolic link, a file removed while copying). */
  skipped: string[];
  /** Logs whose last, half-written line was left out. */
  trimmed: string[];
}

export async function snapshotDataDirectory(dataDir: string, stagingDir: string, signal?: AbortSignal): Promise<DataSnapshot> {
  const { files: found, skipped } = await listDataFiles(dataDir);
  const ordered = [...STORE_FILES_FIRST.filter((path) => found.includes(path)), ...found.filter((path) => !STORE_FILES_FIRST.includes(path))];
  const files: ManifestFile[] = [];
  const trimmed: string[] = [];
  for (const path of ordered) {
    signal?.throwIfAborted();
    const target = join(stagingDir, path);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    try {
      await copyFile(join(dataDir, path), target, constants.COPYFILE_EXCL);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || STORE_FILES_FIRST.includes(path)) throw error;
      skipped.push(`${path} (removed while the backup ran)`);
      continue;
    }
    if (APPEND_ONLY_LOGS.has(path) && (await dropTornLastLine(target))) trimmed.push(path);
    files.push({ path, ...(await digest(target)) });
  }
  return { files, skipped, trimmed };
}

/** Regular files under `dataDir`, as '/'-separated relative paths, sorted; anything else is skipped and said. */
async function listDataFiles(dataDir: string): Promise<{ files: string[]; skipped: string[] }> {
  const files: string[] = [];
  const skipped: string[] = [];
  const walk = async (relative: string) => {
    const entries = await readdir(join(dataDir, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        // The first start's generated passwords and screen links are for whoever set the hub up, once: never copied
        // into backups, which travel further.
        if (path === FIRST_START_SECRETS_FILE) skipped.push(`${path} (first-start secrets, never backed up)`);
        else if (!isTemporary(entry.name)) files.push(path);
      } else {
        // A restore accepts only files and directories: a link could point anywhere on the new machine.
        skipped.push(`${path} (${entry.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'})`);
      }
    }
  };
  await walk('');
  return { files, skipped };
}

/** Cuts a last line that has no newline yet; true when it did. */
async function dropTornLastLine(path: string): Promise<boolean> {
  const file = await open(path, 'r+');
  try {
    const { size } = await file.stat();
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await file.read(chunk, 0, end - start, start);
      const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (newline === bytesRead - 1 && end === size) return false;
      if (newline >= 0) {
        await file.truncate(start + newline + 1);
        return true;
      }
      end = start;
    }
    if (size === 0) return false;
    await file.truncate(0);
    return true;
  } finally {
    await file.close();
  }
}

async function digest(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}
