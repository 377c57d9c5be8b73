// Child process entry: runs one real hub (startHub) on 127.0.0.1 so the simulated screens live in another process.
// Started by server-child.ts with a JSON argument: { dataDir, siteFile, adminPassword, officePassword } and optionally
// `port` (a restarted hub takes the port its predecessor had, so screens find it again) and `watchSockets`. Without
// `siteFile` it runs the demo school, floor plans included. It serves the browser apps from dist/display, or from
// MUSTER_STATIC_ROOT (hub/server.ts), which it inherits from the bench's environment.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '../hub/config.ts';
import { hashDeviceToken } from '../hub/auth/device-tokens.ts';
import type { Config } from '../hub/config.ts';
import { startHub } from '../hub/server.ts';
import { seedData } from '../hub/store/seed.ts';
import { openStore } from '../hub/store/store.ts';
import { benchScreenToken } from './bench-tokens.ts';
import { serveParent, sharedClockNow, type ChildToParent } from './ipc-messages.ts';
import { watchHubSockets } from './socket-watch.ts';

interface HubArgs {
  dataDir: string;
  /** A generated site (site-file.ts); absent for the demo school. */
  siteFile?: string;
  adminPassword: string;
  officePassword: string;
  /** The hub's heartbeat; config/defaults.json's when absent. */
  heartbeatMs?: number;
  /** 0 (default) for any free port. */
  port?: number;
  /** Record send-queue figures for the parent (socket-watch.ts). */
  watchSockets?: boolean;
}

const HOST = '127.0.0.1';
/** A killed predecessor's port is normally free at once; this covers a slow kernel without hanging the bench. */
const BIND_RETRY_MS = 5000;

const send = (message: ChildToParent) => process.send?.(message);

/** Wait until `port` can be bound. startHub opens the store and audit log before it listens and does not undo
 * that when listening fails, so the port is probed first rather than startHub retried. */
async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + BIND_RETRY_MS;
  for (;;) {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const probe = createServer();
      probe.once('error', resolve);
      probe.listen(port, HOST, () => probe.close(() => resolve(null)));
    });
    if (!error) return;
    if (error.code !== 'EADDRINUSE' || Date.now() > deadline) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every screen of the site paired with a token the bench's screens know (a restarted hub keeps them). */
async function pairBenchScreens(config: Config): Promise<void> {
  const store = await openStore(config.dataDir, () => seedData(config));
  const pairedAt = new Date().toISOString();
  if (store.data.devices.every((d) => d.pairedBy === 'bench') && store.data.devices.length === store.data.site.screens.length) return;
  await store.update((data) => {
    data.devices = data.site.screens.map((s) => ({ screenId: s.id, tokenHash: hashDeviceToken(benchScreenToken(s.id)), pairedAt, pairedBy: 'bench' }));
  });
}

try {
  const { port = 0, watchSockets = false, siteFile, ...args } = JSON.parse(process.argv[2] ?? '{}') as HubArgs;
  const sockets = watchSockets ? watchHubSockets() : null;
  if (port !== 0) await waitForPort(port);
  // An empty environment: a developer's MUSTER_* variables must not change what is measured.
  // A generated site has no floor plans: a plan file that does not exist means none (the demo's would not fit).
  // The demo school is defaults.json's, with its plans.
  const site = siteFile ? { siteFile, wayfindingFile: join(args.dataDir, 'no-floor-plans.json') } : {};
  // Plain HTTP: the simulated screens speak ws://, and the figures compare with a bare ws broadcast.
  const config = loadConfig({}, { port, host: HOST, tls: 'off', ...site, ...args });
  await pairBenchScreens(config);
  const hub = await startHub(config);
  const listeningAt = sharedClockNow();
  serveParent(() => hub.close(), sockets);
  send({ type: 'ready', port: hub.port, listeningAt });
} catch (error) {
  send({ type: 'failed', message: `hub did not start: ${(error as Error).stack ?? String(error)}` });
  process.exit(1);
}
