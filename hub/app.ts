// createApp(deps): the HTTP and WebSocket surface of the hub, one sub-app per resource. `AppType` types the consoles' client.
import { existsSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import { errorBody } from '../shared/errors.ts';
import { mayUseConsoles } from '../shared/model.ts';
import { ApiError } from './api-error.ts';
import { knownHost, type HubNames } from './auth/hub-names.ts';
import { sameOriginWrites, sessionUser, type HubEnv } from './auth/middleware.ts';
import type { Sessions } from './auth/sessions.ts';
import type { KnownDevices } from './auth/known-devices.ts';
import type { AcknowledgementOperations } from './acknowledgements/acknowledgement-operations.ts';
import type { AccountOperations } from './domain/accounts.ts';
import type { EvacuationDiagrams } from './diagrams/evacuation-diagrams.ts';
import type { PdfRenderer } from './diagrams/pdf-renderer.ts';
import type { AfterActionOperations } from './after-action/after-action-operations.ts';
import type { AfterActionReports } from './after-action/after-action-reports.ts';
import type { DocumentOperations } from './domain/documents.ts';
import type { FloorPlanOperations } from './domain/floor-plans.ts';
import type { HazardOperations } from './domain/hazards.ts';
import type { IntegrationOperations } from './domain/integrations.ts';
import type { ModeOperations } from './domain/modes.ts';
import type { UserOperations } from './domain/users.ts';
import type { ContentOperations } from './domain/content.ts';
import type { ScreenPreviewer } from './domain/screen-preview.ts';
import type { ModeWordingOperations } from './domain/mode-wordings.ts';
import type { ModeToneOperations } from './domain/mode-tones.ts';
import type { ScreenOperations } from './domain/screens.ts';
import type { SiteFileOperations } from './domain/site-file.ts';
import type { SiteOperations } from './domain/site.ts';
import type { InboundEvents } from './integrations/inbound-events.ts';
import type { CapFeed } from './integrations/cap/cap-feed.ts';
import type { Outbox } from './integrations/outbox.ts';
import type { WeatherFeed } from './integrations/weather/weather-feed.ts';
import type { WeatherSettingsOperations } from './domain/weather-settings.ts';
import type { RealtimeHub } from './realtime/realtime-hub.ts';
import { acknowledgementRoutes } from './routes/acknowledgements.ts';
import { auditRoutes } from './routes/audit.ts';
import { capFeedRoutes } from './routes/cap-feed.ts';
import { diagramRoutes } from './routes/diagrams.ts';
import { documentRoutes } from './routes/documents.ts';
import { weatherRoutes } from './routes/weather.ts';
import { drillReportRoutes } from './routes/drill-reports.ts';
import { complianceRoutes } from './routes/compliance.ts';
import { afterActionRoutes } from './routes/after-action.ts';
import type { ComplianceFile } from './compliance/compliance-file.ts';
import type { ReadinessSweeps } from './sweep/readiness-sweeps.ts';
import { sweepRoutes } from './routes/sweeps.ts';
import { trainingRoutes } from './routes/training.ts';
import type { TrainingOperations } from './training/training-operations.ts';
import type { JsonDocument } from './store/json-document.ts';
import { floorPlanRoutes } from './routes/floor-plans.ts';
import { hazardRoutes } from './routes/hazards.ts';
import { integrationRoutes } from './routes/integrations.ts';
import { kioskSetupRoutes, type KioskSetupDeps } from './routes/kiosk-setup.ts';
import { mapRoutes } from './routes/maps.ts';
import { modeRoutes } from './routes/modes.ts';
import { sessionRoutes } from './routes/session.ts';
import { contentImageRoutes, contentRoutes } from './routes/content.ts';
import { modeWordingRoutes } from './routes/mode-wordings.ts';
import { modeToneRoutes } from './routes/mode-tones.ts';
import { deviceCookies, screenRoutes } from './routes/screens.ts';
import { siteRoutes } from './routes/site.ts';
import { stateRoutes } from './routes/state.ts';
import { userRoutes } from './routes/users.ts';
import type { AuditLog } from './store/audit-log.ts';
import type { ReceiptLog } from './store/receipt-log.ts';
import type { Store } from './store/store.ts';

export const MAX_BODY_BYTES = 64 * 1024;

export interface AppDeps {
  store: Store;
  audit: AuditLog;
  /** When each screen first painted each mode, for the drill reports. */
  receipts: ReceiptLog;
  sessions: Sessions;
  /** Login, logout and one's own password. */
  accounts: AccountOperations;
  /** Browsers that logged in before, which an account's lock spares. */
  knownDevices: KnownDevices;
  realtime: RealtimeHub;
  modes: ModeOperations;
  hazards: HazardOperations;
  users: UserOperations;
  screens: ScreenOperations;
  site: SiteOperations;
  siteFile: SiteFileOperations;
  modeWordings: ModeWordingOperations;
  modeTones: ModeToneOperations;
  content: ContentOperations;
  preview: ScreenPreviewer;
  floorPlans: FloorPlanOperations;
  diagrams: EvacuationDiagrams;
  documents: DocumentOperations;
  /** Panic-button and mass-notification systems: their set-up, and the events they send. */
  integrations: IntegrationOperations;
  inboundEvents: InboundEvents;
  outbox: Outbox;
  /** The CAP 1.2 feed of the school's alerts, read by integrations with their key. */
  capFeed: CapFeed;
  /** Weather alerts from a CAP feed: the settings and the feed's poller. */
  weather: { settings: WeatherSettingsOperations; feed: WeatherFeed };
  /** Which procedures staff must acknowledge, and who has (acknowledgements.json). */
  acknowledgements: AcknowledgementOperations;
  /** The drill rule set the school holds its drills to (compliance.json). */
  compliance: JsonDocument<ComplianceFile>;
  /** After-action reports of drills and real events, and their observations and corrective actions (after-action.json). */
  afterAction: { reports: AfterActionReports; operations: AfterActionOperations; usernames: () => readonly string[] };
  /** The hub's Chromium, which prints reports to PDF. */
  printer: Pick<PdfRenderer, 'render'>;
  /** Readiness sweeps: screens show codes, the facility manager checks each one (sweeps.json). */
  sweeps: ReadinessSweeps;
  /** "Know your building": staff exercises, scores and who is current (training.json). */
  training: TrainingOperations;
  /** Where the map images are (inside the data directory). */
  mapsDir: string;
  build: string;
  /** The built browser apps (dist/display); null when not built. */
  staticRoot: string | null;
  /** /ca.crt and the kiosk set-up page and files. */
  kioskSetup: KioskSetupDeps;
  /** The names the hub answers to; a request for any other is refused before anything else runs. */
  names: HubNames;
  startedAt: number;
}

function apiRoutes(deps: AppDeps) {
  return new Hono<HubEnv>()
    .route('/session', sessionRoutes(deps.accounts, deps.knownDevices))
    .route('/site', siteRoutes({ store: deps.store, site: deps.site, siteFile: deps.siteFile }))
    .route('/state', stateRoutes(deps.realtime))
    .route('/users', userRoutes(deps.users))
    .route('/', modeRoutes(deps.modes))
    .route('/', hazardRoutes(deps.hazards))
    .route('/screens', screenRoutes(deps.screens, deps.preview))
    .route('/sweeps', sweepRoutes(deps.sweeps))
    .route('/mode-wordings', modeWordingRoutes(deps.modeWordings))
    .route('/mode-tones', modeToneRoutes(deps.modeTones))
    .route('/content', contentRoutes(deps.content))
    .route('/', floorPlanRoutes(deps.floorPlans, deps.store))
    .route('/', diagramRoutes(deps.diagrams))
    .route('/documents', documentRoutes(deps.documents))
    .route('/integrations', integrationRoutes(deps.integrations, deps.inboundEvents, () => `muster@${deps.store.data.site.id}`, deps.outbox))
    .route('/cap', capFeedRoutes(deps.capFeed))
    .route('/weather', weatherRoutes(deps.weather.settings, deps.weather.feed))
    .route('/', auditRoutes({ audit: deps.audit, site: () => deps.store.data.site }))
    .route('/', drillReportRoutes({ audit: deps.audit, receipts: deps.receipts, site: () => deps.store.data.site }))
    .route('/', complianceRoutes({ file: deps.compliance, audit: deps.audit, site: () => deps.store.data.site, renderer: deps.printer }))
    .route('/', afterActionRoutes(deps.afterAction))
    .route('/acknowledgements', acknowledgementRoutes(deps.acknowledgements, () => deps.store.data.site))
    .route('/training', trainingRoutes(deps.training));
}

/** The API under /api, for `hc<AppType>('/api')` in the consoles. */
export type AppType = ReturnType<typeof apiRoutes>;

/**
 * The pages' policy: their own scripts only, nothing from elsewhere, no plugins, not framed by other sites. Styles
 * may be inline (lit and preact set style attributes); images may be data: or blob: URLs (previews of uploads).
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' blob:",
  "worker-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

export function createApp(deps: AppDeps) {
  const app = new Hono<HubEnv>();

  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false }));
  app.use('*', knownHost(deps.names));
  app.use('/api/*', sameOriginWrites());
  const smallBodies = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large', `Request bodies may be at most ${MAX_BODY_BYTES / 1024} KiB.`);
    },
  });
  // Map and document uploads and whole floor plans have their own, larger limits (routes/floor-plans.ts,
  // routes/documents.ts); every other API body is small.
  const ownLimits = new Set(['/api/maps', '/api/wayfinding', '/api/documents', '/api/content', '/api/site', '/api/site/import']);
  // CAP messages too (routes/integrations.ts): one may carry a recorded announcement. And a document's new file.
  const capPath = /^\/api\/integrations\/[^/]+\/cap$/;
  const documentFilePath = /^\/api\/documents\/[^/]+\/file$/;
  app.use('/api/*', (c, next) => (ownLimits.has(c.req.path) || capPath.test(c.req.path) || documentFilePath.test(c.req.path) ? next() : smallBodies(c, next)));
  app.use('*', sessionUser(deps.sessions));

  // Anyone may ask whether the hub is up (kiosks do, before opening a screen), but only the consoles' accounts learn
  // more: the sequence and the screens online would tell an outsider the moment a Lockdown starts.
  app.get('/healthz', (c) => {
    const user = c.get('user');
    return c.json(
      user && mayUseConsoles(user.role)
        ? {
            ok: true as const,
            build: deps.build,
            seq: deps.store.data.modeState.seq,
            screensOnline: deps.realtime.onlineScreens(),
            uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
          }
        : { ok: true as const },
    );
  });

  app.route('/api', apiRoutes(deps));
  app.route('/', kioskSetupRoutes(deps.kioskSetup));
  /** Staff with a session, or a paired screen with its device cookie (any of the screens its browser profile runs). */
  const staffOrScreen = (c: Context<HubEnv>) => {
    if (c.get('user')) return true;
    return deviceCookies(getCookie(c)).some((device) => deps.screens.access(device.screenId, device.token) === 'ok');
  };
  app.route('/maps', mapRoutes(deps.mapsDir, staffOrScreen));
  app.route('/content-images', contentImageRoutes(deps.documents, () => deps.store.data.content.slides, staffOrScreen));
  app.all('/api/*', () => {
    throw new ApiError('not_found', 'No such API route.');
  });

  if (deps.staticRoot && existsSync(deps.staticRoot)) {
    const root = deps.staticRoot;
    app.get('/', (c) => c.redirect('/console/'));
    for (const appName of ['screen', 'console', 'admin', 'training']) app.get(`/${appName}`, (c) => c.redirect(`/${appName}/`));
    app.use(
      '/*',
      serveStatic({
        root,
        onFound: (path, c) => {
          // Hashed assets never change; everything else (HTML, the service worker) must be revalidated.
          c.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
          if (path.endsWith('.html')) c.header('Content-Security-Policy', PAGE_POLICY);
        },
      }),
    );
  }

  app.notFound((c) => c.json(errorBody('not_found', `Nothing at ${c.req.path}.`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      // A busy hub (password hashing, upload checks) says when to come back.
      if ('retryAfterSeconds' in error && typeof error.retryAfterSeconds === 'number') c.header('Retry-After', String(error.retryAfterSeconds));
      return c.json(errorBody(error.code, error.message), error.status);
    }
    if (error instanceof HTTPException) {
      const code = error.status === 413 ? 'payload_too_large' : /JSON/i.test(error.message) ? 'invalid_json' : 'bad_request';
      return c.json(errorBody(code, error.message || 'Bad request.'), error.status === 413 ? 413 : 400);
    }
    console.error('Unexpected error on', c.req.method, c.req.path, error);
    return c.json(errorBody('internal', 'Something went wrong in the hub; the error was logged.'), 500);
  });
  return app;
}
