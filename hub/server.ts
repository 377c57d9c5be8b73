// startHub(config): open the store, build the app and listen. Used by main.ts, the tests and the benchmark.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import { DEFAULT_PRIORITY } from '../shared/modes.ts';
import { SiteSchema, type Site } from '../shared/model.ts';
import { MAX_FRAME_BYTES } from '../shared/protocol.ts';
import { createApp } from './app.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import { Sessions } from './auth/sessions.ts';
import { initialUsers, type InitialPassword } from './auth/users.ts';
import { PROJECT_ROOT, type Config } from './config.ts';
import { BuildingPlans } from './domain/building-plans.ts';
import { createEvacuationDiagrams } from './diagrams/evacuation-diagrams.ts';
import { PdfRenderer } from './diagrams/pdf-renderer.ts';
import { createFloorPlanOperations } from './domain/floor-plans.ts';
import { createHazardOperations } from './domain/hazards.ts';
import { createModeOperations } from './domain/modes.ts';
import { RealtimeHub } from './realtime/realtime-hub.ts';
import { openAuditLog } from './store/audit-log.ts';
import { MAPS_DIR, seedData, seedMapImages } from './store/seed.ts';
import { openStore } from './store/store.ts';

export const STATIC_ROOT = resolve(PROJECT_ROOT, 'dist/display');

export interface RunningHub {
  url: string;
  port: number;
  build: string;
  /** Users created on this start, with their passwords (to show once). */
  createdUsers: InitialPassword[];
  /** The committed site (it may have changed since the seed file). */
  site(): Site;
  /** Every HTTP route the app answers (method and path pattern), for audits such as the authorization matrix. */
  routes: { method: string; path: string }[];
  close(): Promise<void>;
}

function readBuildId(staticRoot: string): string {
  try {
    return (JSON.parse(readFileSync(resolve(staticRoot, 'build.json'), 'utf8')) as { build: string }).build;
  } catch {
    return 'unbuilt';
  }
}

export async function startHub(config: Config, options: { staticRoot?: string } = {}): Promise<RunningHub> {
  const staticRoot = options.staticRoot ?? STATIC_ROOT;
  const store = await openStore(config.dataDir, () => seedData(config));
  await seedMapImages(config, store.data.wayfinding);
  const audit = await openAuditLog(config.dataDir);
  const { users, created } = await initialUsers(store.data.users, { admin: config.adminPassword, office: config.officePassword });
  if (users.length > 0) {
    await store.update((data) => void data.users.push(...users));
    for (const user of created) {
      await audit.append({ at: new Date().toISOString(), who: 'system', role: 'system', from: 'local', action: 'user.created', detail: `${user.username} (${user.role})` });
    }
  }

  const build = readBuildId(staticRoot);
  const plans = new BuildingPlans(() => store.data.site, () => store.data.wayfinding);
  const pdfRenderer = new PdfRenderer();
  const realtime = new RealtimeHub({
    build,
    heartbeatMs: config.heartbeatMs,
    priority: DEFAULT_PRIORITY,
    site: () => store.data.site,
    modeState: () => store.data.modeState,
    planFor: (buildingId) => plans.forBuilding(buildingId),
  });
  const sessionMaxAgeMs = config.sessionMaxHours * 3600_000;
  const sessions = new Sessions(store, { idleMs: config.sessionIdleMinutes * 60_000, maxAgeMs: sessionMaxAgeMs });
  const app = createApp({
    store,
    audit,
    sessions,
    throttle: new LoginThrottle({ maxFailures: 5, lockMs: 60_000 }),
    realtime,
    modes: createModeOperations({ store, audit, realtime }),
    hazards: createHazardOperations({ store, audit, realtime }),
    floorPlans: createFloorPlanOperations({ store, audit, realtime, mapsDir: join(config.dataDir, MAPS_DIR) }),
    diagrams: createEvacuationDiagrams({ store, renderer: pdfRenderer, mapsDir: join(config.dataDir, MAPS_DIR) }),
    mapsDir: join(config.dataDir, MAPS_DIR),
    build,
    sessionMaxAgeMs,
    staticRoot,
    startedAt: Date.now(),
  });

  // Per-message deflate stays off (the ws default): it costs CPU and fragments memory for tiny frames.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } }, () => resolveServer(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  return {
    url: `http://${host}:${port}`,
    port,
    build,
    createdUsers: created,
    site: () => store.data.site,
    // Middleware registrations show up as ALL; only real endpoints are listed.
    routes: [...new Map(app.routes.filter((r) => r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }])).values()],
    async close() {
      realtime.close();
      wss.close();
      await new Promise<void>((done) => {
        server.close(() => done());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await audit.close();
      await pdfRenderer.close();
    },
  };
}
