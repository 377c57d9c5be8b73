// Issue 11, item 4: a bad write can never brick the hub. Every write an admin (or the office) can make is sent with
// hostile values in each of its strings and hostile own keys in each of its objects (`__proto__`, `constructor`,
// huge, empty, odd Unicode), starting from a request that succeeds; none may get a 5xx, and after each operation
// the hub is restarted on its data and must start, serve and log in, with no prototype polluted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODE_TONES } from '../../shared/mode-tones.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.dispose();
});

const HOSTILE_STRINGS = ['__proto__', 'constructor', 'toString', '', 'x'.repeat(100_000), '💥\u0000\ud800\u202e﷽ R̶̡', '../../etc/passwd'];
/** Own keys in JSON text (JSON.parse makes `__proto__` an own property, as a hostile client's body would). */
const HOSTILE_KEYS = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}') as object;

/** Copies of `body`, each with one string replaced by a hostile one, or one object given hostile own keys. */
function hostileVariants(body: unknown, limit = 60): unknown[] {
  const variants: unknown[] = [];
  const visit = (value: unknown, replace: (next: unknown) => unknown) => {
    if (variants.length >= limit) return;
    if (typeof value === 'string') for (const hostile of HOSTILE_STRINGS) variants.push(replace(hostile));
    else if (Array.isArray(value)) value.forEach((item, i) => visit(item, (next) => replace(value.map((v, j) => (j === i ? next : v)))));
    else if (value !== null && typeof value === 'object') {
      variants.push(replace(Object.assign(JSON.parse(JSON.stringify(HOSTILE_KEYS)) as object, value)));
      for (const [key, item] of Object.entries(value)) visit(item, (next) => replace({ ...value, [key]: next }));
    }
  };
  visit(body, (next) => next);
  return variants;
}

interface Operation {
  name: string;
  /** The method, path and body of a request that succeeds now; its variants are the hostile ones. */
  valid: (cookie: string) => Promise<{ method: string; path: string; body: unknown }>;
  role: 'admin' | 'office';
}

