// startHub(config): open the store, build the app and listen. Used by main.ts, the tests and the benchmark.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { isIP, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import { DEFAULT_PRIORITY } from '../shared/modes.ts';
import { SiteSchema, type Site } from '../shared/model.ts';
import { MAX_FRAME_BYTES } from '../shared/protocol.ts';
import { createApp } from './app.ts';
import { HubNames } from './auth/hub-names.ts';
import { shedLoginsWhenBusy } from './auth/login-shedding.ts';
import { KnownDevices } from './auth/known-devices.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import { Sessions } from './auth/sessions.ts';
import { PROJECT_ROOT, type Config } from './config.ts';
import { BuildingPlans } from './domain/building-plans.ts';
import { createAcknowledgementOperations } from './acknowledgements/acknowledgement-operations.ts';
import { openAcknowledgementsFile } from './acknowledgements/acknowledgements-file.ts';
import { createAccountOperations, createFirstUsers, type InitialPassword } from './domain/accounts.ts';
import { createContentOperations } from './domain/content.ts';
import { createScreenPreview } from './domain/screen-preview.ts';
import { createModeWordingOperations, wordingsVersion } from './domain/mode-wordings.ts';
import { createModeToneOperations } from './domain/mode-tones.ts';
import { createScreenOperations, type ScreenOperations } from './domain/screens.ts';
import { createSiteFileOperations } from './domain/site-file.ts';
import { createSiteOperations } from './domain/site.ts';
import { createEvacuationDiagrams } from './diagrams/evacuation-diagrams.ts';
import { PdfRenderer } from './diagrams/pdf-renderer.ts';
import { createFloorPlanOperations } from './domain/floor-plans.ts';
import { createDocumentOperations } from './domain/documents.ts';
import { createHazardOperations } from './domain/hazards.ts';
import { createIntegrationOperations } from './domain/integrations.ts';
import { createModeOperations } from './domain/modes.ts';
import { createUserOperations } from './domain/users.ts';
import { openOutbox } from './integrations/outbox.ts';
import { createInboundEvents } from './integrations/inbound-events.ts';
import { createCapFeed } from './integrations/cap/cap-feed.ts';
import { createWeatherFeed } from './integrations/weather/weather-feed.ts';
import { createWeatherSettingsOperations } from './domain/weather-settings.ts';
import { RealtimeHub } from './realtime/realtime-hub.ts';
import { acceptWebSockets, type UpgradeDeps } from './realtime/ws-upgrade.ts';
import { DOCUMENTS_DIR, documentPath } from './documents/document-files.ts';
import { openAuditLog } from './store/audit-log.ts';
import { openIntegrationsFile } from './store/integrations-file.ts';
import { openComplianceFile } from './compliance/compliance-file.ts';
import { openAfterActionFile } from './after-action/after-action-file.ts';
import { createAfterActionOperations } from './after-action/after-action-operations.ts';
import { createAfterActionReports } from './after-action/after-action-reports.ts';
import { openSweepFile } from './sweep/sweep-file.ts';
import { createReadinessSweeps, type ReadinessSweeps } from './sweep/readiness-sweeps.ts';
import { openTrainingFile } from './training/training-file.ts';
import { createTrainingOperations } from './training/training-operations.ts';
import { TrainingPlans } from './training/training-plans.ts';
import { openReceiptLog } from './store/receipt-log.ts';
import { openSessionActivity } from './store/session-activity.ts';
import { MAPS_DIR, seedData, seedMapImages } from './store/seed.ts';
import { openStore } from './store/store.ts';
import { currentMachine, networkUrlOf, prepareHubTls, renewDaily, type HubTls } from './tls/hub-certificate.ts';
import { machineNames } from './tls/machine-names.ts';
import type { TlsCredentials } from './tls/tls-files.ts';

// The shared schemas are written with zod's mini build, which brings no words of its own for what is wrong: the hub
// answers bad input (requests, frames, files) in zod's English.
z.config(z.locales.en());

