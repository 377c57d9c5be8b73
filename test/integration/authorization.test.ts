// The authorization matrix: every HTTP route the hub answers, called by every kind of caller, must allow exactly
// the roles listed here, and every WebSocket message likewise. A route added without an entry fails this test.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_MODE_TONES } from '../../shared/mode-tones.ts';
import { PROTOCOL_VERSION, type ClientMessage } from '../../shared/protocol.ts';
import { startTestHub, type TestHub, screenToken } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

type Caller = 'none' | 'staff' | 'viewer' | 'office' | 'admin';
const CALLERS: readonly Caller[] = ['none', 'staff', 'viewer', 'office', 'admin'];
const EVERYONE: readonly Caller[] = CALLERS;
/** Every account: staff accounts (training only) included. */
const LOGGED_IN: readonly Caller[] = ['staff', 'viewer', 'office', 'admin'];
/** The accounts that use the office and admin consoles. */
const STAFF: readonly Caller[] = ['viewer', 'office', 'admin'];
const OPERATORS: readonly Caller[] = ['office', 'admin'];
const ADMINS: readonly Caller[] = ['admin'];

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64').toString('latin1');

interface Entry {
  allowed: readonly Caller[];
  /** The request to make; by default the route's path with no body. */
  path?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Tested elsewhere, with the reason. */
  skip?: string;
}

