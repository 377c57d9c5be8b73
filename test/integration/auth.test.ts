// Who may do what: sessions, roles, origins and login throttling against a real hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { PASSWORDS, startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.dispose();
});

const lockdown = { mode: 'lockdown', scope: { kind: 'site' }, drill: true };

describe('sessions', () => {
  it('refuse wrong passwords and unknown users alike with 401', async () => {
    for (const body of [{ username: 'office', password: 'nope-nope' }, { username: 'nobody', password: 'nope-nope' }]) {
      const { status, body: reply } = await hub.api('/api/session', { body });
      expect(status).toBe(401);
      expect(reply.error.code).toBe('invalid_credentials');
    }
  });

  it('set an HttpOnly, SameSite=Strict cookie and end on logout', async () => {
    const response = await fetch(`${hub.origin}/api/session`, {
      method: 'POST',
      headers: { Origin: hub.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'viewer', password: PASSWORDS.viewer }),
    });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/muster_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0]!;
    expect((await hub.api('/api/session', { cookie })).body.user).toEqual({ username: 'viewer', role: 'viewer' });
    expect((await hub.api('/api/session', { method: 'DELETE', cookie })).status).toBe(200);
    expect((await hub.api('/api/session', { cookie })).status).toBe(401);
    expect((await hub.api('/api/state', { cookie })).status).toBe(401);
  });

  it('never store a password in the clear', async () => {
    const { readFile } = await import('node:fs/promises');
    const stored = await readFile(`${hub.dataDir}/store/users.json`, 'utf8');
    for (const password of Object.values(PASSWORDS)) expect(stored).not.toContain(password);
    expect(stored).toMatch(/scrypt\$/);
  });
});

describe('roles', () => {
  it('refuse everything but health to someone not logged in, and tell them only that the hub is up', async () => {
    expect(await hub.api('/healthz')).toEqual({ status: 200, body: { ok: true } });
    const office = await hub.login('office');
    expect((await hub.api('/healthz', { cookie: office })).body).toMatchObject({ ok: true, seq: expect.any(Number), screensOnline: expect.any(Number) });
    // A staff account trains; it has no business watching the sequence either.
    expect(await hub.api('/healthz', { cookie: await hub.login('staff') })).toEqual({ status: 200, body: { ok: true } });
    for (const [path, body] of [
      ['/api/state', undefined],
      ['/api/site', undefined],
      ['/api/modes', lockdown],
      ['/api/all-clear', { scope: { kind: 'site' }, drill: true }],
    ] as const) {
      const { status, body: reply } = await hub.api(path, { body });
      expect(status, path).toBe(401);
      expect(reply.error.code).toBe('unauthenticated');
    }
  });

  it('let a viewer read but not change modes', async () => {
    const viewer = await hub.login('viewer');
    expect((await hub.api('/api/state', { cookie: viewer })).status).toBe(200);
    expect((await hub.api('/api/site', { cookie: viewer })).status).toBe(200);
    for (const [path, body] of [
      ['/api/modes', lockdown],
      ['/api/all-clear', { scope: { kind: 'site' }, drill: true }],
    ] as const) {
      const { status, body: reply } = await hub.api(path, { cookie: viewer, body });
      expect(status, path).toBe(403);
      expect(reply.error.code).toBe('forbidden');
    }
    const state = (await hub.api('/api/state', { cookie: viewer })).body.state;
    expect(state.modes).toEqual([]);
  });

  it('let office and admin start modes and give the All Clear', async () => {
    for (const user of ['office', 'admin'] as const) {
      const cookie = await hub.login(user);
      expect((await hub.api('/api/modes', { cookie, body: lockdown })).status, user).toBe(200);
      expect((await hub.api('/api/all-clear', { cookie, body: { scope: { kind: 'site' }, drill: true } })).status, user).toBe(200);
    }
  });
});