/**
 * Connections the kernel holds for the hub before it accepts them. When a hub restarts under thousands of screens,
 * they come back within a few seconds; Node's default (511) overflowed at 10,000 screens here, and the kernel drops
 * a SYN it has no room for, which the screen's TCP resends only 1, 3, 7… s later. Linux caps it at
 * net.core.somaxconn (4096 by default since 5.4).
 */
const LISTEN_BACKLOG = 4096;

/** The built browser apps; MUSTER_STATIC_ROOT serves another build (a test run beside a build in progress). */
export const STATIC_ROOT = process.env.MUSTER_STATIC_ROOT ? resolve(process.env.MUSTER_STATIC_ROOT) : resolve(PROJECT_ROOT, 'dist/display');

export interface RunningHub {
  /** https://… on httpsPort when the hub serves TLS, http://… on port otherwise. */
  url: string;
  /** The port of that listener (the one the school network uses). */
  port: number;
  /** With TLS, the plain-HTTP listener on 127.0.0.1:port for the hub machine itself; null without TLS. */
  localUrl: string | null;
  /** The address for kiosks and computers on the school network: MUSTER_PUBLIC_URL, else the machine's name. */
  networkUrl: string;
  /** What HTTPS is served with; null with `tls: off`. */
  tls: HubTls | null;
  build: string;
  /** Users created on this start, with their passwords (to show once). */
  createdUsers: InitialPassword[];
  /** Device tokens of the screens pre-paired on this start (a new data directory), to show once. */
  createdScreenTokens: { screenId: string; token: string }[];
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
  // Made or renewed before anything opens, so a hub that cannot serve HTTPS as configured says so and stops.
  const tls = await prepareHubTls(config);
  let networkUrl = '';
  let createdScreenTokens: { screenId: string; token: string }[] = [];
  const store = await openStore(config.dataDir, () => seedData(config, (tokens) => (createdScreenTokens = tokens)));
  await seedMapImages(config, store.data.wayfinding);
  const audit = await openAuditLog(config.dataDir);
  const receipts = await openReceiptLog(config.dataDir);
  const created = await createFirstUsers({ store, audit }, { admin: config.adminPassword, office: config.officePassword });

