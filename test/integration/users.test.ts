// User management against a real hub: only admins create, change, reset and disable accounts; every change takes
// effect on the user's very next request; and the hub never leaves itself without an enabled administrator.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../hub/store/audit-log.ts';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let admin: string;
/** Every body the hub answered in this file, to check that none carries a password hash. */
const replies: unknown[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
});
afterAll(async () => {
  await hub?.dispose();
});

async function call(path: string, init: { method?: string; body?: unknown; cookie?: string | null } = {}): Promise<{ status: number; body: any }> {
  const reply = await hub.api(path, { ...init, cookie: init.cookie === undefined ? admin : (init.cookie ?? undefined) });
  replies.push(reply.body);
  return reply;
}

async function logIn(username: string, password: string): Promise<{ status: number; cookie: string; body: any }> {
  const response = await fetch(`${hub.origin}/api/session`, {
    method: 'POST',
    headers: { Origin: hub.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await response.json();
  replies.push(body);
  return { status: response.status, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '', body };
}

async function createUser(username: string, role: string, password?: string): Promise<{ user: any; generatedPassword: string | null }> {
  const { status, body } = await call('/api/users', { body: { username, role, ...(password === undefined ? {} : { password }) } });
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}

async function listed(): Promise<any[]> {
  const { status, body } = await call('/api/users');
  expect(status).toBe(200);
  return body.users;
}

/** A console following the live state as `cookie`'s user. */
async function openConsole(cookie: string): Promise<TestSocket> {
  const socket = await TestSocket.connect(hub.origin, { cookie });
  socket.send({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'test' });
  await socket.next('welcome');
  return socket;
}

async function expectLoggedOut(socket: TestSocket): Promise<void> {
  expect((await socket.next('error')).code).toBe('unauthenticated');
  expect(await socket.closed).toBe(CLOSE_CODES.unauthorized);
}

const hold = { mode: 'hold', scope: { kind: 'zone', zoneId: 'gym' }, drill: true };

describe('listing users', () => {
  it('shows each account’s name, role, state and creation time, and nothing about its password', async () => {
    const users = await listed();
    expect(users.map((u) => [u.username, u.role, u.disabled])).toEqual([
      ['admin', 'admin', false],
      ['office', 'office', false],
      ['staff', 'staff', false],
      ['viewer', 'viewer', false],
    ]);
    for (const user of users) {
      expect(Object.keys(user).sort()).toEqual(['createdAt', 'disabled', 'role', 'username']);
      expect(Number.isNaN(Date.parse(user.createdAt))).toBe(false);
    }
  });
});

describe('creating a user', () => {
  it('with a chosen password: the user can log in with it and has the role given', async () => {
    const created = await createUser('jane.doe', 'office', 'jane-pass-1234');
    expect(created.user).toMatchObject({ username: 'jane.doe', role: 'office', disabled: false });
    // A password the admin chose is never echoed back.
    expect(created.generatedPassword).toBeNull();
    const login = await logIn('jane.doe', 'jane-pass-1234');
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({ username: 'jane.doe', role: 'office' });
    expect((await listed()).map((u) => u.username)).toContain('jane.doe');
  });

  it('without a password: the hub generates one, shows it once, and it logs in', async () => {
    const created = await createUser('sub_teacher-2', 'viewer');
    expect(typeof created.generatedPassword).toBe('string');
    expect(created.generatedPassword!.length).toBeGreaterThanOrEqual(10);
    expect((await logIn('sub_teacher-2', created.generatedPassword!)).status).toBe(200);
    expect(JSON.stringify(await listed())).not.toContain(created.generatedPassword);
    expect(await readFile(join(hub.dataDir, 'store', 'users.json'), 'utf8')).not.toContain(created.generatedPassword);
  });

  it('refuses a username that is taken with 409 conflict, and changes nothing', async () => {
    const before = await listed();
    for (const username of ['jane.doe', 'admin']) {
      const { status, body } = await call('/api/users', { body: { username, role: 'viewer', password: 'another-pass-123' } });
      expect(status, username).toBe(409);
      expect(body.error.code).toBe('conflict');
      expect(body.error.message).toContain('taken');
    }
    expect(await listed()).toEqual(before);
    // The first account's password still works: the duplicate did not overwrite it.
    expect((await logIn('jane.doe', 'jane-pass-1234')).status).toBe(200);
  });

  it('refuses bad usernames, roles and passwords with 400 bad_request naming the problem', async () => {
    const cases: [unknown, RegExp][] = [
      [{ username: 'j', role: 'viewer' }, /at least 2 characters[\s\S]*username/],
      [{ username: 'x'.repeat(41), role: 'viewer' }, /at most 40 characters/],
      [{ username: 'Jane', role: 'viewer' }, /lowercase letters/],
      [{ username: 'has space', role: 'viewer' }, /lowercase letters/],
      [{ username: 'zoë', role: 'viewer' }, /lowercase letters/],
      [{ username: '../etc', role: 'viewer' }, /lowercase letters/],
      [{ username: '', role: 'viewer' }, /username/],
      [{ username: 'ok-name', role: 'root' }, /choose admin, office, viewer or staff[\s\S]*role/],
      [{ username: 'ok-name', role: 'Admin' }, /choose admin, office, viewer or staff/],
      [{ username: 'ok-name' }, /choose admin, office, viewer or staff/],
      [{ username: 'ok-name', role: 'viewer', password: 'too-short' }, /at least 10 characters[\s\S]*password/],
      [{ username: 'ok-name', role: 'viewer', password: '' }, /at least 10 characters/],
      [{ username: 'ok-name', role: 'viewer', passwordHash: 'scrypt$1$1$1$AAAA$AAAA' }, /passwordHash/],
      [{ role: 'viewer' }, /username/],
    ];
    for (const [request, message] of cases) {
      const { status, body } = await call('/api/users', { body: request });
      expect(status, JSON.stringify(request)).toBe(400);
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message, JSON.stringify(request)).toMatch(message);
    }
    const { status, body } = await call('/api/users', { body: 'not json at all' });
    expect(status).toBe(400);
    expect(body.error.code).toMatch(/bad_request|invalid_json/);
    const names = (await listed()).map((u) => u.username);
    for (const name of ['j', 'Jane', 'has space', 'zoë', 'ok-name']) expect(names).not.toContain(name);
  });
});

describe('changing a role', () => {
  it('takes effect on the user’s next request, without a new login', async () => {
    await createUser('rolly', 'viewer', 'rolly-pass-1234');
    const { cookie } = await logIn('rolly', 'rolly-pass-1234');
    expect((await call('/api/modes', { cookie, body: hold })).status).toBe(403);

    const promoted = await call('/api/users/rolly', { method: 'PATCH', body: { role: 'office' } });
    expect(promoted.status).toBe(200);
    expect(promoted.body.user).toMatchObject({ username: 'rolly', role: 'office', disabled: false });
    expect((await call('/api/session', { cookie })).body.user).toEqual({ username: 'rolly', role: 'office' });
    expect((await call('/api/modes', { cookie, body: hold })).status).toBe(200);
    expect((await call('/api/all-clear', { cookie, body: { scope: hold.scope, drill: true } })).status).toBe(200);

    expect((await call('/api/users/rolly', { method: 'PATCH', body: { role: 'viewer' } })).status).toBe(200);
    const refused = await call('/api/modes', { cookie, body: hold });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
  });

  it('refuses an empty change, an unknown role or user, and a non-boolean disabled', async () => {
    for (const body of [{}, { role: 'root' }, { disabled: 'yes' }, { role: 'office', username: 'renamed' }]) {
      const reply = await call('/api/users/rolly', { method: 'PATCH', body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code).toBe('bad_request');
    }
    const missing = await call('/api/users/nobody-here', { method: 'PATCH', body: { role: 'office' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect((await listed()).find((u) => u.username === 'rolly')).toMatchObject({ role: 'viewer', disabled: false });
  });
});

describe('resetting a password', () => {
  it('ends the user’s sessions and consoles everywhere; the old password stops working and the new one works', async () => {
    await createUser('reset-me', 'office', 'old-pass-12345');
    const laptop = (await logIn('reset-me', 'old-pass-12345')).cookie;
    const tablet = (await logIn('reset-me', 'old-pass-12345')).cookie;
    const tabletConsole = await openConsole(tablet);
    const office = await hub.login('office');

    const { status, body } = await call('/api/users/reset-me/password', { body: {} });
    expect(status).toBe(200);
    expect(body.user).toMatchObject({ username: 'reset-me', role: 'office' });
    expect(body.generatedPassword).toEqual(expect.any(String));
    expect(body.generatedPassword.length).toBeGreaterThanOrEqual(10);

    for (const cookie of [laptop, tablet]) {
      const reply = await call('/api/session', { cookie });
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('unauthenticated');
    }
    await expectLoggedOut(tabletConsole);
    // Someone else's session is untouched.
    expect((await call('/api/session', { cookie: office })).status).toBe(200);
    expect((await logIn('reset-me', 'old-pass-12345')).status).toBe(401);
    expect((await logIn('reset-me', body.generatedPassword)).status).toBe(200);
  });

  it('takes a password the admin chooses, and refuses a short one', async () => {
    const short = await call('/api/users/reset-me/password', { body: { password: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('bad_request');
    expect(short.body.error.message).toMatch(/at least 10 characters/);

    const chosen = await call('/api/users/reset-me/password', { body: { password: 'chosen-pass-123' } });
    expect(chosen.status).toBe(200);
    expect(chosen.body.generatedPassword).toBeNull();
    expect((await logIn('reset-me', 'chosen-pass-123')).status).toBe(200);
  });

  it('answers 404 for an unknown user, and refuses an admin’s own password (it needs the current one)', async () => {
    const missing = await call('/api/users/nobody-here/password', { body: {} });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');

    const own = await call('/api/users/admin/password', { body: { password: 'brand-new-pass-1' } });
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('own_account');
    expect(own.body.error.message).toMatch(/your own password/);
    expect((await call('/api/session')).status).toBe(200);
    expect((await logIn('admin', 'brand-new-pass-1')).status).toBe(401);
  });
});

describe('disabling a user', () => {
  it('ends their sessions and consoles at once and refuses their logins, until they are enabled again', async () => {
    await createUser('leaver', 'office', 'leaver-pass-123');
    const { cookie } = await logIn('leaver', 'leaver-pass-123');
    const leaverConsole = await openConsole(cookie);

    const disabled = await call('/api/users/leaver', { method: 'PATCH', body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user).toMatchObject({ username: 'leaver', role: 'office', disabled: true });
    expect((await call('/api/session', { cookie })).status).toBe(401);
    expect((await call('/api/modes', { cookie, body: hold })).status).toBe(401);
    await expectLoggedOut(leaverConsole);

    const refused = await logIn('leaver', 'leaver-pass-123');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('invalid_credentials');
    expect(refused.body.error.message).toMatch(/disabled/);
    // A wrong password says nothing about the account.
    const wrong = await logIn('leaver', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).not.toMatch(/disabled/);
    expect((await listed()).find((u) => u.username === 'leaver')).toMatchObject({ disabled: true });

    const enabled = await call('/api/users/leaver', { method: 'PATCH', body: { disabled: false } });
    expect(enabled.status).toBe(200);
    expect(enabled.body.user.disabled).toBe(false);
    expect((await logIn('leaver', 'leaver-pass-123')).status).toBe(200);
    // Enabling does not bring back a session that disabling ended.
    expect((await call('/api/session', { cookie })).status).toBe(401);
  });
});

describe('the last administrator', () => {
  it('cannot be demoted or disabled', async () => {
    for (const change of [{ role: 'office' }, { role: 'viewer' }, { disabled: true }, { role: 'office', disabled: true }]) {
      const { status, body } = await call('/api/users/admin', { method: 'PATCH', body: change });
      expect(status, JSON.stringify(change)).toBe(409);
      expect(body.error.code).toBe('last_admin');
      expect(body.error.message).toMatch(/last enabled administrator/);
    }
    expect((await listed()).find((u) => u.username === 'admin')).toMatchObject({ role: 'admin', disabled: false });
    expect((await call('/api/users')).status).toBe(200);
  });

  it('with two admins, neither may demote or disable themselves, the other may, and the one left stays', async () => {
    await createUser('deputy', 'admin', 'deputy-pass-123');
    const deputy = (await logIn('deputy', 'deputy-pass-123')).cookie;

    for (const change of [{ role: 'office' }, { disabled: true }]) {
      const own = await call('/api/users/admin', { method: 'PATCH', body: change });
      expect(own.status, JSON.stringify(change)).toBe(409);
      expect(own.body.error.code).toBe('own_account');
      expect(own.body.error.message).toMatch(/your own account/);
    }

    // The deputy demotes the admin: allowed, and the admin loses the user pages on the next request.
    expect((await call('/api/users/admin', { method: 'PATCH', cookie: deputy, body: { role: 'office' } })).status).toBe(200);
    expect((await call('/api/users')).status).toBe(403);
    // Now the deputy is the last enabled administrator.
    for (const change of [{ role: 'viewer' }, { disabled: true }]) {
      const last = await call('/api/users/deputy', { method: 'PATCH', cookie: deputy, body: change });
      expect(last.status).toBe(409);
      expect(last.body.error.code).toBe('last_admin');
    }
    expect((await call('/api/users/admin', { method: 'PATCH', cookie: deputy, body: { role: 'admin' } })).status).toBe(200);
    expect((await call('/api/users')).status).toBe(200);

    // With two again, disabling the other one is fine.
    expect((await call('/api/users/deputy', { method: 'PATCH', body: { disabled: true } })).status).toBe(200);
    expect((await call('/api/users', { cookie: deputy })).status).toBe(401);
    const admins = (await listed()).filter((u) => u.role === 'admin' && !u.disabled);
    expect(admins.map((u) => u.username)).toEqual(['admin']);
  });

  it('survives two admins demoting each other at the same moment: exactly one wins', async () => {
    expect((await call('/api/users/deputy', { method: 'PATCH', body: { disabled: false } })).status).toBe(200);
    const deputy = (await logIn('deputy', 'deputy-pass-123')).cookie;
    const [first, second] = await Promise.all([
      call('/api/users/deputy', { method: 'PATCH', body: { role: 'office' } }),
      call('/api/users/admin', { method: 'PATCH', cookie: deputy, body: { role: 'office' } }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const admins = (await hub.api('/api/users', { cookie: first.status === 200 ? admin : deputy })).body.users.filter(
      (u: any) => u.role === 'admin' && !u.disabled,
    );
    expect(admins).toHaveLength(1);
    // Put things back for the tests after this one.
    if (first.status !== 200) {
      expect((await call('/api/users/admin', { method: 'PATCH', cookie: deputy, body: { role: 'admin' } })).status).toBe(200);
    }
  });
});

describe('who may manage users', () => {
  it('refuses office and viewer with 403 and anyone logged out with 401, changing nothing', async () => {
    const before = await listed();
    const requests: [string, { method?: string; body?: unknown }][] = [
      ['/api/users', {}],
      ['/api/users', { body: { username: 'sneaky', role: 'admin', password: 'sneaky-pass-123' } }],
      ['/api/users/office', { method: 'PATCH', body: { role: 'admin' } }],
      ['/api/users/viewer', { method: 'PATCH', body: { role: 'admin' } }],
      ['/api/users/admin', { method: 'PATCH', body: { disabled: true } }],
      ['/api/users/jane.doe/password', { body: { password: 'taken-over-123' } }],
    ];
    const callers: [string | null, number, string][] = [
      [await hub.login('office'), 403, 'forbidden'],
      [await hub.login('viewer'), 403, 'forbidden'],
      [null, 401, 'unauthenticated'],
    ];
    for (const [cookie, status, code] of callers) {
      for (const [path, init] of requests) {
        const reply = await call(path, { ...init, cookie });
        expect(reply.status, `${path} ${JSON.stringify(init)}`).toBe(status);
        expect(reply.body.error.code).toBe(code);
      }
    }
    expect(await listed()).toEqual(before);
    expect((await logIn('jane.doe', 'taken-over-123')).status).toBe(401);
  });
});

describe('the audit log', () => {
  it('records who changed which user, from where', async () => {
    const entries = (await readFile(join(hub.dataDir, 'audit.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditEntry)
      .filter((e) => e.action.startsWith('user.'));
    const find = (action: string, detail: string) => entries.find((e) => e.action === action && e.detail === detail);
    for (const [action, detail] of [
      ['user.created', 'jane.doe (office)'],
      ['user.created', 'sub_teacher-2 (viewer)'],
      ['user.updated', 'rolly: role viewer → office'],
      ['user.updated', 'rolly: role office → viewer'],
      ['user.password-reset', 'reset-me'],
      ['user.disabled', 'leaver'],
      ['user.enabled', 'leaver'],
    ] as const) {
      const entry = find(action, detail);
      expect(entry, `${action} ${detail}`).toBeDefined();
      expect(entry).toMatchObject({ who: 'admin', role: 'admin' });
      expect(entry!.from).toMatch(/127\.0\.0\.1/);
    }
    expect(find('user.updated', 'admin: role admin → office')).toMatchObject({ who: 'deputy', role: 'admin' });
    // Refused changes leave no entry.
    expect(entries.some((e) => e.detail?.startsWith('sneaky') || e.detail === 'ok-name (viewer)')).toBe(false);
  });

  it('and no answer in this file ever carried a password hash', () => {
    expect(replies.length).toBeGreaterThan(50);
    const keys = new Set<string>();
    const collectKeys = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collectKeys);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          keys.add(key);
          collectKeys(inner);
        }
      }
    };
    collectKeys(replies);
    expect([...keys].filter((key) => /hash/i.test(key))).toEqual([]);
    // Real hashes look like scrypt$32768$8$1$salt$key (hub/auth/passwords.ts).
    expect(JSON.stringify(replies)).not.toMatch(/scrypt\$\d+\$\d+\$\d+\$/);
  });
});
