// Crash safety of the store in parts: a process that changes two parts at once (users and sessions) and one alone
// (content) is killed with SIGKILL at random moments, 20 times over on the same data directory. Every time the store
// must open, hold every change acknowledged, and never one part of a change without the other.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../hub/store/store.ts';

const KILLS = 20;
const ROOT = resolve(import.meta.dirname, '../..');

let dataDir = '';
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Runs the writer until it is killed a random while after its first acknowledged change; the last count acknowledged. */
async function writeUntilKilled(): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/store-writer.ts', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((started, failed) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (output === '') setTimeout(() => child.kill('SIGKILL'), Math.random() * 150);
      output += chunk.toString();
      started();
    });
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? started() : failed(new Error(`the writer exited with ${code}:\n${errors}`))));
  });
  await exited;
  // Only whole lines were acknowledged; a count cut off mid-line was not.
  const lines = output.split('\n').slice(0, -1);
  return Number(lines.at(-1) ?? 0);
}

describe('the store in parts, killed mid-write', () => {
  it(`keeps every acknowledged change, and each change of two parts whole, through ${KILLS} kill -9s`, { timeout: 300_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'muster-store-crash-'));
    let acknowledged = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      acknowledged = Math.max(acknowledged, await writeUntilKilled());
      const store = await openStore(dataDir, () => {
        throw new Error('the store must exist and open, never be seeded again');
      });
      const users = store.data.users.filter((u) => u.username === 'writer');
      const twoParts = users.length === 0 ? 0 : Number(users[0]!.passwordHash.slice('count-'.length));
      // Both parts of the last change of two parts, or neither.
      expect(store.data.sessions.map((s) => s.idHash), `after kill ${kill + 1}`).toEqual(twoParts === 0 ? [] : [`count-${twoParts}`]);
      expect(Math.max(twoParts, store.data.content.revision), `after kill ${kill + 1}`).toBeGreaterThanOrEqual(acknowledged);
    }
    expect(acknowledged).toBeGreaterThan(KILLS); // the writes really happened
  });
});
