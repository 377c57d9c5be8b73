// Fuzzing a running hub: thousands of generated malformed WebSocket frames and HTTP bodies (seeded, so a failure
// can be replayed) must cause no crash and no 5xx, and the hub must still serve a real screen correctly after.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { startTestHub, type TestHub, screenToken } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';
import { mulberry32 } from '../helpers/seeded-random.ts';

const WS_FRAMES = 6000;
const HTTP_BODIES = 4000;
const QUERIES = 1500;

const random = mulberry32(0xf022);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const WEIRD_VALUES: readonly unknown[] = [
  null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, '', ' ', 'x'.repeat(5000), '\u0000', '\ud800', '💥', '<script>',
  '../../etc/passwd', 'javascript:alert(1)', [], [[[[]]]], {}, { __proto__: { polluted: true } }, { constructor: { prototype: {} } },
  Array.from({ length: 300 }, (_, i) => i), { type: 'hello' },
];

/** A valid message or body of the kinds the hub takes, to be broken by `mutate`. */
const SEEDS: readonly Record<string, unknown>[] = [
  { type: 'hello', protocol: PROTOCOL_VERSION, build: 'fuzz', screenId: 'gym', token: screenToken('gym'), lastSeq: 0 },
  { type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'fuzz' },
  { type: 'pair-request', protocol: PROTOCOL_VERSION, build: 'fuzz' },
  { type: 'receipt', seq: 1, activeSeq: 1, mode: 'lockdown', drill: true },
  { type: 'ping', t: 1 },
  { mode: 'evacuate', scope: { kind: 'building', buildingId: 'main' }, drill: true, destination: 'North athletic field' },
  { mode: 'shelter', scope: { kind: 'zone', zoneId: 'gym' }, drill: true, hazard: 'tornado' },
  { scope: { kind: 'site' }, drill: true },
  { blocked: true, areaIds: ['m1-east-hall-end'], exitPoiIds: ['exit-east-doors'] },
  { username: 'office', password: 'wrong' },
  { baseVersion: 'x', wayfinding: { floors: [], links: [], screens: [] } },
];

function mutate(value: unknown, depth = 0): unknown {
  if (depth > 3 || value === null || typeof value !== 'object') return random() < 0.7 ? pick(WEIRD_VALUES) : value;
  const copy: Record<string, unknown> = Array.isArray(value) ? { ...value } : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const action = random();
  if (action < 0.3 && keys.length > 0) delete copy[pick(keys)];
  else if (action < 0.6 && keys.length > 0) {
    const key = pick(keys);
    copy[key] = mutate(copy[key], depth + 1);
  } else if (action < 0.8) copy[pick(['type', 'mode', 'scope', 'drill', '__proto__', 'extra', 'seq'])] = pick(WEIRD_VALUES);
  else return pick(WEIRD_VALUES);
  return copy;
}