/** Every route, by "METHOD /path": who may call it, and a request that passes validation when allowed. */
const MATRIX: Record<string, Entry> = {
  'GET /healthz': { allowed: EVERYONE },
  'POST /api/session': { allowed: EVERYONE, body: { username: 'viewer', password: 'viewer-pass-123' } },
  'GET /api/session': { allowed: LOGGED_IN },
  'DELETE /api/session': { allowed: EVERYONE, skip: 'logging out ends the caller’s session; covered in auth.test.ts' },
  'POST /api/session/password': { allowed: LOGGED_IN, skip: 'changing a password ends the caller’s sessions; covered in auth.test.ts' },
  'GET /api/site': { allowed: STAFF },
  // Based on a version that is not current: an admin gets past the role check to a 409, and nothing changes.
  'PUT /api/site': {
    allowed: ADMINS,
    body: { baseVersion: 'not-current', settings: { name: 'X', timeZone: 'America/Chicago', units: 'feet', languages: ['en', 'es'], defaultLanguage: 'en', buildings: [], zones: [], destinations: [] } },
  },
  'GET /api/site/export': { allowed: ADMINS },
  // Not a site file: an admin gets past the role check to a 400, and nothing is imported.
  'POST /api/site/import': { allowed: ADMINS, body: { format: 'not-a-site-file' } },
  'GET /api/state': { allowed: STAFF },
  'POST /api/modes': { allowed: OPERATORS, body: { mode: 'hold', scope: { kind: 'zone', zoneId: 'gym' }, drill: true } },
  'POST /api/all-clear': { allowed: OPERATORS, body: { scope: { kind: 'zone', zoneId: 'gym' }, drill: true } },
  'POST /api/hazards': { allowed: OPERATORS, body: { blocked: false, areaIds: ['m1-east-hall-end'] } },
  'GET /api/wayfinding': { allowed: STAFF },
  'PUT /api/wayfinding': { allowed: ADMINS, body: { baseVersion: 'not-current', wayfinding: { floors: [], links: [], screens: [] } } },
  'POST /api/maps': { allowed: ADMINS, path: '/api/maps?floor=main-1', rawBody: PNG_1X1, headers: { 'Content-Type': 'image/png' } },
  'GET /api/readiness': { allowed: STAFF },
  'GET /api/users': { allowed: ADMINS },
  // A user made just for these rows, so no other caller's session or role changes; the rows after it act on that
  // user (run alone, they answer 404 for it, which still shows the admin got past the role check).
  'POST /api/users': { allowed: ADMINS, body: { username: 'matrix-user', role: 'viewer' } },
  'PATCH /api/users/:username': { allowed: ADMINS, path: '/api/users/matrix-user', body: { role: 'office' } },
  'POST /api/users/:username/password': { allowed: ADMINS, path: '/api/users/matrix-user/password', body: {} },
  'POST /api/screens/pair': { allowed: ADMINS, body: { code: 'AAA-AAA', name: 'Library', buildingId: 'main', floorId: 'main-1', zoneId: null, location: 'By the desk' } },
  'DELETE /api/screens/:screenId/pairing': { allowed: ADMINS, path: '/api/screens/no-such-screen/pairing' },
  'POST /api/screens/:screenId/link': { allowed: ADMINS, path: '/api/screens/no-such-screen/link' },
  'GET /api/screens/:screenId/preview': { allowed: STAFF, path: '/api/screens/gym/preview?mode=lockdown' },
  'POST /api/screens/:screenId/preview': { allowed: ADMINS, path: '/api/screens/gym/preview', body: { mode: 'now', slides: [] } },
  'POST /api/screens/:screenId/identify': { allowed: ADMINS, path: '/api/screens/no-such-screen/identify' },
  'POST /api/screens/:screenId/reload': { allowed: ADMINS, path: '/api/screens/no-such-screen/reload' },
  'PUT /api/screens/:screenId/sound': { allowed: ADMINS, path: '/api/screens/no-such-screen/sound', body: { sound: false } },
  // Readiness sweeps: no such building, sweep or code, so an admin gets past the role check to a 4xx and nothing changes.
  'GET /api/sweeps': { allowed: STAFF },
  'POST /api/sweeps': { allowed: ADMINS, body: { buildingId: 'no-such-building' } },
  'DELETE /api/sweeps/:sweepId': { allowed: ADMINS, path: '/api/sweeps/000000000000' },
  'GET /api/sweeps/codes/:code': { allowed: ADMINS, path: '/api/sweeps/codes/AAAAA' },
  'POST /api/sweeps/codes/:code/test-tone': { allowed: ADMINS, path: '/api/sweeps/codes/AAAAA/test-tone' },
  'PUT /api/sweeps/codes/:code/finding': { allowed: ADMINS, path: '/api/sweeps/codes/AAAAA/finding', body: { failed: [] } },
  'GET /api/mode-wordings': { allowed: STAFF },
  'GET /api/mode-tones': { allowed: STAFF },
  'PUT /api/mode-tones': { allowed: ADMINS, body: DEFAULT_MODE_TONES },
  'GET /api/content': { allowed: STAFF },
  'PUT /api/content': { allowed: ADMINS, body: { baseRevision: 999, slides: [] } },
  'PUT /api/mode-wordings/:mode/:language': { allowed: ADMINS, path: '/api/mode-wordings/hold/es', body: { directive: 'En su salón.', students: [], staff: [] } },
  'DELETE /api/mode-wordings/:mode/:language': { allowed: ADMINS, path: '/api/mode-wordings/hold/es' },
  'GET /api/diagram': { allowed: STAFF, path: '/api/diagram?screen=no-such-screen' },
  'GET /api/audit': { allowed: OPERATORS },
  'GET /api/audit.csv': { allowed: OPERATORS },
  'GET /api/drill-reports': { allowed: STAFF },
  'GET /api/drill-reports/:seq': { allowed: STAFF, path: '/api/drill-reports/999' },
  'GET /api/drill-reports/:file{[0-9]+\\.csv}': { allowed: STAFF, path: '/api/drill-reports/999.csv' },
  'GET /api/compliance': { allowed: STAFF },
  'PUT /api/compliance': { allowed: ADMINS, body: { ruleSetId: 'us-ny' } },
  'GET /api/compliance/drill-log.csv': { allowed: STAFF },
  'GET /api/compliance/drill-log.pdf': { allowed: STAFF },
  // After-action reports of change 999, which does not exist: the allowed roles get 404 past the role check.
  'GET /api/after-action/open-actions': { allowed: STAFF },
  'GET /api/after-action/:seq': { allowed: STAFF, path: '/api/after-action/999' },
  'GET /api/after-action/:file{[0-9]+\\.pdf}': { allowed: STAFF, path: '/api/after-action/999.pdf' },
  'POST /api/after-action/:seq/observations': { allowed: OPERATORS, path: '/api/after-action/999/observations', body: { text: 'Matrix' } },
  'DELETE /api/after-action/observations/:id': { allowed: OPERATORS, path: '/api/after-action/observations/000000000000' },
  'POST /api/after-action/:seq/actions': { allowed: OPERATORS, path: '/api/after-action/999/actions', body: { text: 'Matrix', owner: 'office', due: '2099-01-05' } },
  'PATCH /api/after-action/actions/:id': { allowed: OPERATORS, path: '/api/after-action/actions/000000000000', body: { status: 'done' } },
  'DELETE /api/after-action/actions/:id': { allowed: OPERATORS, path: '/api/after-action/actions/000000000000' },
  'POST /api/compliance/scheduled': { allowed: OPERATORS, body: { day: '2099-01-05', kind: 'lockdown' } },
  'DELETE /api/compliance/scheduled/:id': { allowed: OPERATORS, path: '/api/compliance/scheduled/000000000000' },
  'GET /api/training': { allowed: LOGGED_IN },
  'PUT /api/training/places': { allowed: LOGGED_IN, body: { places: [] } },
  // No places chosen yet: every account gets past the role check to a 400 ("pick the places you work first").
  'POST /api/training/answers': { allowed: LOGGED_IN, body: { exerciseId: 'mode:secure', answer: 'a' } },
  'GET /api/training/people': { allowed: ADMINS },
  'GET /api/training/people.csv': { allowed: ADMINS },
  'PUT /api/training/settings': { allowed: ADMINS, body: { validityMonths: 12 } },
  'GET /maps/:file': { allowed: LOGGED_IN, path: '/maps/main-1.svg' },
  'GET /content-images/:id': { allowed: LOGGED_IN, path: '/content-images/00000000000000000000000000000000' },
  'GET /api/documents': { allowed: STAFF },
  'POST /api/documents': { allowed: ADMINS, path: '/api/documents?title=Matrix&category=other', rawBody: '%PDF-1.4\n%%EOF\n', headers: { 'Content-Type': 'application/pdf' } },
  // No such document: the allowed roles get 404, which still shows they got past the role check.
  'GET /api/documents/:id': { allowed: STAFF, path: '/api/documents/00000000000000000000000000000000' },
  'PUT /api/documents/:id/file': { allowed: ADMINS, path: '/api/documents/00000000000000000000000000000000/file', rawBody: '%PDF-1.4\n%%EOF\n', headers: { 'Content-Type': 'application/pdf' } },
  'PATCH /api/documents/:id': { allowed: ADMINS, path: '/api/documents/00000000000000000000000000000000', body: { title: 'Renamed' } },
  'DELETE /api/documents/:id': { allowed: ADMINS, path: '/api/documents/00000000000000000000000000000000' },
  'POST /api/screens/session': { allowed: EVERYONE, skip: 'authenticated by the device token, not a role; covered in pairing.test.ts' },
  // Integrations: admins set them up (no such integration: 404 past the role check); events prove themselves.
  'GET /api/integrations': { allowed: ADMINS },
  'POST /api/integrations': { allowed: ADMINS, body: { name: 'Matrix', auth: 'bearer', modes: ['hold'], ceiling: { kind: 'site' }, drillOnly: true, allowedAddresses: [] } },
  'PATCH /api/integrations/:id': { allowed: ADMINS, path: '/api/integrations/000000000000', body: { enabled: false } },
  'POST /api/integrations/:id/secret': { allowed: ADMINS, path: '/api/integrations/000000000000/secret' },
  'POST /api/integrations/:id/test': { allowed: ADMINS, path: '/api/integrations/000000000000/test' },
  'GET /api/integrations/:id/deliveries': { allowed: ADMINS, path: '/api/integrations/000000000000/deliveries' },
  'DELETE /api/integrations/:id': { allowed: ADMINS, path: '/api/integrations/000000000000' },
  'POST /api/integrations/:id/events': { allowed: EVERYONE, skip: 'authenticated by the integration’s signature or key, not a role; covered in integrations.test.ts' },
  'POST /api/integrations/:id/cap': { allowed: EVERYONE, skip: 'authenticated by the integration’s key or signature, not a role; covered in cap-intake.test.ts' },
  'GET /api/cap/feed': { allowed: EVERYONE, skip: 'authenticated by an integration key, not a role; covered in cap-feed.test.ts' },
  'GET /api/cap/alerts/:identifier': { allowed: EVERYONE, skip: 'authenticated by an integration key, not a role; covered in cap-feed.test.ts' },
  'GET /api/weather': { allowed: ADMINS },
  'PUT /api/weather': { allowed: ADMINS, body: { feedUrl: '', areaCodes: [], rules: [{ event: 'Tornado Warning', hazard: 'tornado' }], autoStart: false, pollSeconds: 60 } },
  'POST /api/weather/check': { allowed: ADMINS },
  'GET /api/weather/alerts': { allowed: STAFF },
  // Procedure acknowledgement: every account reads and acknowledges its own (an old version: 409 past the role
  // check; a document not required: 404); only an admin chooses what is required and sees who has read what.
  'GET /api/acknowledgements/mine': { allowed: LOGGED_IN },
  'POST /api/acknowledgements/mine': { allowed: LOGGED_IN, body: { procedure: 'mode:lockdown', version: 'AAAAAAAAAAAAAAAA' } },
  'GET /api/acknowledgements/documents/:id': { allowed: LOGGED_IN, path: '/api/acknowledgements/documents/00000000000000000000000000000000' },
  'GET /api/acknowledgements': { allowed: ADMINS },
  'PUT /api/acknowledgements/required': { allowed: ADMINS, body: { modes: ['hold', 'secure', 'lockdown', 'evacuate', 'shelter'], documents: [] } },
  'GET /api/acknowledgements/report.csv': { allowed: ADMINS },
  'GET /': { allowed: EVERYONE },
  'GET /screen': { allowed: EVERYONE },
  'GET /console': { allowed: EVERYONE },
  'GET /admin': { allowed: EVERYONE },
  'GET /training': { allowed: EVERYONE },
  // Setting up kiosks: public (the authority's certificate is public; a hub on plain HTTP answers 404 for it).
  'GET /ca.crt': { allowed: EVERYONE },
  'GET /kiosk': { allowed: EVERYONE },
  'GET /kiosk/': { allowed: EVERYONE },
  'GET /kiosk/:file': { allowed: EVERYONE, path: '/kiosk/install.sh' },
};

