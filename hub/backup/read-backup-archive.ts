// Reads a backup archive and checks everything on the way: the gzip stream whole, then tar, the manifest first, every
// entry a plain file or directory at a safe relative path, every file listed in the manifest with its size and
// SHA-256, nothing unlisted, nothing missing. What passes goes to a sink (the restore's temporary directory, or
// nowhere when a fresh backup checks itself); the first problem stops the read with a BackupError.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { BackupError } from './backup-error.ts';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, parseManifest, unsafePathReason, type BackupManifest, type ManifestFile } from './backup-manifest.ts';

export interface ArchiveSink {
  directory(path: string): Promise<void>;
  /** Where a file's bytes go; the reader closes it, also when it stops early. */
  file(path: string): Promise<{ write(chunk: Buffer): Promise<void>; close(): Promise<void> }>;
}

/** Checks without keeping anything. */
export const discardSink: ArchiveSink = {
  directory: async () => undefined,
  file: async () => ({ write: async () => undefined, close: async () => undefined }),
};

/** Per file: a tar header, perhaps a long-name header with its data, and padding; more than this is not ours. */
const ARCHIVE_BYTES_PER_FILE = 2048;
const ARCHIVE_SLACK_BYTES = 1024 * 1024;
/** JSON and SVG compress tenfold or so; a thousandfold is a file made to fill the disk. */
const MAX_COMPRESSION_RATIO = 1000;

/**
 * Reads `archivePath` into `sink`; resolves with its manifest once every listed file has arrived intact. Aborting
 * `signal` (Ctrl-C) stops it with the signal's reason, after the sink's open files are closed.
 */
export async function readBackupArchive(
  archivePath: string,
  sink: ArchiveSink,
  signal?: AbortSignal,
): Promise<{ manifest: BackupManifest; archiveBytes: number }> {
  const name = archivePath;
  const archiveBytes = await checkGzipFile(archivePath);
  await checkCompressedData(archivePath, archiveBytes, signal);
  signal?.throwIfAborted();

  let manifest: BackupManifest | null = null;
  let listed = new Map<string, ManifestFile>();
  const arrived = new Set<string>();
  let failure: BackupError | null = null;
  const stopped = new AbortController();
  let current: ReadEntry | null = null;
  const fail = (error: unknown) => {
    if (failure) return;
    failure = error instanceof BackupError ? error : new BackupError(`${name} could not be unpacked (${(error as Error).message})`);
    stopped.abort();
    // An entry waiting for data that will never come must not hold up the clean-up.
    current?.destroy();
  };

  const handleEntry = async (entry: ReadEntry, index: number): Promise<void> => {
    // Directory entries may end in a slash; the path rule below is about the segments.
    const path = entry.type === 'Directory' ? entry.path.replace(/\/+$/, '') : entry.path;
    if (index === 0) {
      if (path !== MANIFEST_FILE || entry.type !== 'File') {
        throw new BackupError(`${name} is not a Muster backup: it does not start with ${MANIFEST_FILE} (its first entry is ${JSON.stringify(entry.path)})`);
      }
      if (entry.size > MAX_MANIFEST_BYTES) throw new BackupError(`${name} is not a Muster backup: its ${MANIFEST_FILE} is too large to be one`);
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const parsed = parseManifest(Buffer.concat(chunks).toString('utf8'));
      if ('problem' in parsed) throw new BackupError(`${name} is not a Muster backup: ${parsed.problem}`);
      manifest = parsed.manifest;
      listed = new Map(manifest.files.map((file) => [file.path, file]));
      return;
    }
    const unsafe = unsafePathReason(path);
    if (unsafe) throw new BackupError(`${name} is refused: its entry ${JSON.stringify(entry.path)} has ${unsafe}, which could write outside the data directory`);
    if (entry.type === 'Directory') return sink.directory(path);
    if (entry.type !== 'File') {
      throw new BackupError(`${name} is refused: its entry ${JSON.stringify(entry.path)} is a ${describeType(entry.type)}; a Muster backup holds only files and directories`);
    }
    const expected = listed.get(path);
    if (!expected) throw new BackupError(`${name} is refused: it holds ${path}, which its manifest does not list`);
    if (arrived.has(path)) throw new BackupError(`${name} is refused: it holds ${path} twice`);
    arrived.add(path);
    if (entry.size !== expected.size) throw new BackupError(`${name} is damaged: ${path} is ${entry.size} bytes in the archive but ${expected.size} in its manifest`);

    const out = await sink.file(path);
    const hash = createHash('sha256');
    let size = 0;
    try {
      if (failure) return;
      for await (const chunk of entry) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
        await out.write(chunk as Buffer);
        if (failure) return;
      }
    } finally {
      await out.close();
    }
    if (size !== expected.size) throw new BackupError(`${name} is cut short: ${path} has ${size} of its ${expected.size} bytes`);
    if (hash.digest('hex') !== expected.sha256) throw new BackupError(`${name} is damaged: ${path} does not match the SHA-256 in its manifest`);
  };

  // Entries are handled one after another: the next is looked at only once the manifest before it has been read.
  let entries = 0;
  let handled: Promise<void> = Promise.resolve();
  const parser = new Parser({ strict: true, brotli: false, zstd: false });
  parser.on('error', (error: Error & { tarCode?: string }) => fail(tarProblem(name, error, entries === 0)));
  parser.on('entry', (entry: ReadEntry) => {
    const index = entries++;
    handled = handled
      .then(async () => {
        if (failure) return;
        current = entry;
        await handleEntry(entry, index);
        current = null;
      })
      .catch(fail);
  });
  const onAbort = () => fail(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const parserEnded = new Promise<void>((resolve) => {
    parser.once('end', resolve);
    stopped.signal.addEventListener('abort', () => resolve());
  });

  // Decompressing by hand (not by the tar parser) to tell a damaged gzip from a damaged tar, and to stop a small
  // file that unpacks to far more than its manifest lists.
  const gunzipped = pipeline(createReadStream(archivePath), createGunzip(), (error) => error && fail(gzipProblem(name, error)));
  let unpacked = 0;
  const unpackedLimit = () =>
    manifest
      ? manifest.files.reduce((sum, file) => sum + file.size, 0) + (manifest.files.length + 1) * ARCHIVE_BYTES_PER_FILE + ARCHIVE_SLACK_BYTES
      : MAX_MANIFEST_BYTES + ARCHIVE_SLACK_BYTES;
  try {
    for await (const chunk of gunzipped) {
      if (failure) break;
      unpacked += (chunk as Buffer).length;
      if (unpacked > unpackedLimit()) {
        fail(new BackupError(`${name} is refused: it unpacks to more data than its manifest lists`));
        break;
      }
      if (!parser.write(chunk as Buffer)) await once(parser, 'drain', { signal: stopped.signal }).catch(() => undefined);
    }
  } catch (error) {
    fail(gzipProblem(name, error as Error));
  }
  if (!failure) parser.end();
  await parserEnded;
  await handled;
  signal?.removeEventListener('abort', onAbort);
  if (failure) throw failure;

  if (!manifest) throw new BackupError(`${name} is not a Muster backup: it holds no ${MANIFEST_FILE}`);
  const missing = [...listed.keys()].filter((path) => !arrived.has(path));
  if (missing.length > 0) {
    throw new BackupError(`${name} is cut short: ${missing.length} of the files its manifest lists are missing (first: ${missing[0]})`);
  }
  return { manifest, archiveBytes };
}

