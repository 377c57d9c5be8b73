// npm run backup and npm run restore on real hubs: a round trip that compares what the school sees, and every kind of
// bad archive refused with a clear message, leaving no target directory and no temporary directory behind.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../../hub/backup/backup-archive.ts';
import { BackupError } from '../../hub/backup/backup-error.ts';
import { restoreBackup } from '../../hub/backup/restore-archive.ts';
import { PROJECT_ROOT } from '../../hub/config.ts';
import { seedData } from '../../hub/store/seed.ts';
import { openStore } from '../../hub/store/store.ts';
import { makeCertificateDirectory } from '../../hub/tls/certificate-directory.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type/Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

let work: string;
let hub: TestHub;
let archive: string;
/** Every file of the original data directory, by path, as backed up. */
let original: Map<string, Buffer>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'muster-backup-'));
  hub = await startTestHub();
  const office = await hub.login('office');
  const admin = await hub.login('admin');
  const ok = async (path: string, init: Parameters<TestHub['api']>[1]) => {
    const reply = await hub.api(path, init);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  };

  // A drill that a screen paints (a receipt), ended by an All Clear; a new user; a document; a TLS authority.
  const screen = await TestSocket.screen(hub.origin, 'main-1-east');
  const { seq } = await ok('/api/modes', { cookie: office, body: { mode: 'hold', scope: { kind: 'site' }, drill: true } });
  expect((await screen.renderState(seq, hub.site().screens.find((s) => s.id === 'main-1-east')!))?.mode).toBe('hold');
  await until(async () => (await hub.api(`/api/drill-reports/${seq}`, { cookie: office })).body.report?.confirmed === 1, 'the screen’s receipt');
  await ok('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: true } });
  screen.close();
  await ok('/api/users', { cookie: admin, body: { username: 'deputy', role: 'office', password: 'deputy-pass-123' } });
  const upload = await fetch(`${hub.origin}/api/documents?${new URLSearchParams({ title: 'Emergency plan', category: 'emergency-plan', filename: 'plan.pdf' })}`, {
    method: 'POST',
    headers: { Origin: hub.origin, Cookie: admin, 'Content-Type': 'application/pdf' },
    body: PDF,
  });
  expect(upload.status).toBe(200);
  // A hub that makes its own authority has one already; tls/ is backed up whole either way.
  if (!existsSync(join(hub.dataDir, 'tls', 'ca.key'))) await makeCertificateDirectory({ outDir: join(hub.dataDir, 'tls'), hosts: ['localhost'], ips: [], days: 30, force: false });

  // Backed up while the hub runs, as a nightly job would.
  const result = await createBackup({ dataDir: hub.dataDir, out: work });
  archive = result.archivePath;
  original = await filesOf(hub.dataDir);
}, 60_000);

afterAll(async () => {
  await hub?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Waits for `done` (expect.poll is for tests; this runs in beforeAll). */
async function until(done: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every file under `dir`, by '/'-separated path. */
async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path));
  }
  return files;
}

/** A new parent directory for a restore target, so that anything left beside the target shows. */
async function freshParent(): Promise<string> {
  const parent = join(work, `case-${Math.random().toString(36).slice(2)}`);
  await mkdir(parent);
  return parent;
}

