// Crash safety: the real hub process (hub/main.ts) is killed with SIGKILL at random moments while the office keeps
// changing the emergency state, 50 times over on the same data directory. Every time the store must load and
// every change the hub acknowledged must be there.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../hub/store/store.ts';
import { startHubProcess } from '../helpers/hub-process.ts';

const KILLS = 50;
const PASSWORD = 'office-pass-123';

let dataDir = '';
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Start hub/main.ts as a school would, on a free port; resolves with its origin once it listens. */
const startHub = () => startHubProcess(dataDir, { MUSTER_OFFICE_PASSWORD: PASSWORD, MUSTER_ADMIN_PASSWORD: PASSWORD });

async function post(origin: string, path: string, body: unknown, cookie?: string): Promise<{ status: number; body: any; cookie: string | null }> {
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), cookie: response.headers.get('set-cookie')?.split(';')[0] ?? null };
}

describe('crash safety', () => {
  it(`keeps every acknowledged change through ${KILLS} kill -9s at random moments`, { timeout: 600_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'muster-crash-'));
    let acknowledgedSeq = 0;
    let acknowledgedHazard: boolean | null = null;
    for (let kill = 0; kill < KILLS; kill++) {
      const { child, origin } = await startHub();
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      const login = await post(origin, '/api/session', { username: 'office', password: PASSWORD });
      expect(login.status).toBe(200);
      // Kill somewhere inside the stream of writes: sometimes mid-write, sometimes between two.
      setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 250);
      for (let i = 0; child.exitCode === null && child.signalCode === null; i++) {
        const blocked = i % 2 === 0;
        const change = post(origin, '/api/hazards', { blocked, areaIds: ['m1-east-hall-end'] }, login.cookie!).catch(() => null);
        const answer = await change;
        if (answer?.status === 200) {
          acknowledgedSeq = answer.body.seq;
          acknowledgedHazard = blocked;
        }
      }
      await exited;

      const store = await openStore(dataDir, () => {
        throw new Error('the store must exist and load, never be seeded again');
      });
      const modeState = store.data.modeState;
      expect(modeState.seq, `after kill ${kill + 1}`).toBeGreaterThanOrEqual(acknowledgedSeq);
      if (modeState.seq === acknowledgedSeq && acknowledgedHazard !== null) {
        expect(modeState.hazards.areaIds.includes('m1-east-hall-end'), `after kill ${kill + 1}`).toBe(acknowledgedHazard);
      }
    }
    expect(acknowledgedSeq).toBeGreaterThan(KILLS); // the writes really happened
    // The audit log survives too: every line but a torn last one is JSON.
    const lines = (await readFile(join(dataDir, 'audit.jsonl'), 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const parsed = lines.filter((line) => {
      try {
        JSON.parse(line);
        return true;
      } catch {
        return false;
      }
    });
    expect(lines.length - parsed.length).toBeLessThanOrEqual(KILLS);
  });
});