/** The archive's size, after checking it is a file that starts like gzip. */
async function checkGzipFile(path: string): Promise<number> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupError(`${path} does not exist`);
    if (code === 'EACCES') throw new BackupError(`${path} cannot be read: permission denied`);
    throw new BackupError(`${path} cannot be opened (${(error as Error).message})`);
  }
  try {
    const stats = await file.stat();
    if (!stats.isFile()) throw new BackupError(`${path} is not a file`);
    const magic = Buffer.alloc(2);
    const { bytesRead } = await file.read(magic, 0, 2, 0);
    if (bytesRead < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) {
      throw new BackupError(`${path} is not a Muster backup: it is not gzip-compressed (npm run backup writes a .tar.gz)`);
    }
    return stats.size;
  } finally {
    await file.close();
  }
}

/**
 * A first pass through the gzip stream alone, whose CRC covers every byte: damage in transit or on disk is then told
 * as such, rather than as whatever the damaged bytes happen to look like to the tar reader or the manifest check.
 */
async function checkCompressedData(path: string, compressedBytes: number, signal: AbortSignal | undefined): Promise<void> {
  const limit = compressedBytes * MAX_COMPRESSION_RATIO + ARCHIVE_SLACK_BYTES;
  let unpacked = 0;
  try {
    for await (const chunk of pipeline(createReadStream(path), createGunzip(), () => undefined)) {
      signal?.throwIfAborted();
      unpacked += (chunk as Buffer).length;
      if (unpacked > limit) throw new BackupError(`${path} is refused: it unpacks to more than ${MAX_COMPRESSION_RATIO} times its size, which no backup does`);
    }
  } catch (error) {
    throw gzipProblem(path, error as Error);
  }
}

function gzipProblem(name: string, error: Error & { code?: string }): BackupError {
  if (error instanceof BackupError) return error;
  if (error.code === 'Z_BUF_ERROR' || /unexpected end/i.test(error.message)) {
    return new BackupError(`${name} is cut short: its compressed data ends early (was it copied whole?)`);
  }
  if (error.code?.startsWith('Z_')) return new BackupError(`${name} is damaged: its compressed data does not check out (${error.message})`);
  return new BackupError(`${name} could not be read: ${error.message}`);
}

function tarProblem(name: string, error: Error & { tarCode?: string }, beforeFirstEntry: boolean): BackupError {
  if (/Truncated input/.test(error.message)) return new BackupError(`${name} is cut short: its last file ends early`);
  if (beforeFirstEntry || /Unrecognized archive format/.test(error.message)) {
    return new BackupError(`${name} is not a Muster backup: it is gzip-compressed but holds no tar archive`);
  }
  if (error.tarCode === 'TAR_ENTRY_INVALID') return new BackupError(`${name} is damaged: a tar header does not check out (${error.message})`);
  return new BackupError(`${name} is not a readable tar archive (${error.message})`);
}

const TYPE_WORDS: Record<string, string> = {
  SymbolicLink: 'symbolic link',
  Link: 'hard link',
  CharacterDevice: 'character device',
  BlockDevice: 'block device',
  FIFO: 'named pipe',
};
function describeType(type: string): string {
  return Object.hasOwn(TYPE_WORDS, type) ? TYPE_WORDS[type]! : `${type} entry`;
}
