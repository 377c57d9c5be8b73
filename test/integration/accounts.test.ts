// Your own account over HTTP: changing your own password (refusals audited, the one password rule, every other
// session ended, this one renewed), and sessions that say when they end, the office's after a school day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../hub/config.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { MIN_PASSWORD_LENGTH } from '../../shared/users.ts';
import { PASSWORDS, startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

const HOUR = 3600_000;
let hub: TestHub;
let admin: string;

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
});
afterAll(async () => {
  await hub?.dispose();
});

/** The newest audit entries of one action, newest first. */
async function audited(action: string): Promise<any[]> {
  const { status, body } = await hub.api(`/api/audit?action=${action}`, { cookie: admin });
  expect(status).toBe(200);
  return body.entries;
}

async function logIn(username: string, password: string) {
  const response = await fetch(`${hub.origin}/api/session`, {
    method: 'POST',
    headers: { Origin: hub.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, body: (await response.json()) as any, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '' };
}

/** A user of its own for each test, so no test changes a password another relies on. */
async function newUser(username: string, role: 'office' | 'viewer' | 'admin', password: string): Promise<string> {
  const created = await hub.api('/api/users', { cookie: admin, body: { username, role, password } });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return (await logIn(username, password)).cookie;
}

const change = (cookie: string, body: unknown) => hub.api('/api/session/password', { cookie, body });

describe('changing your own password', () => {
  it('refuses a wrong current password with 401 invalid_credentials, changes nothing, and audits the attempt', async () => {
    const cookie = await newUser('wrong-current', 'office', 'first-pass-123');
    const { status, body } = await change(cookie, { currentPassword: 'not-my-password', newPassword: 'second-pass-123' });
    expect(status).toBe(401);
    expect(body.error).toEqual({ code: 'invalid_credentials', message: 'The current password is wrong.' });
    expect((await hub.api('/api/session', { cookie })).status).toBe(200); // still logged in
    expect((await logIn('wrong-current', 'first-pass-123')).status).toBe(200);
    const [entry] = await audited('user.password-change-failed');
    expect(entry).toMatchObject({ who: 'wrong-current', role: 'office', action: 'user.password-change-failed', detail: 'the current password was wrong' });
  });

  it('refuses a new password against the shared rule with 400 and the rule’s own words', async () => {
    const cookie = await newUser('rule-check', 'viewer', 'first-pass-123');
    const short = await change(cookie, { currentPassword: 'first-pass-123', newPassword: 'x'.repeat(MIN_PASSWORD_LENGTH - 1) });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('bad_request');
    expect(short.body.error.message).toContain(`use at least ${MIN_PASSWORD_LENGTH} characters`);
    const same = await change(cookie, { currentPassword: 'first-pass-123', newPassword: 'first-pass-123' });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toContain('must differ from the current one');
    expect((await logIn('rule-check', 'first-pass-123')).status).toBe(200);
  });

  it('works: the old password is refused, the new one works, other sessions and consoles end, this one goes on, audited', async () => {
    const here = await newUser('changer', 'office', 'first-pass-123');
    const elsewhere = (await logIn('changer', 'first-pass-123')).cookie;
    const consoleElsewhere = await TestSocket.connect(hub.origin, { cookie: elsewhere });
    consoleElsewhere.send({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'test' });
    await consoleElsewhere.next('welcome');

    const response = await fetch(`${hub.origin}/api/session/password`, {
      method: 'POST',
      headers: { Origin: hub.origin, 'Content-Type': 'application/json', Cookie: here },
      body: JSON.stringify({ currentPassword: 'first-pass-123', newPassword: 'second-pass-123' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.user).toEqual({ username: 'changer', role: 'office' });
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    const fresh = response.headers.get('set-cookie')!.split(';')[0]!;
    expect(fresh).not.toBe(here);

    expect(await consoleElsewhere.closed).toBe(4001);
    for (const ended of [here, elsewhere]) expect((await hub.api('/api/session', { cookie: ended })).status).toBe(401);
    expect((await hub.api('/api/session', { cookie: fresh })).body.user).toEqual({ username: 'changer', role: 'office' });
    expect((await hub.api('/api/modes', { cookie: fresh, body: { mode: 'hold', scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    expect((await hub.api('/api/all-clear', { cookie: fresh, body: { scope: { kind: 'site' }, drill: true } })).status).toBe(200);

    expect((await logIn('changer', 'first-pass-123')).status).toBe(401);
    expect((await logIn('changer', 'second-pass-123')).status).toBe(200);
    const [entry] = await audited('user.password-changed');
    expect(entry).toMatchObject({ who: 'changer', role: 'office', detail: 'every other session of the user was ended' });
    expect(JSON.stringify(await audited('users'))).not.toContain('second-pass-123');
  });

  it('needs a session', async () => {
    const { status, body } = await hub.api('/api/session/password', { body: { currentPassword: PASSWORDS.office, newPassword: 'second-pass-123' } });
    expect(status).toBe(401);
    expect(body.error.code).toBe('unauthenticated');
  });
});

describe('session expiry', () => {
  it('is reported at login and by GET /api/session: a school day for the office, the longer maximum for others', async () => {
    const before = Date.now();
    const office = await logIn('office', PASSWORDS.office);
    expect(office.body).toMatchObject({ ok: true, user: { username: 'office', role: 'office' }, idleMinutes: 720 });
    const officeEnds = Date.parse(office.body.expiresAt);
    expect(officeEnds).toBeGreaterThanOrEqual(before + 14 * HOUR);
    expect(officeEnds).toBeLessThanOrEqual(Date.now() + 14 * HOUR);
    const asked = await hub.api('/api/session', { cookie: office.cookie });
    expect(asked.body.expiresAt).toBe(office.body.expiresAt);
    const adminEnds = Date.parse((await hub.api('/api/session', { cookie: admin })).body.expiresAt);
    expect(adminEnds - officeEnds).toBeGreaterThan(150 * HOUR);
  });

  it('follows officeSessionHours, and the session cookie lasts as long', async () => {
    const short = await startTestHub({ overrides: { officeSessionHours: 0.25 } });
    try {
      const response = await fetch(`${short.origin}/api/session`, {
        method: 'POST',
        headers: { Origin: short.origin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'office', password: PASSWORDS.office }),
      });
      const body = (await response.json()) as any;
      expect(Date.parse(body.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
      expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
      expect(response.headers.get('set-cookie')).toMatch(/Max-Age=900/);
    } finally {
      await short.dispose();
    }
  });
});

describe('the first users', () => {
  it('follow the one password rule when their passwords come from the environment', () => {
    const tooShort = 'x'.repeat(MIN_PASSWORD_LENGTH - 1);
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ MUSTER_ADMIN_PASSWORD: tooShort, MUSTER_OFFICE_PASSWORD: tooShort })).toEqual([
      `adminPassword: use at least ${MIN_PASSWORD_LENGTH} characters`,
      `officePassword: use at least ${MIN_PASSWORD_LENGTH} characters`,
    ]);
    expect(loadConfig({ MUSTER_OFFICE_PASSWORD: 'x'.repeat(MIN_PASSWORD_LENGTH), MUSTER_OFFICE_SESSION_HOURS: '9.5' }).officeSessionHours).toBe(9.5);
  });

  it('are created once, audited as made by the hub itself', async () => {
    const entries = (await audited('user.created')).filter((e) => e.who === 'system');
    expect(entries.map((e) => e.detail).sort()).toEqual(['admin (admin)', 'office (office)']);
    const restarted = await hub.restart();
    hub = restarted;
    admin = await hub.login('admin');
    expect((await audited('user.created')).filter((e) => e.who === 'system')).toHaveLength(2);
  });
});
