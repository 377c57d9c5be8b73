// The real hub process (hub/main.ts), started as a school starts it, on a free port of 127.0.0.1 with TLS off, for
// the tests that kill it (crash safety, the outbox) or read what it prints (first-start secrets).
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface HubProcess {
  child: ChildProcess;
  origin: string;
  /** Everything it printed until it was ready. */
  output: string;
}

/**
 * Starts hub/main.ts on `dataDir` with `env` added; resolves once `ready` says so of what it printed (by default: it
 * listens), rejects if it exits first or takes over 30 s.
 */
export async function startHubProcess(dataDir: string, env: Record<string, string> = {}, ready = (output: string) => /listening on [\d.]+:\d+/.test(output)): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MUSTER_TLS: 'off', MUSTER_DATA: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((done, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready(output)) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`hub exited with ${code} before it was ready:\n${output}`)));
  });
  const port = /listening on [\d.]+:(\d+)/.exec(output)![1];
  return { child, origin: `http://127.0.0.1:${port}`, output };
}