/** A frame or body: mostly broken JSON of real shapes, sometimes not JSON at all. */
function generate(): string {
  const roll = random();
  if (roll < 0.1) return JSON.stringify(pick(SEEDS)).slice(0, Math.floor(random() * 40)); // cut short
  if (roll < 0.15) return Array.from({ length: Math.floor(random() * 200) }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('');
  if (roll < 0.2) return '['.repeat(5000) + ']'.repeat(5000); // deep nesting
  return JSON.stringify(mutate(pick(SEEDS))) ?? 'null';
}

let hub: TestHub;
let office: string;
let admin: string;

beforeAll(async () => {
  hub = await startTestHub();
  // Logged in before the fuzzing: failed logins in it rightly lock this address out for a while.
  office = await hub.login('office');
  admin = await hub.login('admin');
});
afterAll(async () => {
  await hub?.dispose();
});

describe('fuzzing a running hub', () => {
  it(`survives ${WS_FRAMES} malformed WebSocket frames, answering with typed errors or closing with a named code`, async () => {
    // 4430: pair-requests beyond the per-address limit are closed as too many (issue 11, F10).
    const allowedCloses = new Set([1000, 1005, 1006, 1009, 4000, 4001, 4004, 4008, 4009, 4400, 4429, 4430]);
    let sent = 0;
    let unexpectedClose: number | null = null;
    while (sent < WS_FRAMES) {
      const socket = new WebSocket(`${hub.origin.replace('http', 'ws')}/ws`, { headers: { Origin: hub.origin } });
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      // A connection is closed after 20 bad frames; send a batch, then open another.
      for (let i = 0; i < 30 && sent < WS_FRAMES; i++, sent++) {
        if (random() < 0.05) socket.send(Buffer.from([0xff, 0x00, Math.floor(random() * 255)]));
        else socket.send(generate());
      }
      socket.close();
      const code = await closed;
      if (!allowedCloses.has(code)) unexpectedClose = code;
    }
    expect(unexpectedClose).toBeNull();
    expect((await hub.api('/healthz')).status).toBe(200);
  });

  it(`survives ${HTTP_BODIES} malformed HTTP bodies with 4xx answers, never a 5xx`, { timeout: 180_000 }, async () => {
    const targets = [
      { path: '/api/modes', cookie: office, method: 'POST' },
      { path: '/api/all-clear', cookie: office, method: 'POST' },
      { path: '/api/hazards', cookie: office, method: 'POST' },
      { path: '/api/session', cookie: undefined, method: 'POST' },
      { path: '/api/wayfinding', cookie: admin, method: 'PUT' },
      { path: '/api/maps?floor=main-1', cookie: admin, method: 'POST' },
      { path: '/api/diagram?screen=%00%ff', cookie: office, method: 'GET' },
    ];
    const contentTypes = ['application/json', 'text/plain', 'image/svg+xml', 'image/png', 'application/x-www-form-urlencoded', ''];
    const serverErrors: string[] = [];
    for (let i = 0; i < HTTP_BODIES; i++) {
      const target = pick(targets);
      const contentType = random() < 0.8 ? 'application/json' : pick(contentTypes);
      const { status, body } = await hub.api(target.path, {
        method: target.method,
        cookie: target.cookie,
        rawBody: target.method === 'GET' ? undefined : generate(),
        headers: contentType ? { 'Content-Type': contentType } : {},
      });
      if (status >= 500) serverErrors.push(`${target.method} ${target.path} → ${status} ${JSON.stringify(body).slice(0, 160)}`);
    }
    expect(serverErrors).toEqual([]);
  });

  // Issue 11: bad query values are a 400 everywhere, and a Host the hub does not answer to a 421, never a 5xx.
  it(`survives ${QUERIES} malformed query strings and Host headers with 4xx answers, never a 5xx`, { timeout: 180_000 }, async () => {
    const routes = [
      { path: '/api/audit', method: 'GET', params: ['who', 'action', 'from', 'to', 'drill', 'limit', 'offset'] },
      { path: '/api/audit.csv', method: 'GET', params: ['who', 'action', 'from', 'to', 'drill', 'limit', 'offset'] },
      { path: '/api/drill-reports', method: 'GET', params: ['from', 'to', 'drill', 'limit', 'offset'] },
      { path: '/api/screens/gym/preview', method: 'GET', params: ['mode'] },
      { path: '/api/diagram', method: 'GET', params: ['screen', 'floor', 'x', 'y', 'facing', 'label'] },
      { path: '/api/maps', method: 'POST', params: ['floor'] },
      { path: '/api/documents', method: 'POST', params: ['title', 'category', 'filename', 'buildingId'] },
    ];
    const KEYS = ['constructor', '__proto__', 'prototype', 'toString', 'valueOf', '', '%00', 'a[b]', 'x'.repeat(300)];
    const text = (value: unknown) => {
      try {
        return encodeURIComponent(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'));
      } catch {
        return '%ED%A0%80'; // a lone surrogate cannot be encoded: send the bytes a broken client would
      }
    };
    const serverErrors: string[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const route = pick(routes);
      const pairs = Array.from({ length: 1 + Math.floor(random() * 4) }, () => `${random() < 0.8 ? pick(route.params) : text(pick(KEYS))}=${text(pick([...WEIRD_VALUES, ...KEYS]))}`);
      const { status, body } = await hub.api(`${route.path}?${pairs.join('&')}`, {
        method: route.method,
        cookie: admin,
        rawBody: route.method === 'POST' ? generate() : undefined,
        headers: route.method === 'POST' ? { 'Content-Type': pick(['image/png', 'application/pdf', 'image/svg+xml']) } : {},
      });
      if (status >= 500) serverErrors.push(`${route.method} ${route.path}?${pairs.join('&').slice(0, 120)} → ${status} ${JSON.stringify(body).slice(0, 160)}`);
    }
    for (let i = 0; i < QUERIES / 10; i++) {
      const host = pick([generate().slice(0, 80), 'rebind.example', `${pick(KEYS)}:1`, '[::ffff:1.2.3.4]', 'localhost..', '.', '[]', '127.0.0.1:99999']);
      const status = await new Promise<number>((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port: hub.port, path: '/api/state', headers: { Host: host, Cookie: office } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        });
        // Node refuses to send some of these headers at all: that is no answer from the hub.
        req.on('error', () => resolve(0));
        req.end();
      }).catch(() => 0);
      if (status >= 500) serverErrors.push(`Host ${JSON.stringify(host)} → ${status}`);
    }
    expect(serverErrors).toEqual([]);
  });

  it('still serves a real screen correctly afterwards', async () => {
    const state = (await hub.api('/api/state', { cookie: office })).body.state;
    const screen = await TestSocket.screen(hub.origin, 'main-1-east', state.seq);
    const started = await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    expect(started.status).toBe(200);
    const effective = await screen.renderState(started.body.seq, { buildingId: 'main', zoneId: 'east-wing' });
    expect(effective).toMatchObject({ mode: 'lockdown', drill: true });
    screen.close();
  });
});