describe('origin checks', () => {
  it('refuse a state change sent from another site', async () => {
    const office = await hub.login('office');
    const { status, body } = await hub.api('/api/modes', { cookie: office, body: lockdown, headers: { Origin: 'http://evil.example' } });
    expect(status).toBe(403);
    expect(body.error.code).toBe('bad_origin');
    expect((await hub.api('/api/state', { cookie: office })).body.state.modes).toEqual([]);
  });

  it('refuse a logged-in change with no Origin unless it carries the request header, and any cross-site one', async () => {
    const office = await hub.login('office');
    const send = (headers: Record<string, string>) =>
      fetch(`${hub.origin}/api/modes`, { method: 'POST', headers: { Cookie: office, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(lockdown) });
    const bare = await send({});
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as any).error.message).toMatch(/X-Muster-Request/);
    expect((await send({ 'Sec-Fetch-Site': 'cross-site', 'X-Muster-Request': '1' })).status).toBe(403);
    expect((await hub.api('/api/state', { cookie: office })).body.state.modes).toEqual([]);
    expect((await send({ 'X-Muster-Request': '1' })).status).toBe(200);
    // Without a session cookie there is nothing to ride: a script may log in without either header.
    const login = await fetch(`${hub.origin}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'viewer', password: PASSWORDS.viewer }) });
    expect(login.status).toBe(200);
  });
});

describe('password change', () => {
  it('logs the user out everywhere, open consoles included, and keeps only the device that changed it', async () => {
    const deviceA = await hub.login('office');
    const deviceB = await hub.login('office');
    const consoleOnB = await TestSocket.connect(hub.origin, { cookie: deviceB });
    consoleOnB.send({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'test' });
    await consoleOnB.next('welcome');

    const change = (body: unknown, cookie?: string) =>
      fetch(`${hub.origin}/api/session/password`, { method: 'POST', headers: { Origin: hub.origin, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) }, body: JSON.stringify(body) });
    expect((await change({ currentPassword: PASSWORDS.office, newPassword: 'a-new-long-password' })).status).toBe(401);
    expect((await change({ currentPassword: 'not-it', newPassword: 'a-new-long-password' }, deviceA)).status).toBe(401);
    expect((await change({ currentPassword: PASSWORDS.office, newPassword: 'short' }, deviceA)).status).toBe(400);
    const changed = await change({ currentPassword: PASSWORDS.office, newPassword: 'a-new-long-password' }, deviceA);
    expect(changed.status).toBe(200);
    const fresh = changed.headers.get('set-cookie')!.split(';')[0]!;

    expect(await consoleOnB.closed).toBe(4001);
    expect((await hub.api('/api/session', { cookie: deviceB })).status).toBe(401);
    expect((await hub.api('/api/session', { cookie: deviceA })).status).toBe(401);
    expect((await hub.api('/api/session', { cookie: fresh })).status).toBe(200);
    expect((await hub.api('/api/session', { body: { username: 'office', password: PASSWORDS.office } })).status).toBe(401);
    expect((await hub.api('/api/session', { body: { username: 'office', password: 'a-new-long-password' } })).status).toBe(200);
  });
});

describe('login throttling', () => {
  it('slows repeated failures down, says how many tries are left, then locks even the right password out', async () => {
    const throttled = await startTestHub();
    try {
      const took: number[] = [];
      const messages: string[] = [];
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const failed = await throttled.api('/api/session', { body: { username: 'office', password: 'wrong-password' } });
        took.push(Date.now() - started);
        messages.push(failed.body.error.message);
        expect(failed.status).toBe(401);
      }
      expect(took[3]).toBeGreaterThanOrEqual(950); // the 4th failure is held for a second
      expect(took[3]!).toBeGreaterThan(took[0]! + 500);
      expect(messages[2]).toMatch(/2 more tries before logins are locked for 60 seconds/);
      const { status, body } = await throttled.api('/api/session', { body: { username: 'office', password: PASSWORDS.office } });
      expect(status).toBe(429);
      expect(body.error.code).toBe('login_throttled');
    } finally {
      await throttled.dispose();
    }
  });
});
