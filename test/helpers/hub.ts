// Starts a real hub on a random port with a temporary data directory, and logs users in: the one way tests get a hub.
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { hashDeviceToken } from '../../hub/auth/device-tokens.ts';
import { hashPassword } from '../../hub/auth/passwords.ts';
import { loadConfig, type Config } from '../../hub/config.ts';
import { createFirstUsers } from '../../hub/domain/accounts.ts';
import { startHub, type RunningHub } from '../../hub/server.ts';
import { openAuditLog } from '../../hub/store/audit-log.ts';
import { seedData } from '../../hub/store/seed.ts';
import { openStore, type Store } from '../../hub/store/store.ts';
import type { Role } from '../../shared/model.ts';

export const PASSWORDS = { admin: 'admin-pass-123', office: 'office-pass-123', viewer: 'viewer-pass-123', staff: 'staff-pass-1234' } as const;

export interface TestHub extends RunningHub {
  dataDir: string;
  origin: string;
  /** Log in and return the session cookie ("muster_session=…"). */
  login(username: keyof typeof PASSWORDS): Promise<string>;
  /** fetch() against the hub with Origin set, JSON encoded, and an optional cookie. */
  api(path: string, init?: { method?: string; body?: unknown; cookie?: string; rawBody?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
  /** Stop and start again on the same data directory (and port, when free). */
  restart(): Promise<TestHub>;
  /** Stop and delete the data directory. */
  dispose(): Promise<void>;
}

/** The device token of a demo screen in a test hub (the hub keeps only its hash, as for any paired screen). */
export function screenToken(screenId: string): string {
  return `test-device-token-${screenId}`;
}

/** A wall screen's address with its device token (in the fragment, which never reaches the server). */
export function screenPath(screenId: string): string {
  return `/screen/?id=${screenId}#token=${screenToken(screenId)}`;
}

/** A data dir holding the demo site plus `viewer` and `staff` users, so every role can be tested, and screens paired with known tokens. */
async function seedViewer(dataDir: string, config: Config): Promise<Store> {
  const store = await openStore(dataDir, () => seedData(config));
  const createdAt = new Date().toISOString();
  const users = await Promise.all(
    (['viewer', 'staff'] as const).map(async (role) => ({ username: role, role: role as Role, passwordHash: await hashPassword(PASSWORDS[role]), disabled: false, createdAt })),
  );
  const pairedAt = new Date().toISOString();
  await store.update((data) => {
    data.users.push(...users);
    data.devices = data.site.screens.map((s) => ({ screenId: s.id, tokenHash: hashDeviceToken(screenToken(s.id)), pairedAt, pairedBy: 'test' }));
  });
  return store;
}

/** Overrides that change what a first start seeds or which users it makes: such a hub seeds a data dir of its own. */
const SEEDING_KEYS: (keyof Config)[] = ['seed', 'siteFile', 'wayfindingFile', 'adminPassword', 'officePassword'];

/** A data dir's files (and folders, without bytes), with their modes: the store's files are private to the hub. */
type DataDirFiles = { path: string; mode: number; bytes: Buffer | null }[];

let seeded: Promise<DataDirFiles> | null = null;

/**
 * What a test hub's first start leaves in its data dir before it listens: seedViewer's store, plus the first users
 * (admin and office) as startHub makes them, audited. Made once per test file and written out for each hub, because
 * each of its three password hashes costs a quarter of a second of CPU (scrypt at production cost) and some files
 * start a hub per test. Used only for the default config; startHub then finds the store and the users and seeds
 * nothing, as on any later start. Held in memory, so nothing is left behind in tmp.
 */
function seededFiles(config: Config): Promise<DataDirFiles> {
  seeded ??= (async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'muster-test-seeded-'));
    try {
      const store = await seedViewer(dataDir, { ...config, dataDir });
      const audit = await openAuditLog(dataDir);
      await createFirstUsers({ store, audit }, { admin: config.adminPassword, office: config.officePassword });
      await audit.close();
      const files: DataDirFiles = [];
      for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
        const path = join(entry.parentPath, entry.name);
        const { mode } = await stat(path);
        files.push({ path: relative(dataDir, path), mode: mode & 0o777, bytes: entry.isDirectory() ? null : await readFile(path) });
      }
      return files;
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  })();
  return seeded;
}

async function writeDataDir(dataDir: string, files: DataDirFiles): Promise<void> {
  for (const { path, mode, bytes } of files) {
    const target = join(dataDir, path);
    if (bytes === null) await mkdir(target, { recursive: true, mode });
    else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes, { mode });
    }
    await chmod(target, mode);
  }
}

export async function startTestHub(
  options: { dataDir?: string; port?: number; overrides?: Partial<Config>; /** Serve another build of the browser apps. */ staticRoot?: string } = {},
): Promise<TestHub> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'muster-test-')));
  const config = loadConfig(
    {},
    {
      port: options.port ?? 0,
      host: '127.0.0.1',
      dataDir,
      adminPassword: PASSWORDS.admin,
      officePassword: PASSWORDS.office,
      // Plain HTTP unless a test asks for TLS (tls: 'auto' or tlsCert/tlsKey); then HTTPS on a random port.
      tls: 'off',
      httpsPort: 0,
      ...options.overrides,
    },
  );
  if (!options.dataDir) {
    if (SEEDING_KEYS.some((key) => options.overrides?.[key] !== undefined)) await seedViewer(dataDir, config);
    else await writeDataDir(dataDir, await seededFiles(config));
  }
  const hub = await startHub(config, { staticRoot: options.staticRoot });
  // With tls: 'auto' in the overrides the hub serves HTTPS on hub.port and plain HTTP on hub.localUrl; api() and
  // login() use fetch(), which does not trust a test authority: over HTTPS, pass the CA as tls.test.ts does.
  const origin = `${new URL(hub.url).protocol}//127.0.0.1:${hub.port}`;

  const api: TestHub['api'] = async (path, init = {}) => {
    const headers: Record<string, string> = { Origin: origin, ...init.headers };
    if (init.cookie) headers.Cookie = init.cookie;
    let body: string | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${origin}${path}`, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: tests look at the text
    }
    return { status: response.status, body: parsed };
  };

  const testHub: TestHub = {
    ...hub,
    dataDir,
    origin,
    api,
    async login(username) {
      const response = await fetch(`${origin}/api/session`, {
        method: 'POST',
        headers: { Origin: origin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORDS[username] }),
      });
      if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
      const cookie = response.headers.get('set-cookie') ?? '';
      return cookie.split(';')[0]!;
    },
    async restart() {
      await hub.close();
      // With TLS, hub.port is the HTTPS listener's; the plain-HTTP one for the hub machine keeps its port too.
      const ports = hub.localUrl
        ? { port: Number(new URL(hub.localUrl).port), overrides: { ...options.overrides, httpsPort: hub.port } }
        : { port: hub.port, overrides: options.overrides };
      return startTestHub({ dataDir, ...ports, staticRoot: options.staticRoot });
    },
    async dispose() {
      await hub.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return testHub;
}
