// `npm run restore`: brings a backup archive into a new or empty data directory, all or nothing. The archive is
// unpacked into a temporary directory beside the target (same filesystem), checked entry by entry and then with the
// hub's own store schemas, synced to disk, and renamed into place in one step. Any failure removes the temporary
// directory and leaves the target as it was: absent, or empty. A school's existing data is never overwritten.
import { mkdir, mkdtemp, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { BackupError } from './backup-error.ts';
import type { BackupManifest } from './backup-manifest.ts';
import { checkStoreFiles } from './check-store-files.ts';
import { readBackupArchive, type ArchiveSink } from './read-backup-archive.ts';
import { syncPath, syncTree } from './sync-to-disk.ts';

export interface RestoreResult {
  dataDir: string;
  manifest: BackupManifest;
  archiveBytes: number;
}

/** Aborting `signal` (Ctrl-C) before the final rename stops the restore with its reason and removes what was unpacked. */
export async function restoreBackup(request: { archivePath: string; dataDir: string; signal?: AbortSignal }): Promise<RestoreResult> {
  const { signal } = request;
  const archivePath = resolve(request.archivePath);
  const target = resolve(request.dataDir);
  await checkTarget(target);
  const parent = dirname(target);

  const temporary = await mkdtemp(join(parent, `.${basename(target)}.restoring-`));
  let placed = false;
  try {
    const { manifest, archiveBytes } = await readBackupArchive(archivePath, directorySink(temporary), signal);
    const store = await checkStoreFiles(temporary);
    if ('problem' in store) throw new BackupError(`${archivePath} is refused: ${store.problem}`);
    await syncTree(temporary);
    signal?.throwIfAborted();
    await placeDirectory(temporary, target);
    placed = true;
    await syncPath(parent);
    return { dataDir: target, manifest, archiveBytes };
  } finally {
    if (!placed) await rm(temporary, { recursive: true, force: true });
  }
}

/** The target must be absent or an empty directory, and its parent must exist. */
async function checkTarget(target: string): Promise<void> {
  const found = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new BackupError(`${target} cannot be checked (${error.message})`);
  });
  if (found) {
    if (!found.isDirectory()) throw new BackupError(`${target} exists and is not a directory: restore into a new or empty directory`);
    const entries = await readdir(target);
    if (entries.length > 0) {
      const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
      throw new BackupError(`${target} is not empty (${shown}): restore never overwrites a school's data; choose a new or empty directory with --data, or move this one aside first`);
    }
    return;
  }
  const parent = await stat(dirname(target)).catch(() => null);
  if (!parent?.isDirectory()) throw new BackupError(`${dirname(target)} does not exist: create it first (the restore makes only ${basename(target)} inside it)`);
}

/** Renames the checked directory onto the target; rename(2) replaces an empty directory and refuses a full one. */
async function placeDirectory(temporary: string, target: string): Promise<void> {
  try {
    await rename(temporary, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') {
      throw new BackupError(`${target} was filled while the restore ran; nothing was changed there`);
    }
    if (code === 'EXDEV' || code === 'EBUSY') {
      throw new BackupError(`${target} cannot be replaced in one step (it is a mount point?): restore into a new directory inside it, e.g. --data ${join(target, 'data')}`);
    }
    throw new BackupError(`could not move the restored data into ${target} (${(error as Error).message}); nothing was changed there`);
  }
}

/** Writes entries under `root`: new files only (0600), directories 0700, never a path that leaves `root`. */
function directorySink(root: string): ArchiveSink {
  const inside = (path: string) => {
    const full = resolve(root, path);
    const within = relative(root, full);
    // The reader already refused unsafe paths; this stays true even if that rule were ever loosened.
    if (within === '' || within === '..' || within.startsWith(`..${sep}`) || isAbsolute(within)) {
      throw new BackupError(`refused to write ${JSON.stringify(path)} outside ${root}`);
    }
    return full;
  };
  return {
    async directory(path) {
      await mkdir(inside(path), { recursive: true, mode: 0o700 });
    },
    async file(path) {
      const full = inside(path);
      await mkdir(dirname(full), { recursive: true, mode: 0o700 });
      const handle = await open(full, 'wx', 0o600);
      return {
        write: async (chunk) => void (await handle.write(chunk)),
        close: () => handle.close(),
      };
    },
  };
}
