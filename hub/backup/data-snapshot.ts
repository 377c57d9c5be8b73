// Copies a data directory, possibly in use by a running hub, into a staging directory that then holds still while it
// is hashed and archived. Safe while the hub runs because the hub replaces its files by atomic renames and only ever
// appends to its two logs and the mode state's journal; the store's files (the journal among them), which one change
// may replace several of, are copied as one set, again until none of them changed while they were copied.
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, lstat, mkdir, open, readdir, rm } from 'node:fs/promises';
import { FIRST_START_SECRETS_FILE } from '../auth/first-start-secrets.ts';
import { dirname, join } from 'node:path';
import { AUDIT_FILE } from '../store/audit-log.ts';
import { RECEIPT_FILE } from '../store/receipt-log.ts';
import { MODE_STATE_FILE, MODE_STATE_JOURNAL, STORE_FILE, STORE_PARTS_DIR } from '../store/store.ts';
import { BackupError } from './backup-error.ts';
import type { ManifestFile } from './backup-manifest.ts';

/**
 * The store: copied first, since the hub writes an uploaded file before the record that names it, so files copied
 * after the store include every file the copied store refers to.
 */
const isStoreFile = (path: string) => path === STORE_FILE || path === MODE_STATE_JOURNAL || path === MODE_STATE_FILE || path.startsWith(`${STORE_PARTS_DIR}/`);
/** How often the store is copied again when the hub changed it meanwhile, before the backup gives up. */
const STORE_COPY_ATTEMPTS = 20;
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
  const storeFiles = await copyStore(dataDir, stagingDir, signal);
  const { files: found, skipped } = await listDataFiles(dataDir);
  const files: ManifestFile[] = [];
  for (const path of storeFiles) files.push({ path, ...(await digest(join(stagingDir, path))) });
  const trimmed: string[] = [];
  for (const path of found.filter((path) => !isStoreFile(path))) {
    signal?.throwIfAborted();
    const target = join(stagingDir, path);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    try {
      await copyFile(join(dataDir, path), target, constants.COPYFILE_EXCL);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      skipped.push(`${path} (removed while the backup ran)`);
      continue;
    }
    if (APPEND_ONLY_LOGS.has(path) && (await dropTornLastLine(target))) trimmed.push(path);
    files.push({ path, ...(await digest(target)) });
  }
  return { files, skipped, trimmed };
}

/**
 * The store's files as of one moment: copied, then checked that each is still the file copied (the hub replaces a file
 * by renaming a new one over it, which changes its inode and times) and that none came or went; else copied again.
 * A change of several parts is written to a commit file that exists from before its first part is replaced until
 * after its last, so a copy that sees some of its parts new and others old has the commit file too, and the hub
 * started on the restored directory finishes it.
 */
async function copyStore(dataDir: string, stagingDir: string, signal?: AbortSignal): Promise<string[]> {
  for (let attempt = 0; attempt < STORE_COPY_ATTEMPTS; attempt++) {
    signal?.throwIfAborted();
    const before = await storeFingerprint(dataDir);
    const paths = [...before.keys()];
    await rm(join(stagingDir, STORE_PARTS_DIR), { recursive: true, force: true });
    let copied = true;
    for (const path of paths) {
      const target = join(stagingDir, path);
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await rm(target, { force: true });
      try {
        await copyFile(join(dataDir, path), target, constants.COPYFILE_EXCL);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        copied = false;
        break;
      }
    }
    if (copied && sameFingerprint(before, await storeFingerprint(dataDir))) return paths;
  }
  throw new BackupError(`the hub kept changing its store in ${dataDir} while it was copied (${STORE_COPY_ATTEMPTS} times); try again in a quieter moment`);
}

/** Each store file's identity and last change: path → inode, size, modification and change times. */
async function storeFingerprint(dataDir: string): Promise<Map<string, string>> {
  const parts = await readdir(join(dataDir, STORE_PARTS_DIR), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const partFiles = parts.filter((entry) => entry.isFile() && !isTemporary(entry.name)).map((entry) => `${STORE_PARTS_DIR}/${entry.name}`);
  const fingerprint = new Map<string, string>();
  for (const path of [STORE_FILE, MODE_STATE_JOURNAL, MODE_STATE_FILE, ...partFiles.sort()]) {
    // lstat: a link is not a store file (listDataFiles says it was left out).
    const found = await lstat(join(dataDir, path), { bigint: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (found?.isFile()) fingerprint.set(path, `${found.ino}:${found.size}:${found.mtimeNs}:${found.ctimeNs}`);
  }
  return fingerprint;
}

function sameFingerprint(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, print]) => b.get(path) === print);
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
