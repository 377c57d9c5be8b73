// Issue 11, F9 (DNS rebinding): a page on another name that resolves to the hub sends a Host and an Origin that match
// each other, so the Origin checks let it through. The hub answers only to its own names: everything else gets a
// 421, WebSocket upgrades included.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let office: string;

beforeAll(async () => {
  hub = await startTestHub({ overrides: { tlsNames: ['muster.school.test'] } });
  office = await hub.login('office');
});
afterAll(async () => {
  await hub?.dispose();
});

/** A request to the hub's port with this Host (fetch will not let a caller choose it) and an Origin to match. */
function requestAs(host: string, path: string, init: { method?: string; body?: unknown; cookie?: string } = {}): Promise<{ status: number; body: any }> {
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: hub.port,
        path,
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers: { Host: host, Origin: `http://${host}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...(init.cookie ? { Cookie: init.cookie } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text.startsWith('{') ? JSON.parse(text) : text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the Host check', () => {
  it('refuses a request for another name even with a matching Origin and a valid session, and changes nothing', async () => {
    const seq = (await hub.api('/api/state', { cookie: office })).body.state.seq;
    const attack = await requestAs(`rebind.example:${hub.port}`, '/api/modes', { body: { mode: 'lockdown', scope: { kind: 'site' }, drill: false }, cookie: office });
    expect(attack.status).toBe(421);
    expect(attack.body.error.code).toBe('unknown_host');
    expect(attack.body.error.message).toMatch(/does not answer to "rebind\.example:\d+".*MUSTER_TLS_NAMES/);
    expect((await requestAs(`rebind.example:${hub.port}`, '/api/state', { cookie: office })).status).toBe(421);
    expect((await requestAs(`rebind.example:${hub.port}`, '/healthz')).status).toBe(421);
    expect((await hub.api('/api/state', { cookie: office })).body.state.seq).toBe(seq);
  });

  it('refuses a WebSocket upgrade for another name, with its Origin to match', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${hub.port}/ws`, { headers: { Host: `rebind.example:${hub.port}`, Origin: `http://rebind.example:${hub.port}`, Cookie: office } });
    const refused = await new Promise<number>((resolve, reject) => {
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode!));
      socket.once('open', () => reject(new Error('the upgrade was accepted')));
      socket.once('error', reject);
    });
    expect(refused).toBe(421);
  });

  it('answers to localhost, the loopback addresses, any IP address and the names the school added', async () => {
    for (const host of [`localhost:${hub.port}`, `127.0.0.1:${hub.port}`, `[::1]:${hub.port}`, `10.1.2.3:${hub.port}`, `muster.school.test:${hub.port}`, `MUSTER.school.test.:${hub.port}`]) {
      expect((await requestAs(host, '/api/state', { cookie: office })).status, host).toBe(200);
    }
    const socket = new TestSocket(new WebSocket(`ws://127.0.0.1:${hub.port}/ws`, { headers: { Host: `muster.school.test:${hub.port}`, Origin: `http://muster.school.test:${hub.port}` } }));
    await socket.opened;
    socket.send({ type: 'ping', t: 1 });
    expect((await socket.next('pong')).t).toBe(1);
    socket.close();
  });
});
