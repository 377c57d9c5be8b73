// `npm run backup`: one .tar.gz of everything a school would lose with its hub (the store, the mode state, the audit
// and receipt logs, map images, documents, and the TLS authority when present), manifest.json first. Written while
// the hub runs, to a temporary name, checked by reading it back, then renamed into place: a failed backup leaves
// no file that looks like a good one.
import { readFileSync } from 'node:fs';
import { mkdtemp, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { create } from 'tar';
import { PROJECT_ROOT } from '../config.ts';
import { STORE_FILE } from '../store/store.ts';
import { BackupError } from './backup-error.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, MANIFEST_FILE, type BackupManifest } from './backup-manifest.ts';
import { checkStoreFiles } from './check-store-files.ts';
import { snapshotDataDirectory } from './data-snapshot.ts';
import { discardSink, readBackupArchive } from './read-backup-archive.ts';
import { syncPath } from './sync-to-disk.ts';

export interface BackupRequest {
  dataDir: string;
  /** A file to write, or an existing directory to write the default name into. */
  out: string;
  now?: Date;
  /** Aborting it (Ctrl-C) stops the backup with its reason and removes the staging copy and the partial archive. */
  signal?: AbortSignal;
}

export interface BackupResult {
  archivePath: string;
  archiveBytes: number;
  manifest: BackupManifest;
  /** What was left out and why. */
  skipped: string[];
  /** Logs whose half-written last line was left out. */
  trimmed: string[];
}

/** muster-backup-<site id>-<UTC time>.tar.gz, e.g. muster-backup-lincoln-high-20260716T031500Z.tar.gz */
export function defaultArchiveName(siteId: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `muster-backup-${siteId}-${stamp}.tar.gz`;
}

export async function createBackup(request: BackupRequest): Promise<BackupResult> {
  const dataDir = resolve(request.dataDir);
  const now = request.now ?? new Date();
  await checkDataDirectory(dataDir);
  const { outDir, fileName } = await outputPlace(resolve(request.out), dataDir);

  // Staged beside the archive rather than in /tmp: it may be large, and it holds secrets only the archive should.
  const staging = await mkdtemp(join(outDir, '.muster-backup-'));
  let partial: string | null = null;
  try {
    const snapshot = await snapshotDataDirectory(dataDir, staging, request.signal);
    const store = await checkStoreFiles(staging);
    if ('problem' in store) throw new BackupError(`${dataDir} was not backed up: ${store.problem}; the hub would not open it either`);

    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_FORMAT_VERSION,
      createdAt: now.toISOString(),
      app: appVersion(),
      site: store.site,
      files: snapshot.files,
    };
    await writeFile(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });

    const archivePath = join(outDir, fileName ?? defaultArchiveName(store.site.id, now));
    partial = join(outDir, `.${basename(archivePath)}.partial`);
    await writeArchive(staging, [MANIFEST_FILE, ...manifest.files.map((file) => file.path)], partial, request.signal);
    // Read back with the restore's own checks: a backup that says it was written can be restored.
    const { archiveBytes } = await readBackupArchive(partial, discardSink, request.signal);
    request.signal?.throwIfAborted();
    await rename(partial, archivePath);
    partial = null;
    await syncPath(outDir);
    return { archivePath, archiveBytes, manifest, skipped: snapshot.skipped, trimmed: snapshot.trimmed };
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (partial) await rm(partial, { force: true });
  }
}

async function checkDataDirectory(dataDir: string): Promise<void> {
  const found = await stat(dataDir).catch(() => null);
  if (!found) throw new BackupError(`${dataDir} does not exist: give the hub's data directory with --data DIR (or MUSTER_DATA)`);
  if (!found.isDirectory()) throw new BackupError(`${dataDir} is not a directory: give the hub's data directory with --data DIR (or MUSTER_DATA)`);
  const store = await stat(join(dataDir, STORE_FILE)).catch(() => null);
  if (!store?.isFile()) throw new BackupError(`${dataDir} holds no ${STORE_FILE}, so it is not a Muster data directory: give the hub's with --data DIR (or MUSTER_DATA)`);
}

/** Where the archive goes: into an existing directory under the default name, or at the file path given. */
async function outputPlace(out: string, dataDir: string): Promise<{ outDir: string; fileName: string | null }> {
  const found = await stat(out).catch(() => null);
  const outDir = found?.isDirectory() ? out : dirname(out);
  const fileName = found?.isDirectory() ? null : basename(out);
  const outDirFound = found?.isDirectory() ? found : await stat(outDir).catch(() => null);
  if (!outDirFound?.isDirectory()) throw new BackupError(`${outDir} does not exist: create it first, or give another --out`);
  const inside = relative(dataDir, out);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new BackupError(`${out} is inside the data directory it backs up: write the backup somewhere else with --out`);
  }
  return { outDir, fileName };
}

/** gzip-compressed tar of `paths` (relative to `dir`, in this order), written 0600 and fsynced. */
async function writeArchive(dir: string, paths: string[], target: string, signal: AbortSignal | undefined): Promise<void> {
  // 'wx': never through a file or link someone left at the temporary name; 0600: the archive holds secrets.
  const file = await open(target, 'wx', 0o600);
  try {
    // portable: no user or group names and ids of this machine in the archive.
    const pack = create({ cwd: dir, gzip: true, portable: true, strict: true }, paths);
    for await (const chunk of pack) {
      signal?.throwIfAborted();
      await file.write(chunk as Buffer);
    }
    await file.sync();
  } finally {
    await file.close();
  }
}

/** This Muster's version, and the build id of its browser apps when they are built (shown by the hub at start). */
function appVersion(): BackupManifest['app'] {
  const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const staticRoot = process.env.MUSTER_STATIC_ROOT ? resolve(process.env.MUSTER_STATIC_ROOT) : join(PROJECT_ROOT, 'dist/display');
  try {
    const { build } = JSON.parse(readFileSync(join(staticRoot, 'build.json'), 'utf8')) as { build: unknown };
    return typeof build === 'string' ? { version, build } : { version };
  } catch {
    return { version };
  }
}