const OPERATIONS: Operation[] = [
  {
    name: 'PUT /api/site',
    role: 'admin',
    valid: async (cookie) => {
      const { site, version } = (await hub.api('/api/site', { cookie })).body;
      const { name, timeZone, units, languages, defaultLanguage, buildings, zones, destinations } = site;
      return { method: 'PUT', path: '/api/site', body: { baseVersion: version, settings: { name, timeZone, units, languages, defaultLanguage, buildings, zones, destinations } } };
    },
  },
  {
    name: 'PUT /api/wayfinding',
    role: 'admin',
    valid: async (cookie) => {
      const { version, wayfinding } = (await hub.api('/api/wayfinding', { cookie })).body;
      // The first floor only: its points, areas and graph give plenty of strings.
      return { method: 'PUT', path: '/api/wayfinding', body: { baseVersion: version, wayfinding } };
    },
  },
  {
    name: 'PUT /api/content',
    role: 'admin',
    valid: async (cookie) => {
      const { revision } = (await hub.api('/api/content', { cookie })).body;
      const slide = { id: 'picture-day', kind: 'announcement', title: 'Picture day', text: 'Bring **your smile**.', targets: [{ kind: 'all' }], schedule: {}, order: 1, durationSeconds: 10 };
      return { method: 'PUT', path: '/api/content', body: { baseRevision: revision, slides: [slide] } };
    },
  },
  { name: 'POST /api/users', role: 'admin', valid: async () => ({ method: 'POST', path: '/api/users', body: { username: 'newcomer', role: 'viewer' } }) },
  { name: 'PATCH /api/users/:username', role: 'admin', valid: async () => ({ method: 'PATCH', path: '/api/users/viewer', body: { role: 'viewer' } }) },
  {
    name: 'PUT /api/mode-wordings/:mode/:language',
    role: 'admin',
    valid: async () => ({ method: 'PUT', path: '/api/mode-wordings/hold/es', body: { directive: 'En su salón.', students: ['Quédense en el salón.'], staff: ['Cierren la puerta.'] } }),
  },
  { name: 'PUT /api/mode-tones', role: 'admin', valid: async () => ({ method: 'PUT', path: '/api/mode-tones', body: DEFAULT_MODE_TONES }) },
  { name: 'PUT /api/screens/:screenId/sound', role: 'admin', valid: async () => ({ method: 'PUT', path: '/api/screens/gym/sound', body: { sound: false } }) },
  {
    name: 'POST /api/sweeps',
    role: 'admin',
    valid: async (cookie) => {
      await endSweeps(cookie);
      return { method: 'POST', path: '/api/sweeps', body: { buildingId: 'annex', floorId: 'annex-1', minutes: 5 } };
    },
  },
  {
    name: 'PUT /api/sweeps/codes/:code/finding',
    role: 'admin',
    valid: async (cookie) => {
      await endSweeps(cookie);
      // The code is shown only on the screen: a screen of the annex is connected to read it.
      const screen = await TestSocket.screen(hub.origin, 'annex-hall');
      expect((await hub.api('/api/sweeps', { method: 'POST', cookie, body: { buildingId: 'annex' } })).status).toBe(200);
      const { code } = await screen.next('sweep');
      screen.close();
      return { method: 'PUT', path: `/api/sweeps/codes/${code}/finding`, body: { failed: ['map-facing'], note: 'The map is upside down.' } };
    },
  },
  { name: 'POST /api/hazards', role: 'office', valid: async () => ({ method: 'POST', path: '/api/hazards', body: { blocked: true, areaIds: ['m1-east-hall-end'], exitPoiIds: ['exit-east-doors'] } }) },
  {
    name: 'POST /api/modes',
    role: 'office',
    valid: async () => ({ method: 'POST', path: '/api/modes', body: { mode: 'evacuate', scope: { kind: 'zone', zoneId: 'gym' }, drill: true, destination: 'North athletic field', note: 'Keep the halls clear.' } }),
  },
  {
    name: 'PATCH /api/documents/:id',
    role: 'admin',
    valid: async (cookie) => {
      const uploaded = await hub.api('/api/documents?title=Plan&category=other', { method: 'POST', cookie, rawBody: '%PDF-1.4\n%%EOF\n', headers: { 'Content-Type': 'application/pdf' } });
      expect(uploaded.status).toBe(200);
      return { method: 'PATCH', path: `/api/documents/${uploaded.body.document.id}`, body: { title: 'Renamed' } };
    },
  },
];

/** Ends every readiness sweep running, so a new one may start. */
async function endSweeps(cookie: string): Promise<void> {
  for (const sweep of (await hub.api('/api/sweeps', { cookie })).body.running) await hub.api(`/api/sweeps/${sweep.id}`, { method: 'DELETE', cookie });
}

describe('hostile values in every write', () => {
  for (const operation of OPERATIONS) {
    it(`${operation.name}: never a 5xx, and the hub starts again on what it stored`, { timeout: 120_000 }, async () => {
      const cookie = await hub.login(operation.role);
      const base = await operation.valid(cookie);
      const send = (body: unknown) => hub.api(base.path, { method: base.method, cookie, body });
      const serverErrors: string[] = [];
      const variants = hostileVariants(base.body);
      expect(variants.length).toBeGreaterThan(0);
      for (const body of variants) {
        const { status, body: answer } = await send(body);
        if (status >= 500) serverErrors.push(`${status} ${JSON.stringify(answer).slice(0, 200)} for ${JSON.stringify(body).slice(0, 200)}`);
      }
      expect(serverErrors).toEqual([]);
      // The request the variants came from still works, so they were near enough to reach the store.
      const fresh = await operation.valid(cookie);
      expect((await hub.api(fresh.path, { method: fresh.method, cookie, body: fresh.body })).status).toBeLessThan(300);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      hub = await hub.restart();
      const admin = await hub.login('admin');
      expect((await hub.api('/api/site', { cookie: admin })).status).toBe(200);
      expect((await hub.api('/api/state', { cookie: admin })).status).toBe(200);
      if ((await hub.api('/api/state', { cookie: admin })).body.modes?.length) {
        await hub.api('/api/all-clear', { method: 'POST', cookie: admin, body: { scope: { kind: 'site' }, drill: true } });
      }
    });
  }
});