/** Restore must fail with a message matching `message`, and leave the parent directory exactly as it was. */
async function expectRefused(archivePath: string, message: RegExp, parent?: string): Promise<void> {
  const where = parent ?? (await freshParent());
  const before = await readdir(where);
  const error = await restoreBackup({ archivePath, dataDir: join(where, 'data') }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(BackupError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toContain('\n');
  expect(await readdir(where)).toEqual(before);
}

interface RawEntry {
  path: string;
  body?: Buffer | string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice';
  linkpath?: string;
}

/** A .tar.gz written header by header, so that tests can make archives npm run backup never would. */
function rawTarGz(entries: RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from(entry.body ?? '');
    const header = new Header({ path: entry.path, type: entry.type ?? 'File', size: body.length, mode: 0o600, mtime: new Date(0), linkpath: entry.linkpath });
    header.encode();
    blocks.push(header.block!, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** The files of the real backup, with its manifest, to rebuild altered copies of it. */
async function unpackedBackup(): Promise<{ manifest: any; files: Map<string, Buffer> }> {
  const dir = join(await freshParent(), 'data');
  await restoreBackup({ archivePath: archive, dataDir: dir });
  const files = await filesOf(dir);
  const manifest = { format: 'muster-backup', version: 1, createdAt: new Date().toISOString(), app: { version: '0.1.0' }, site: { id: 'maple-grove', name: 'x' }, files: [] as any[] };
  for (const [path, bytes] of files) manifest.files.push({ path, size: bytes.length, sha256: sha256(bytes) });
  return { manifest, files };
}

async function writeArchive(name: string, bytes: Buffer): Promise<string> {
  const path = join(work, name);
  await writeFile(path, bytes);
  return path;
}

describe('a round trip', () => {
  it('writes one private archive with the manifest first, listing every file with its size and SHA-256', async () => {
    expect(archive).toMatch(/muster-backup-maple-grove-\d{8}T\d{6}Z\.tar\.gz$/);
    expect((await stat(archive)).mode & 0o777).toBe(0o600);
    expect(await readdir(work)).toEqual([archive.slice(work.length + 1)]);
    const { manifest } = await unpackedBackup();
    const paths = manifest.files.map((file: any) => file.path);
    const storeParts = ['site.json', 'wayfinding.json', 'users.json', 'sessions.json', 'devices.json', 'mode-wordings.json', 'mode-tones.json', 'content.json', 'documents.json', 'weather.json'];
    for (const path of ['muster.json', 'mode-state.jsonl', ...storeParts.map((file) => `store/${file}`), 'audit.jsonl', 'receipts.jsonl', 'tls/ca.crt', 'tls/ca.key', 'tls/server.crt', 'tls/server.key']) {
      expect(paths).toContain(path);
    }
    expect(paths.some((path: string) => path.startsWith('maps/'))).toBe(true);
    expect(paths.some((path: string) => path.startsWith('documents/') && path.endsWith('.pdf'))).toBe(true);
  });

  it('restores into a new directory byte for byte, and a hub started on it shows the same school', async () => {
    const target = join(await freshParent(), 'data');
    const result = await restoreBackup({ archivePath: archive, dataDir: target });
    expect(result.manifest.site.id).toBe('maple-grove');
    const restored = await filesOf(target);
    expect([...restored.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [path, bytes] of original) expect(restored.get(path)?.equals(bytes), path).toBe(true);
    expect((await stat(target)).mode & 0o777).toBe(0o700);
    expect((await stat(join(target, 'tls', 'ca.key'))).mode & 0o777).toBe(0o600);

    /** What the consoles show of the school; session lines are left out of the audit, as comparing logs in. */
    const seen = async (on: TestHub) => {
      const [office, admin] = [await on.login('office'), await on.login('admin')];
      const get = async (path: string, cookie = office) => {
        const reply = await on.api(path, { cookie });
        // Two hubs failing alike would compare equal: only answers count.
        expect(reply.status, `${path}: ${JSON.stringify(reply.body)}`).toBe(200);
        return reply.body;
      };
      const audit = (await get('/api/audit?limit=500')).entries.filter((entry: any) => !entry.action.startsWith('session.'));
      const drill = audit.find((entry: any) => entry.action === 'mode.set');
      const documents = (await get('/api/documents')).documents;
      const pdf = await fetch(`${on.origin}/api/documents/${documents[0].id}`, { headers: { Cookie: office } });
      return {
        site: on.site(),
        wayfinding: (await get('/api/wayfinding')).wayfinding,
        users: (await get('/api/users', admin)).users,
        state: (await get('/api/state')).state,
        audit,
        receipts: (await get(`/api/drill-reports/${drill.seq}`)).report.screens,
        documents,
        pdf: Buffer.from(await pdf.arrayBuffer()).toString('base64'),
      };
    };
    const before = await seen(hub);
    const copy = await startTestHub({ dataDir: target });
    try {
      const after = await seen(copy);
      expect(after.site).toEqual(before.site);
      expect(after.wayfinding).toEqual(before.wayfinding);
      expect(after.wayfinding.floors.length).toBeGreaterThan(0);
      expect(after.users).toEqual(before.users);
      expect(after.users.map((user: any) => user.username)).toContain('deputy');
      expect({ seq: after.state.seq, modes: after.state.modes, hazards: after.state.hazards }).toEqual({ seq: before.state.seq, modes: before.state.modes, hazards: before.state.hazards });
      expect(after.audit).toEqual(before.audit);
      expect(after.audit.map((entry: any) => entry.action)).toEqual(expect.arrayContaining(['mode.set', 'mode.all-clear', 'user.created', 'document.uploaded']));
      expect(after.receipts).toEqual(before.receipts);
      expect(after.receipts.filter((screen: any) => screen.confirmedAt).map((screen: any) => screen.id)).toEqual(['main-1-east']);
      expect(after.documents).toEqual(before.documents);
      expect(after.pdf).toBe(PDF.toString('base64'));
      // The user created before the backup logs in on the restored hub with the same password.
      const login = await fetch(`${copy.origin}/api/session`, {
        method: 'POST',
        headers: { Origin: copy.origin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'deputy', password: 'deputy-pass-123' }),
      });
      expect(login.status).toBe(200);
    } finally {
      await copy.dispose();
    }
  });

  it('backs up and restores a data directory of the old layout (the whole store in muster.json), which the hub then opens', async () => {
    const old = join(await freshParent(), 'old');
    await mkdir(old);
    const { modeState, ...parts } = seedData({ siteFile: 'config/demo-school.json', wayfindingFile: 'config/demo-wayfinding.json' });
    await writeFile(join(old, 'muster.json'), JSON.stringify({ schemaVersion: 1, ...parts, modeState: { ...modeState, seq: 5 } }));
    const { archivePath, manifest } = await createBackup({ dataDir: old, out: join(work, 'old-layout.tar.gz') });
    expect(manifest.files.map((file) => file.path)).toEqual(['muster.json']);
    const target = join(await freshParent(), 'data');
    await restoreBackup({ archivePath, dataDir: target });
    const store = await openStore(target, () => {
      throw new Error('a restored store is opened, never seeded');
    });
    expect(store.data).toEqual({ ...parts, modeState: { ...modeState, seq: 5 } });
  });

  it('restores into an existing empty directory', async () => {
    const target = join(await freshParent(), 'data');
    await mkdir(target);
    await restoreBackup({ archivePath: archive, dataDir: target });
    expect((await filesOf(target)).get('muster.json')?.equals(original.get('muster.json')!)).toBe(true);
  });
});

describe('refusals', () => {
  it('refuses to restore into a directory that holds anything, and leaves it untouched', async () => {
    const parent = await freshParent();
    const target = join(parent, 'data');
    await mkdir(target);
    await writeFile(join(target, 'muster.json'), 'the school’s data');
    await expect(restoreBackup({ archivePath: archive, dataDir: target })).rejects.toThrow(/is not empty \(muster\.json\): restore never overwrites/);
    expect(await readdir(parent)).toEqual(['data']);
    expect(await readdir(target)).toEqual(['muster.json']);
    expect(await readFile(join(target, 'muster.json'), 'utf8')).toBe('the school’s data');
  });

  it('refuses an archive with one byte flipped inside', async () => {
    const bytes = await readFile(archive);
    // Past gzip's own header (whose time stamp no checksum covers), through the data, to its CRC at the end.
    for (const at of [Math.floor(bytes.length / 4), Math.floor(bytes.length / 2), Math.floor((bytes.length * 3) / 4), bytes.length - 6]) {
      const flipped = Buffer.from(bytes);
      flipped[at] = flipped[at]! ^ 0xff;
      await expectRefused(await writeArchive(`flipped-${at}.tar.gz`, flipped), /is damaged: its compressed data does not check out|is cut short: its compressed data ends early/);
    }
  });

  it('refuses a truncated archive', async () => {
    const bytes = await readFile(archive);
    await expectRefused(await writeArchive('truncated.tar.gz', bytes.subarray(0, Math.floor(bytes.length * 0.6))), /is cut short: its compressed data ends early/);
    await expectRefused(await writeArchive('header-only.tar.gz', bytes.subarray(0, 10)), /is cut short: its compressed data ends early/);
  });

  it('refuses an empty file, a plain text file, and a gzip file that is not a tar archive', async () => {
    await expectRefused(await writeArchive('empty.tar.gz', Buffer.alloc(0)), /is not a Muster backup: it is not gzip-compressed/);
    await expectRefused(await writeArchive('notes.txt', Buffer.from('Remember the fire drill on Friday.\n')), /is not a Muster backup: it is not gzip-compressed/);
    await expectRefused(await writeArchive('text.gz', gzipSync('Remember the fire drill on Friday.\n'.repeat(40))), /is not a Muster backup: it is gzip-compressed but holds no tar archive/);
  });

  it('refuses a tar.gz without a manifest, or with a foreign or newer one', async () => {
    await expectRefused(await writeArchive('foreign.tar.gz', rawTarGz([{ path: 'muster.json', body: '{}' }])), /not a Muster backup: it does not start with manifest\.json/);
    const { manifest, files } = await unpackedBackup();
    const entries = (m: unknown) => [{ path: 'manifest.json', body: JSON.stringify(m) }, ...[...files].map(([path, body]) => ({ path, body }))];
    await expectRefused(await writeArchive('other-format.tar.gz', rawTarGz(entries({ ...manifest, format: 'someone-else' }))), /not a Muster backup manifest/);
    await expectRefused(await writeArchive('newer.tar.gz', rawTarGz(entries({ ...manifest, version: 2 }))), /newer Muster .* update Muster/);
  });

  it('refuses a file whose checksum does not match its manifest, an unlisted file and a missing one', async () => {
    const { manifest, files } = await unpackedBackup();
    const entries = (m: any, extra: RawEntry[] = [], skip = '') => [
      { path: 'manifest.json', body: JSON.stringify(m) },
      ...[...files].filter(([path]) => path !== skip).map(([path, body]) => ({ path, body })),
      ...extra,
    ];
    const wrongSum = { ...manifest, files: manifest.files.map((f: any) => (f.path === 'muster.json' ? { ...f, sha256: sha256('something else') } : f)) };
    await expectRefused(await writeArchive('wrong-sum.tar.gz', rawTarGz(entries(wrongSum))), /is damaged: muster\.json does not match the SHA-256 in its manifest/);
    await expectRefused(await writeArchive('unlisted.tar.gz', rawTarGz(entries(manifest, [{ path: 'extra.txt', body: 'x' }]))), /holds extra\.txt, which its manifest does not list/);
    await expectRefused(await writeArchive('missing.tar.gz', rawTarGz(entries(manifest, [], 'audit.jsonl'))), /is cut short: 1 of the files its manifest lists are missing \(first: audit\.jsonl\)/);
    // All there and intact, but a store the hub would not open.
    const badStore = Buffer.from(JSON.stringify({ schemaVersion: 1, site: { id: 'x' } }));
    const withBadStore = { ...manifest, files: manifest.files.map((f: any) => (f.path === 'muster.json' ? { ...f, size: badStore.length, sha256: sha256(badStore) } : f)) };
    files.set('muster.json', badStore);
    await expectRefused(await writeArchive('bad-store.tar.gz', rawTarGz(entries(withBadStore))), /is refused: its muster\.json is not a store this hub opens \(site\./);
    files.set('muster.json', original.get('muster.json')!);
    // Or one of its parts, whole or in a commit the hub had not finished putting in place.
    const badUsers = Buffer.from(JSON.stringify([{ username: 'x' }]));
    const withBadUsers = { ...manifest, files: manifest.files.map((f: any) => (f.path === 'store/users.json' ? { ...f, size: badUsers.length, sha256: sha256(badUsers) } : f)) };
    files.set('store/users.json', badUsers);
    await expectRefused(await writeArchive('bad-users.tar.gz', rawTarGz(entries(withBadUsers))), /is refused: its store\/users\.json is not a store this hub opens \(0\.role: /);
    files.set('store/users.json', original.get('store/users.json')!);
    const badCommit = Buffer.from(JSON.stringify({ sessions: 'none' }));
    const withBadCommit = { ...manifest, files: [...manifest.files, { path: 'store/commit.json', size: badCommit.length, sha256: sha256(badCommit) }] };
    await expectRefused(await writeArchive('bad-commit.tar.gz', rawTarGz(entries(withBadCommit, [{ path: 'store/commit.json', body: badCommit }]))), /is refused: its store\/commit\.json is not a store this hub opens/);
  });

  it('refuses entries that could write outside the data directory, links and devices', async () => {
    const { manifest, files } = await unpackedBackup();
    const head = [{ path: 'manifest.json', body: JSON.stringify(manifest) }, { path: 'muster.json', body: files.get('muster.json')! }];
    const cases: [string, RawEntry, RegExp][] = [
      ['dotdot', { path: '../escaped.txt', body: 'x' }, /entry "\.\.\/escaped\.txt" has a "\.\." segment, which could write outside the data directory/],
      ['deep-dotdot', { path: 'maps/../../escaped.txt', body: 'x' }, /has a "\.\." segment/],
      ['absolute', { path: '/tmp/escaped.txt', body: 'x' }, /has an absolute path/],
      ['symlink', { path: 'maps/link.svg', type: 'SymbolicLink', linkpath: '/etc/passwd' }, /"maps\/link\.svg" is a symbolic link; a Muster backup holds only files and directories/],
      ['hardlink', { path: 'maps/hard.svg', type: 'Link', linkpath: 'muster.json' }, /is a hard link/],
      ['device', { path: 'maps/dev', type: 'CharacterDevice' }, /is a character device/],
    ];
    for (const [name, entry, message] of cases) {
      await expectRefused(await writeArchive(`${name}.tar.gz`, rawTarGz([...head, entry])), message);
    }
    expect(await readdir(work)).not.toContain('escaped.txt');
  });

  it('leaves an existing empty target empty when a restore fails', async () => {
    const parent = await freshParent();
    await mkdir(join(parent, 'data'));
    const bytes = await readFile(archive);
    await expectRefused(await writeArchive('truncated-again.tar.gz', bytes.subarray(0, bytes.length - 100)), /is cut short/, parent);
    expect(await readdir(join(parent, 'data'))).toEqual([]);
  });

  it('stops cleanly when interrupted: restored whole, or nothing left behind', async () => {
    const interrupted = new BackupError('interrupted');
    await expect(restoreBackup({ archivePath: archive, dataDir: join(await freshParent(), 'data'), signal: AbortSignal.abort(interrupted) })).rejects.toBe(interrupted);
    // Whenever the interruption comes, the outcome is one of the two.
    for (const delay of [0, 1, 2, 5, 10, 20, 40]) {
      const parent = await freshParent();
      const controller = new AbortController();
      setTimeout(() => controller.abort(interrupted), delay);
      const outcome = await restoreBackup({ archivePath: archive, dataDir: join(parent, 'data'), signal: controller.signal }).then(
        () => 'restored',
        (error: Error) => error.message,
      );
      if (outcome === 'restored') expect((await filesOf(join(parent, 'data'))).size, `after ${delay} ms`).toBe(original.size);
      else {
        expect(outcome, `after ${delay} ms`).toBe('interrupted');
        expect(await readdir(parent), `after ${delay} ms`).toEqual([]);
      }
    }
    const before = await readdir(work);
    await expect(createBackup({ dataDir: hub.dataDir, out: work, signal: AbortSignal.abort(interrupted) })).rejects.toBe(interrupted);
    expect(await readdir(work)).toEqual(before);
  });

  it('refuses to back up what is not a data directory, or into the data directory itself', async () => {
    await expect(createBackup({ dataDir: join(work, 'nowhere'), out: work })).rejects.toThrow(/does not exist: give the hub's data directory/);
    await expect(createBackup({ dataDir: work, out: work })).rejects.toThrow(/holds no muster\.json, so it is not a Muster data directory/);
    await expect(createBackup({ dataDir: hub.dataDir, out: hub.dataDir })).rejects.toThrow(/inside the data directory it backs up/);
    await expect(createBackup({ dataDir: hub.dataDir, out: join(work, 'no-such-dir', 'x.tar.gz') })).rejects.toThrow(/no-such-dir does not exist/);
  });
});

describe('the commands', () => {
  const run = async (script: string, args: string[], env: Record<string, string> = {}) => {
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts', script), ...args], {
      // As npm runs a script: in the project folder, with the caller's folder in INIT_CWD.
      cwd: PROJECT_ROOT,
      env: { ...process.env, INIT_CWD: work, ...env },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
    return result;
  };

  it('npm run backup and npm run restore: exit 0 with a summary, 1 with one line for a refusal, 2 for a usage error', async () => {
    const out = join(work, 'cli');
    await mkdir(out);
    const backup = await run('backup.ts', ['--data', hub.dataDir, '--out', 'cli/nightly.tar.gz']);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`Wrote ${join(out, 'nightly.tar.gz')}`);
    expect(backup.stdout).toMatch(/password hashes and the certificate authority's private key/);
    expect((await stat(join(out, 'nightly.tar.gz'))).mode & 0o777).toBe(0o600);

    const restored = await run('restore.ts', ['cli/nightly.tar.gz', '--data', 'cli/restored']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored .* \(maple-grove\)/);
    expect((await filesOf(join(out, 'restored'))).has('muster.json')).toBe(true);

    const refused = await run('restore.ts', ['cli/nightly.tar.gz', '--data', 'cli/restored']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^npm run restore: .*cli\/restored is not empty .*restore never overwrites a school's data/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);

    const usage = await run('restore.ts', []);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^npm run restore: which archive\?.*\n\nUsage: npm run restore -- FILE/s);
    expect(await readdir(out)).toEqual(['nightly.tar.gz', 'restored']);
    // Each command starts a TypeScript runtime: on a busy two-core machine, several seconds apiece.
  }, 120_000);
});
