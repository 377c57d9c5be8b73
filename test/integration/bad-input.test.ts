// Bad input gets a clear 4xx or a typed error frame; nothing crashes and nothing stored changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { startTestHub, type TestHub, screenToken } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let office: string;
beforeAll(async () => {
  hub = await startTestHub();
  office = await hub.login('office');
});
afterAll(async () => {
  await hub.dispose();
});

describe('HTTP', () => {
  const cases: [string, { rawBody?: string; body?: unknown }, number, string][] = [
    ['not JSON', { rawBody: '{"mode": "lockdown",' }, 400, 'invalid_json'],
    ['unknown mode', { body: { mode: 'party', scope: { kind: 'site' }, drill: true } }, 400, 'bad_request'],
    ['drill missing', { body: { mode: 'lockdown', scope: { kind: 'site' } } }, 400, 'bad_request'],
    ['drill not a boolean', { body: { mode: 'lockdown', scope: { kind: 'site' }, drill: 'yes' } }, 400, 'bad_request'],
    ['evacuate without destination', { body: { mode: 'evacuate', scope: { kind: 'site' }, drill: true } }, 400, 'bad_request'],
    ['shelter without hazard', { body: { mode: 'shelter', scope: { kind: 'site' }, drill: true } }, 400, 'bad_request'],
    ['destination too long', { body: { mode: 'evacuate', scope: { kind: 'site' }, drill: true, destination: 'x'.repeat(500) } }, 400, 'bad_request'],
    ['unknown zone', { body: { mode: 'hold', scope: { kind: 'zone', zoneId: 'moon-base' }, drill: true } }, 400, 'unknown_scope'],
    ['unknown building', { body: { mode: 'hold', scope: { kind: 'building', buildingId: 'nope' }, drill: true } }, 400, 'unknown_scope'],
    ['body over 64 KiB', { rawBody: JSON.stringify({ mode: 'hold', pad: 'x'.repeat(70_000) }) }, 413, 'payload_too_large'],
    ['an array', { body: [1, 2, 3] }, 400, 'bad_request'],
  ];
  for (const [name, request, status, code] of cases) {
    it(`answers ${status} ${code} for ${name}`, async () => {
      const reply = await hub.api('/api/modes', { cookie: office, ...request });
      expect(reply.status).toBe(status);
      expect(reply.body).toMatchObject({ ok: false, error: { code } });
      expect(typeof reply.body.error.message).toBe('string');
    });
  }

  // Issue 11: `GET /api/audit?action=constructor` once gave a 500. Every route that reads query parameters answers a
  // bad value, a repeated one or an unknown one with 400 bad_request.
  it('answers hostile query values with 400 bad_request on every route that reads the query', async () => {
    const admin = await hub.login('admin');
    const HOSTILE = ['constructor', '__proto__', 'toString', 'hasOwnProperty', '%00', '%ff', '-1', '1e309', 'NaN', 'x'.repeat(5000), '💥', '..%2F..%2Fetc'];
    const routes: { path: string; params: string[]; valid: string; method?: string; rawBody?: string; headers?: Record<string, string> }[] = [
      { path: '/api/audit', params: ['action', 'limit', 'offset', 'from', 'to', 'drill'], valid: '' },
      { path: '/api/audit.csv', params: ['action', 'limit', 'from', 'drill'], valid: '' },
      { path: '/api/drill-reports', params: ['limit', 'offset', 'from', 'to', 'drill'], valid: '' },
      { path: '/api/screens/gym/preview', params: ['mode'], valid: '' },
      { path: '/api/diagram', params: ['screen', 'floor', 'x', 'facing'], valid: '' },
      { path: '/api/maps', params: ['floor'], valid: '', method: 'POST', rawBody: 'x', headers: { 'Content-Type': 'image/png' } },
      { path: '/api/documents', params: ['category', 'buildingId'], valid: 'title=T&', method: 'POST', rawBody: '%PDF-1.4\n', headers: { 'Content-Type': 'application/pdf' } },
    ];
    const failures: string[] = [];
    for (const route of routes) {
      const queries = [
        ...route.params.flatMap((param) => HOSTILE.map((value) => `${route.valid}${param}=${value}`)),
        ...route.params.map((param) => `${route.valid}${param}=1&${param}=2`),
        `${route.valid}constructor=1`,
        `${route.valid}__proto__=1`,
      ];
      for (const query of queries) {
        const { status, body } = await hub.api(`${route.path}?${query}`, { method: route.method ?? 'GET', cookie: admin, rawBody: route.rawBody, headers: route.headers });
        // A well-formed id that names nothing (a screen called "constructor") is a 404; a bad value is a 400.
        const answered = (status === 400 && body?.error?.code === 'bad_request') || (status === 404 && /^(unknown_screen|not_found)$/.test(body?.error?.code));
        if (!answered) failures.push(`${route.path}?${query.slice(0, 60)} → ${status} ${JSON.stringify(body).slice(0, 100)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers unknown API routes with 404 not_found', async () => {
    const reply = await hub.api('/api/nope', { cookie: office });
    expect(reply).toMatchObject({ status: 404, body: { ok: false, error: { code: 'not_found' } } });
  });

  it('kept the state untouched through all of that', async () => {
    const { body } = await hub.api('/api/state', { cookie: office });
    expect(body.state).toMatchObject({ seq: 0, modes: [] });
    expect((await hub.api('/healthz')).status).toBe(200);
  });
});

describe('WebSocket', () => {
  it('answers a malformed frame with a typed error and keeps the connection', async () => {
    const socket = await TestSocket.connect(hub.origin);
    socket.sendRaw('this is not json');
    expect((await socket.next('error')).code).toBe('invalid_json');
    socket.sendRaw(JSON.stringify({ type: 'launch-rockets' }));
    expect((await socket.next('error')).code).toBe('unknown_message');
    socket.sendRaw(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }));
    expect((await socket.next('error')).code).toBe('bad_request');
    socket.send({ type: 'receipt', seq: 1, activeSeq: 0, mode: 'normal', drill: false });
    expect((await socket.next('error')).code).toBe('bad_request');
    // Still usable: a proper hello is welcomed.
    socket.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId: 'gym', token: screenToken('gym'), lastSeq: 0 });
    expect((await socket.next('welcome')).screen?.id).toBe('gym');
    socket.close();
  });

  it('closes with a named code after too many bad frames', async () => {
    const socket = await TestSocket.connect(hub.origin);
    for (let i = 0; i < 25; i++) socket.sendRaw('{');
    expect(await socket.closed).toBe(CLOSE_CODES.tooManyBadMessages);
  });

  it('closes an unknown screen and a wrong protocol version with their codes', async () => {
    const unknown = await TestSocket.connect(hub.origin);
    unknown.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId: 'not-a-screen', token: screenToken('not-a-screen'), lastSeq: 0 });
    expect((await unknown.next('error')).code).toBe('unknown_screen');
    expect(await unknown.closed).toBe(CLOSE_CODES.unknownScreen);
    const old = await TestSocket.connect(hub.origin);
    old.send({ type: 'hello', protocol: PROTOCOL_VERSION + 41, build: 'test', screenId: 'gym', token: screenToken('gym'), lastSeq: 0 });
    expect((await old.next('error')).code).toBe('protocol_mismatch');
    expect(await old.closed).toBe(CLOSE_CODES.protocolMismatch);
  });

  it('refuses an upgrade from another site and a console without a session', async () => {
    await expect(TestSocket.connect(hub.origin, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    const anonymous = await TestSocket.connect(hub.origin);
    anonymous.send({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'test' });
    expect(await anonymous.closed).toBe(CLOSE_CODES.unauthorized);
  });

  it('replaces an older connection of the same screen', async () => {
    const first = await TestSocket.screen(hub.origin, 'cafeteria');
    const second = await TestSocket.screen(hub.origin, 'cafeteria');
    expect(await first.closed).toBe(CLOSE_CODES.replaced);
    const { body } = await hub.api('/api/state', { cookie: office });
    expect(body.state.screens.find((s: any) => s.id === 'cafeteria').online).toBe(true);
    second.close();
  });

  it('still serves a real screen correctly afterwards', async () => {
    const screen = await TestSocket.screen(hub.origin, 'gym');
    const { body } = await hub.api('/api/modes', { cookie: office, body: { mode: 'secure', scope: { kind: 'site' }, drill: true } });
    const effective = await screen.renderState(body.seq, { buildingId: 'main', zoneId: 'gym' });
    expect(effective?.mode).toBe('secure');
    screen.close();
  });
});
