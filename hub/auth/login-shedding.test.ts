import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shedLoginsWhenBusy } from './login-shedding.ts';
import { HashingBusyError, MAX_WAITING_HASHES, hashPassword } from './passwords.ts';

const seen: string[] = [];
const server = createServer(
  shedLoginsWhenBusy((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`);
    res.end('{"ok":true}');
  }),
);
let origin = '';

beforeAll(async () => {
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

const login = () => fetch(`${origin}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username":"x","password":"y"}' });

describe('logins shed while the password checks are full', () => {
  it('pass logins through when there is room', async () => {
    seen.length = 0;
    expect((await login()).status).toBe(200);
    expect(seen).toEqual(['POST /api/session']);
  });

  // The hashes run on low-priority threads (threads/yield-cpu.mjs): on a busy machine they wait, by design.
  it('answer a login 429 at the door, as the login route would, while the checks are full; other requests go on', { timeout: 60_000 }, async () => {
    seen.length = 0;
    // One hash on the thread and as many waiting as may: the next login would be refused.
    const hashing = Array.from({ length: MAX_WAITING_HASHES + 1 }, () => hashPassword('some password').catch(() => null));
    const refused = await login();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.json()).toEqual({ ok: false, error: { code: 'rate_limited', message: new HashingBusyError().message } });
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    expect(seen).toEqual(['GET /healthz']);
    await Promise.all(hashing);
    expect((await login()).status).toBe(200);
  });
});