  const build = readBuildId(staticRoot);
  const plans = new BuildingPlans(() => store.data.site, () => store.data.wayfinding);
  const pdfRenderer = new PdfRenderer();
  let screenOperations: ScreenOperations | null = null;
  let sweeps: ReadinessSweeps | null = null;
  const realtime = new RealtimeHub({
    screenAccess: (screenId, token) => screenOperations?.access(screenId, token) ?? 'invalid',
    sessionHolds: (key) => sessions.holds(key),
    wordings: () => ({ version: wordingsVersion(store.data.modeWordings), wordings: store.data.modeWordings }),
    tones: () => store.data.modeTones,
    content: () => store.data.content,
    build,
    heartbeatMs: config.heartbeatMs,
    priority: DEFAULT_PRIORITY,
    site: () => store.data.site,
    modeState: () => store.data.modeState,
    planFor: (buildingId) => plans.forBuilding(buildingId),
    onReceipt: (screenId, receipt) => receipts.record(screenId, receipt),
    sweepFor: (screenId) => sweeps?.codeFor(screenId) ?? null,
  });
  screenOperations = createScreenOperations({ store, audit, realtime });
  sweeps = createReadinessSweeps({ file: await openSweepFile(config.dataDir), store, audit, realtime, plans });
  const sessions = new Sessions(store, {
    idleMs: config.sessionIdleMinutes * 60_000,
    maxAgeMs: config.sessionMaxHours * 3600_000,
    maxAgeByRole: { office: config.officeSessionHours * 3600_000 },
    activity: await openSessionActivity(config.dataDir),
  });
  const integrationsFile = await openIntegrationsFile(config.dataDir);
  const compliance = await openComplianceFile(config.dataDir);
  const afterActionFile = await openAfterActionFile(config.dataDir);
  const afterActionReports = createAfterActionReports({ audit, receipts, site: () => store.data.site, file: afterActionFile, renderer: pdfRenderer });
  /** Who may own a corrective action as a user (rather than a name typed in). */
  const usernames = () => store.data.users.filter((u) => !u.disabled).map((u) => u.username);
  // Outbound webhooks hear of each change after the screens (and make up at start for one a crash kept from them).
  const outbox = await openOutbox({ dataDir: config.dataDir, integrations: integrationsFile, modeState: () => store.data.modeState });
  const modes = createModeOperations({ store, audit, realtime, onChanged: outbox.changed });
  const hazards = createHazardOperations({ store, audit, realtime, onChanged: outbox.changed });
  const weatherFeed = createWeatherFeed({ store, audit, modes, publish: (offers) => realtime.publishWeather(offers) });
  const names = hubNames(config, tls);
  const documentsDir = join(config.dataDir, DOCUMENTS_DIR);
  const acknowledgements = createAcknowledgementOperations({
    store,
    file: await openAcknowledgementsFile(config.dataDir),
    audit,
    documentPath: (document) => documentPath(documentsDir, document.id, document.contentType),
  });
  const app = createApp({
    store,
    audit,
    receipts,
    sessions,
    knownDevices: await KnownDevices.open(config.dataDir),
    accounts: createAccountOperations({
      store,
      audit,
      sessions,
      throttle: new LoginThrottle({ maxFailures: 5, lockMs: 60_000 }),
      endConsoles: (username) => realtime.closeConsolesOf(username),
      endSessionConsoles: (sessionKey) => realtime.closeConsolesOfSession(sessionKey),
    }),
    realtime,
    modes,
    hazards,
    users: createUserOperations({
      store,
      audit,
      endConsoles: (username) => realtime.closeConsolesOf(username),
      reconnectConsoles: (username) => realtime.reconnectConsolesOf(username),
    }),
    screens: screenOperations,
    site: createSiteOperations({ store, audit, realtime, integrations: () => integrationsFile.data.integrations }),
    siteFile: createSiteFileOperations({ store, audit, realtime, mapsDir: join(config.dataDir, MAPS_DIR), integrations: () => integrationsFile.data.integrations }),
    modeWordings: createModeWordingOperations({ store, audit, realtime, onChanged: acknowledgements.modeWordingsChanged }),
    modeTones: createModeToneOperations({ store, audit, realtime }),
    content: createContentOperations({ store, audit, realtime }),
    preview: createScreenPreview({ store, plans }),
    floorPlans: createFloorPlanOperations({ store, audit, realtime, mapsDir: join(config.dataDir, MAPS_DIR) }),
    diagrams: createEvacuationDiagrams({ store, renderer: pdfRenderer, mapsDir: join(config.dataDir, MAPS_DIR) }),
    documents: createDocumentOperations({ store, audit, documentsDir }),
    integrations: createIntegrationOperations({ file: integrationsFile, store, audit }),
    outbox,
    inboundEvents: createInboundEvents({ file: integrationsFile, store, modes, hazards, audit }),
    capFeed: createCapFeed({ dataDir: config.dataDir, store, integrations: integrationsFile }),
    weather: { settings: createWeatherSettingsOperations({ store, audit, feed: weatherFeed }), feed: weatherFeed },
    compliance,
    afterAction: {
      reports: afterActionReports,
      operations: createAfterActionOperations({ file: afterActionFile, audit, usernames, changeExists: afterActionReports.exists }),
      usernames,
    },
    printer: pdfRenderer,
    sweeps,
    acknowledgements,
    training: createTrainingOperations({
      file: await openTrainingFile(config.dataDir),
      plans: new TrainingPlans(() => store.data.site, () => store.data.wayfinding),
      data: () => store.data,
      audit,
    }),
    mapsDir: join(config.dataDir, MAPS_DIR),
    build,
    staticRoot,
    names,
    startedAt: Date.now(),
    kioskSetup: { tls: () => tls, networkUrl: () => networkUrl, kioskDir: resolve(PROJECT_ROOT, 'config/kiosk') },
  });

