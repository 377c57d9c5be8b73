// Child process entry: runs one real hub (startHub) on 127.0.0.1, port 0, so the simulated screens live in another process.
// Started by server-child.ts with a JSON argument: { dataDir, siteFile, adminPassword, officePassword }.
import { join } from 'node:path';
import { loadConfig } from '../hub/config.ts';
import { startHub } from '../hub/server.ts';
import { serveParent, type ChildToParent } from './ipc-messages.ts';

interface HubArgs {
  dataDir: string;
  siteFile: string;
  adminPassword: string;
  officePassword: string;
}

const send = (message: ChildToParent) => process.send?.(message);

try {
  const args = JSON.parse(process.argv[2] ?? '{}') as HubArgs;
  // An empty environment: a developer's MUSTER_* variables must not change what is measured.
  // The generated site has no floor plans: a plan file that does not exist means none (the demo's would not fit).
  const config = loadConfig({}, { port: 0, host: '127.0.0.1', wayfindingFile: join(args.dataDir, 'no-floor-plans.json'), ...args });
  const hub = await startHub(config);
  serveParent(() => hub.close());
  send({ type: 'ready', port: hub.port });
} catch (error) {
  send({ type: 'failed', message: `hub did not start: ${(error as Error).stack ?? String(error)}` });
  process.exit(1);
}
