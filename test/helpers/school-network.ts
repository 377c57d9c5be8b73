// A hub as a school runs it by default (tls: auto) under a host name, for kiosk tests: it can be stopped and started
// again on the same ports and data, driven over its plain-HTTP listener on 127.0.0.1 as the office would on the hub
// machine, and trusted by a kiosk profile's own NSS store (certutil, from Debian's libnss3-tools).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSWORDS, startTestHub, type TestHub } from './hub.ts';

/** The hub's name on the test "school network"; Chromium maps it with --host-resolver-rules, nothing else knows it. */
export const SCHOOL_HOST = 'muster.school.test';

export interface SchoolHub {
  /** The running hub, or the last one after stop(). */
  hub: TestHub;
  /** https://muster.school.test:PORT, what kiosks use. */
  networkUrl: string;
  /** The authority kiosks trust (dataDir/tls/ca.crt). */
  caPath: string;
  httpsPort: number;
  /** The hub is down until start(); its data and certificate stay. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** A JSON request (POST with a body, else GET) over the hub machine's own plain HTTP, logged in as `office`. */
  api(path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Stops the hub and removes its data. */
  dispose(): Promise<void>;
}

export async function startSchoolHub(): Promise<SchoolHub> {
  const overrides = { tls: 'auto' as const, tlsNames: [SCHOOL_HOST] };
  let hub = await startTestHub({ overrides });
  const httpsPort = hub.port;
  const localPort = Number(new URL(hub.localUrl!).port);
  let running = true;
  let cookie: string | null = null;
  const local = () => hub.localUrl!;

  const request = async (path: string, body?: unknown, withCookie?: string) => {
    const response = await fetch(`${local()}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Origin: local(), 'Content-Type': 'application/json', ...(withCookie ? { Cookie: withCookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text, response };
  };

  const school: SchoolHub = {
    get hub() {
      return hub;
    },
    networkUrl: `https://${SCHOOL_HOST}:${httpsPort}`,
    caPath: join(hub.dataDir, 'tls', 'ca.crt'),
    httpsPort,
    async stop() {
      if (!running) return;
      running = false;
      await hub.close();
    },
    async start() {
      if (running) return;
      hub = await startTestHub({ dataDir: hub.dataDir, port: localPort, overrides: { ...overrides, httpsPort } });
      running = true;
      cookie = null;
    },
    async api(path, body) {
      if (!cookie) {
        const login = await request('/api/session', { username: 'office', password: PASSWORDS.office });
        if (login.status !== 200) throw new Error(`login as office failed: ${login.status} ${JSON.stringify(login.body)}`);
        cookie = login.response.headers.get('set-cookie')!.split(';')[0]!;
      }
      const { status, body: reply } = await request(path, body, cookie);
      return { status, body: reply };
    },
    async dispose() {
      if (running) await hub.dispose();
      else await rm(hub.dataDir, { recursive: true, force: true });
    },
  };
  return school;
}

/** A new home directory whose NSS store (~/.pki/nssdb, Chromium's on Linux) trusts `caPath` for websites, or nothing. */
export async function kioskHome(caPath: string | null): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'muster-kiosk-home-'));
  const nssdb = join(home, '.pki', 'nssdb');
  await mkdir(nssdb, { recursive: true, mode: 0o700 });
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
  if (caPath) execFileSync('certutil', ['-d', `sql:${nssdb}`, '-A', '-t', 'C,,', '-n', 'Muster test authority', '-i', caPath]);
  return home;
}
