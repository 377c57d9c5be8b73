import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshotDataDirectory } from './data-snapshot.ts';

let dir: string;
let data: string;
let staging: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'muster-snapshot-'));
  data = join(dir, 'data');
  staging = join(dir, 'staging');
  await mkdir(join(data, 'maps'), { recursive: true });
  await mkdir(staging);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('snapshotDataDirectory', () => {
  it('copies the store first, leaves out temporary files, links and the first-start secrets, and hashes what it copied', async () => {
    await writeFile(join(data, 'audit.jsonl'), '{"a":1}\n');
    await writeFile(join(data, 'muster.json'), '{}');
    await writeFile(join(data, 'mode-state.jsonl'), '{"seq":0}\n');
    await writeFile(join(data, '.muster.json.tmp'), '{"half');
    await mkdir(join(data, 'store'));
    await writeFile(join(data, 'store', 'users.json'), '[]');
    await writeFile(join(data, 'store', 'site.json'), '{}');
    await writeFile(join(data, 'store', 'commit.json'), '{}');
    await writeFile(join(data, 'store', '.devices.json.tmp'), '[{"ha');
    await writeFile(join(data, 'maps', 'main-1.svg'), '<svg/>');
    await writeFile(join(data, 'maps', 'main-1-abc.svg.tmp'), '<sv');
    await symlink('/etc/hostname', join(data, 'maps', 'elsewhere.svg'));
    await writeFile(join(data, 'first-start-secrets.txt'), 'office password: …');

    const snapshot = await snapshotDataDirectory(data, staging);
    expect(snapshot.files.map((file) => file.path)).toEqual(['muster.json', 'mode-state.jsonl', 'store/commit.json', 'store/site.json', 'store/users.json', 'audit.jsonl', 'maps/main-1.svg']);
    expect(snapshot.skipped).toEqual(['first-start-secrets.txt (first-start secrets, never backed up)', 'maps/elsewhere.svg (a symbolic link)']);
    const svg = snapshot.files.find((file) => file.path === 'maps/main-1.svg')!;
    expect(svg).toEqual({ path: 'maps/main-1.svg', size: 6, sha256: createHash('sha256').update('<svg/>').digest('hex') });
    expect(await readFile(join(staging, 'maps', 'main-1.svg'), 'utf8')).toBe('<svg/>');
  });

  it('leaves out a log line that was still being written, and nothing else', async () => {
    await writeFile(join(data, 'muster.json'), '{}');
    await writeFile(join(data, 'audit.jsonl'), '{"a":1}\n{"a":2}\n{"a":');
    await writeFile(join(data, 'receipts.jsonl'), '{"r":1}\n');
    const snapshot = await snapshotDataDirectory(data, staging);
    expect(snapshot.trimmed).toEqual(['audit.jsonl']);
    expect(await readFile(join(staging, 'audit.jsonl'), 'utf8')).toBe('{"a":1}\n{"a":2}\n');
    expect(await readFile(join(staging, 'receipts.jsonl'), 'utf8')).toBe('{"r":1}\n');
    expect(snapshot.files.find((file) => file.path === 'audit.jsonl')!.size).toBe(16);
  });

  it('trims a torn line longer than one read back to the newline before it', async () => {
    await writeFile(join(data, 'muster.json'), '{}');
    await writeFile(join(data, 'audit.jsonl'), `{"a":1}\n{"long":"${'x'.repeat(200_000)}`);
    await snapshotDataDirectory(data, staging);
    expect(await readFile(join(staging, 'audit.jsonl'), 'utf8')).toBe('{"a":1}\n');
  });
});
