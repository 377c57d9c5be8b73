// Issue 11, item 6: the secrets a first start makes (generated passwords, the device-token links of pre-paired
// screens) go once to a file only the hub's user may read; stdout, which goes to the system journal, says only where
// it is. The real process entry (hub/main.ts) runs as a school would start it.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIRST_START_SECRETS_FILE } from '../../hub/auth/first-start-secrets.ts';
import { startHubProcess } from '../helpers/hub-process.ts';

let dataDir = '';
let child: ChildProcess | null = null;

afterAll(async () => {
  child?.kill('SIGTERM');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Starts hub/main.ts on the data directory; resolves with its origin and everything it printed once it has started. */
async function startHub(env: Record<string, string>): Promise<{ origin: string; output: string; stop: () => Promise<void> }> {
  // The start-up text is printed at once, ending with this line.
  const started = await startHubProcess(dataDir, env, (output) => output.includes('supplementary visual channel'));
  child = started.child;
  const stop = async () => {
    const exited = new Promise((done) => started.child.once('exit', done));
    started.child.kill('SIGTERM');
    await exited;
    child = null;
  };
  return { origin: started.origin, output: started.output, stop };
}

describe('first-start secrets', () => {
  it('go to a 0600 file in the data directory, never to stdout, and work', { timeout: 90_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'muster-first-start-'));
    const hub = await startHub({ MUSTER_OFFICE_PASSWORD: 'office-pass-123' });
    const path = join(dataDir, FIRST_START_SECRETS_FILE);
    expect(hub.output).toContain(path);

    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const secrets = await readFile(path, 'utf8');
    const password = /admin\s+\(admin\) password: (\S+)/.exec(secrets)?.[1];
    expect(password).toBeDefined();
    const links = secrets.match(/\/screen\/\?id=[\w-]+#token=[\w-]+/g) ?? [];
    expect(links.length).toBeGreaterThan(0);
    // The office's password came from the environment: it is in neither place.
    expect(secrets).not.toContain('office-pass-123');

    expect(hub.output).not.toContain(password);
    expect(hub.output).not.toMatch(/#token=|password: /);
    for (const link of links) expect(hub.output).not.toContain(link.split('#token=')[1]);

    // The secrets are the real ones: the password logs in.
    const login = await fetch(`${hub.origin}/api/session`, {
      method: 'POST',
      headers: { Origin: hub.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    await hub.stop();

    // A later start makes no new secrets and leaves the file alone.
    const again = await startHub({});
    expect(again.output).not.toContain(FIRST_START_SECRETS_FILE);
    expect(await readFile(path, 'utf8')).toBe(secrets);
    await again.stop();
  });
});