let hub: TestHub;
const cookies: Partial<Record<Caller, string>> = {};

beforeAll(async () => {
  hub = await startTestHub();
  for (const caller of ['staff', 'viewer', 'office', 'admin'] as const) cookies[caller] = await hub.login(caller);
});
afterAll(async () => {
  await hub?.dispose();
});

function request(entry: Entry, route: string, caller: Caller, origin?: string) {
  const [method] = route.split(' ') as [string];
  return hub.api(entry.path ?? route.slice(method.length + 1), {
    method,
    cookie: cookies[caller],
    body: entry.body,
    rawBody: entry.rawBody,
    headers: { ...entry.headers, ...(origin ? { Origin: origin } : {}) },
  });
}

describe('HTTP authorization matrix', () => {
  it('has an entry for every route the hub answers, and no entry for a route that is gone', () => {
    const routes = hub.routes.map((r) => `${r.method} ${r.path}`);
    expect(routes.filter((route) => !(route in MATRIX)), 'routes without an entry in MATRIX').toEqual([]);
    expect(Object.keys(MATRIX).filter((route) => !routes.includes(route)), 'MATRIX entries for routes that no longer exist').toEqual([]);
  });

  for (const [route, entry] of Object.entries(MATRIX)) {
    if (entry.skip) continue;
    it(`${route}: allows ${entry.allowed.join(', ')} and refuses the others`, async () => {
      for (const caller of CALLERS) {
        const { status, body } = await request(entry, route, caller);
        if (entry.allowed.includes(caller)) {
          expect([401, 403], `${caller} must be allowed (${JSON.stringify(body).slice(0, 120)})`).not.toContain(status);
        } else {
          expect(status, `${caller} must be refused`).toBe(caller === 'none' ? 401 : 403);
          expect(body.error.code).toBe(caller === 'none' ? 'unauthenticated' : 'forbidden');
        }
      }
    });
  }

  // Issue 11, F9: a page on a name pointed at the hub (DNS rebinding) sends a Host and an Origin that match.
  it('refuses every route for a name the hub does not answer to, even with an admin session and a matching Origin', async () => {
    const foreign = `rebind.example:${hub.port}`;
    for (const [route, entry] of Object.entries(MATRIX)) {
      const [method] = route.split(' ') as [string];
      const path = entry.path ?? route.slice(method.length + 1).replace(/:(\w+)(\{[^}]*\})?/g, 'x');
      const body = entry.rawBody ?? (entry.body === undefined ? undefined : JSON.stringify(entry.body));
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: hub.port,
            method,
            path,
            headers: { Host: foreign, Origin: `http://${foreign}`, Cookie: cookies.admin!, 'Content-Type': 'application/json', ...entry.headers },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode!));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      expect(status, route).toBe(421);
    }
  });

  it('refuses every state-changing request from another site, even with a valid admin session', async () => {
    const writes = Object.entries(MATRIX).filter(([route, entry]) => !route.startsWith('GET ') && !entry.skip);
    expect(writes.length).toBeGreaterThanOrEqual(6);
    for (const [route, entry] of writes) {
      const { status, body } = await request(entry, route, 'admin', 'https://evil.example');
      expect(status, route).toBe(403);
      expect(body.error.code, route).toBe('bad_origin');
    }
  });
});