  // With TLS the school network gets HTTPS on httpsPort. Service workers need a secure context, and localhost is
  // one: the hub machine itself keeps plain HTTP on 127.0.0.1:port, which never leaves the machine.
  const upgrades = { names, sessions, realtime };
  const server = await listen(app.fetch, upgrades, { port: tls ? config.httpsPort : config.port, hostname: config.host, tls: tls?.credentials ?? null });
  const localServer = tls
    ? await listen(app.fetch, upgrades, { port: config.port, hostname: '127.0.0.1', tls: null }).catch(async (error: unknown) => {
        await closeServer(server);
        throw error;
      })
    : null;
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  networkUrl = networkUrlOf(config, tls, port);
  weatherFeed.start();
  const stopRenewal =
    tls?.source === 'own' ? renewDaily(config, (credentials) => (server as HttpsServer).setSecureContext({ cert: credentials.cert, key: credentials.key })) : () => {};

  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    localUrl: localServer ? `http://127.0.0.1:${(localServer.address() as AddressInfo).port}` : null,
    networkUrl,
    tls,
    build,
    createdUsers: created,
    createdScreenTokens,
    site: () => store.data.site,
    // Middleware registrations show up as ALL; only real endpoints are listed.
    routes: [...new Map(app.routes.filter((r) => r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }])).values()],
    async close() {
      stopRenewal();
      sweeps.close();
      await weatherFeed.stop();
      realtime.close();
      await Promise.all([closeServer(server), localServer && closeServer(localServer)]);
      await sessions.close();
      await audit.close();
      await receipts.close();
      await outbox.close();
      await pdfRenderer.close();
    },
  };
}

/**
 * The names the hub answers to: localhost, the machine's names, the public URL's host, the school's tlsNames, the
 * names of the certificate it serves, and the host it listens on when that is a name. Any IP address is taken too.
 */
function hubNames(config: Config, tls: HubTls | null): HubNames {
  const listenHost = isIP(config.host) ? [] : [config.host];
  return new HubNames([...machineNames(currentMachine(config)).dnsNames, ...(tls?.credentials.names ?? []), ...listenHost]);
}

/**
 * Listens; HTTPS when given credentials. WebSocket upgrades at /ws are taken before Hono (realtime/ws-upgrade.ts), with
 * the same host, origin and session checks as its routes.
 */
async function listen(
  fetch: Parameters<typeof createAdaptorServer>[0]['fetch'],
  upgrades: UpgradeDeps,
  options: { port: number; hostname: string; tls: TlsCredentials | null },
): Promise<ServerType> {
  // Per-message deflate stays off (the ws default): it costs CPU and fragments memory for tiny frames.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const { port, hostname, tls } = options;
  return new Promise<ServerType>((resolveServer, reject) => {
    const server = tls
      ? createAdaptorServer({ fetch, hostname, createServer: shedding(createHttpsServer), serverOptions: { cert: tls.cert, key: tls.key } })
      : createAdaptorServer({ fetch, hostname, createServer: shedding(createHttpServer) });
    server.on('upgrade', acceptWebSockets(wss, upgrades));
    server.once('close', () => wss.close());
    server.once('error', reject);
    server.listen({ port, host: hostname, backlog: LISTEN_BACKLOG }, () => resolveServer(server));
  });
}

/** node:http's or node:https's createServer, refusing a login flood's excess before Hono sees it (auth/login-shedding.ts). */
function shedding<Create extends typeof createHttpServer | typeof createHttpsServer>(create: Create): Create {
  const make = create as (options: object, listener: RequestListener) => HttpServer;
  return ((options: object, listener: RequestListener) => make(options, shedLoginsWhenBusy(listener))) as Create;
}

async function closeServer(server: ServerType): Promise<void> {
  await new Promise<void>((done) => {
    server.close(() => done());
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}