describe('WebSocket message matrix', () => {
  const hello = (screenId: string): ClientMessage => ({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId, token: screenToken(screenId), lastSeq: 0 });
  const consoleHello: ClientMessage = { type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'test' };
  const receipt: ClientMessage = { type: 'receipt', seq: 0, activeSeq: 0, mode: 'normal', drill: false };
  const health: ClientMessage = { type: 'health', sound: 'ok' };

  async function open(caller: Caller): Promise<TestSocket> {
    return TestSocket.connect(hub.origin, { cookie: cookies[caller] });
  }

  it('lets only the consoles\' accounts follow the live state; a staff account is refused, anyone else told to log in', async () => {
    for (const caller of CALLERS) {
      const socket = await open(caller);
      socket.send(consoleHello);
      if (caller === 'none') {
        expect((await socket.next('error')).code).toBe('unauthenticated');
        expect(await socket.closed).toBe(4001);
      } else if (caller === 'staff') {
        expect((await socket.next('error')).code).toBe('forbidden');
        expect(await socket.closed).toBe(4001);
        expect(socket.messages.some((m) => m.type === 'welcome' || m.type === 'state')).toBe(false);
      } else {
        expect((await socket.next('welcome')).user?.role).toBe(caller);
        await socket.next('state');
        socket.close();
      }
    }
  });

  it('accepts receipts and health only from a screen after its hello, and answers pings from anyone', async () => {
    for (const caller of CALLERS) {
      const socket = await open(caller);
      socket.send(receipt);
      expect((await socket.next('error')).code, caller).toBe('bad_request');
      socket.send(health);
      expect((await socket.next('error')).code, caller).toBe('bad_request');
      socket.send({ type: 'ping', t: 42 });
      expect((await socket.next('pong')).t).toBe(42);
      socket.close();
    }
    const screen = await open('none');
    screen.send(hello('gym'));
    await screen.next('welcome');
    screen.send(receipt);
    screen.send(health);
    screen.send({ type: 'ping', t: 7 });
    await screen.next('pong');
    expect(screen.messages.filter((m) => m.type === 'error')).toEqual([]);
    screen.close();
  });

  it('refuses the upgrade itself to every caller for a name the hub does not answer to', async () => {
    for (const caller of CALLERS) {
      const headers: Record<string, string> = { Host: `rebind.example:${hub.port}`, Origin: `http://rebind.example:${hub.port}` };
      if (cookies[caller]) headers.Cookie = cookies[caller]!;
      const socket = new WebSocket(`ws://127.0.0.1:${hub.port}/ws`, { headers });
      const status = await new Promise<number>((resolve, reject) => {
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode!));
        socket.once('open', () => reject(new Error(`${caller}: the upgrade was accepted`)));
        socket.once('error', reject);
      });
      expect(status, caller).toBe(421);
    }
  });

  it('offers a pairing code to anyone (a new screen has no login), within the per-address limit', async () => {
    for (const caller of CALLERS) {
      const socket = await open(caller);
      socket.send({ type: 'pair-request', protocol: PROTOCOL_VERSION, build: 'test' });
      expect((await socket.next('pairing-code')).code, caller).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
      socket.send(receipt);
      expect((await socket.next('error')).code, caller).toBe('bad_request');
      socket.close();
    }
  });

  it('refuses a second hello and an unknown screen', async () => {
    const socket = await open('none');
    socket.send(hello('gym'));
    await socket.next('welcome');
    socket.send(consoleHello);
    expect((await socket.next('error')).code).toBe('bad_request');
    socket.close();
    const stranger = await open('none');
    stranger.send(hello('no-such-screen'));
    expect((await stranger.next('error')).code).toBe('unknown_screen');
    expect(await stranger.closed).toBe(4004);
  });
});
