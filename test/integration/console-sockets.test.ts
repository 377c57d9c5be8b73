// Issue 11, F11: a console's live link follows its login session. Logging out, changing one's own password and an
// administrator disabling the account end the session, and close the consoles it (or, for the last two, any session
// of the user) opened; a role change closes them to reconnect as the new role. Nothing reaches a closed console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let admin: string;
let office: string;

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
  office = await hub.login('office');
});
afterAll(async () => {
  await hub?.dispose();
});

async function logIn(username: string, password: string): Promise<string> {
  const response = await fetch(`${hub.origin}/api/session`, { method: 'POST', headers: { Origin: hub.origin, 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie().find((c) => c.startsWith('muster_session='))!.split(';')[0]!;
}

async function newUser(username: string, role: 'office' | 'viewer'): Promise<string> {
  const password = `${username}-pass-1234`;
  expect((await hub.api('/api/users', { cookie: admin, body: { username, role, password } })).status).toBe(200);
  return logIn(username, password);
}

async function openConsole(cookie: string): Promise<TestSocket> {
  const socket = await TestSocket.connect(hub.origin, { cookie });
  socket.send({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'test' });
  await socket.next('welcome');
  await socket.next('state');
  return socket;
}

/** The hub logged this console out, and a change made afterwards never reached it. */
async function expectLoggedOut(socket: TestSocket): Promise<void> {
  expect((await socket.next('error')).code).toBe('unauthenticated');
  expect(await socket.closed).toBe(CLOSE_CODES.unauthorized);
  const change = await hub.api('/api/modes', { cookie: office, body: { mode: 'hold', scope: { kind: 'zone', zoneId: 'gym' }, drill: true } });
  expect(change.status).toBe(200);
  await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'zone', zoneId: 'gym' }, drill: true } });
  expect(socket.messages.filter((m) => m.type === 'modes-changed')).toEqual([]);
}

/** A console still following the live state: it hears the next change. */
async function expectStillFollowing(socket: TestSocket): Promise<void> {
  const change = await hub.api('/api/modes', { cookie: office, body: { mode: 'hold', scope: { kind: 'zone', zoneId: 'gym' }, drill: true } });
  await socket.next('modes-changed', (m) => m.seq === change.body.seq);
  await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'zone', zoneId: 'gym' }, drill: true } });
}

describe('console sockets end with their session', () => {
  it('at logout: the consoles of that session are logged out, the user’s other sessions go on', async () => {
    const tablet = await newUser('leaving-tablet', 'office');
    const desk = await logIn('leaving-tablet', 'leaving-tablet-pass-1234');
    const tabletConsole = await openConsole(tablet);
    const deskConsole = await openConsole(desk);
    expect((await hub.api('/api/session', { method: 'DELETE', cookie: tablet })).status).toBe(200);
    await expectLoggedOut(tabletConsole);
    await expectStillFollowing(deskConsole);
    deskConsole.close();
  });

  it('at one’s own password change: every console of the user is logged out', async () => {
    const cookie = await newUser('changing', 'office');
    const other = await logIn('changing', 'changing-pass-1234');
    const [here, elsewhere] = [await openConsole(cookie), await openConsole(other)];
    const changed = await hub.api('/api/session/password', { cookie, body: { currentPassword: 'changing-pass-1234', newPassword: 'a-new-pass-5678' } });
    expect(changed.status).toBe(200);
    await expectLoggedOut(elsewhere);
    // The console it was changed from is closed too; it reconnects on the fresh session it was given.
    expect(await here.closed).toBe(CLOSE_CODES.unauthorized);
  });

  it('at a role change: the consoles close and reconnect as the new role, on the same session', async () => {
    const cookie = await newUser('promoted', 'viewer');
    const socket = await openConsole(cookie);
    expect((await hub.api('/api/users/promoted', { method: 'PATCH', cookie: admin, body: { role: 'office' } })).status).toBe(200);
    expect(await socket.closed).toBe(CLOSE_CODES.roleChanged);
    const again = await TestSocket.connect(hub.origin, { cookie });
    again.send({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'test' });
    expect((await again.next('welcome')).user).toEqual({ username: 'promoted', role: 'office' });
    again.close();
  });

  it('at account disable: every console of the user is logged out and cannot come back', async () => {
    const cookie = await newUser('disabled-one', 'office');
    const socket = await openConsole(cookie);
    expect((await hub.api('/api/users/disabled-one', { method: 'PATCH', cookie: admin, body: { disabled: true } })).status).toBe(200);
    await expectLoggedOut(socket);
    const again = await TestSocket.connect(hub.origin, { cookie });
    again.send({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'test' });
    expect((await again.next('error')).code).toBe('unauthenticated');
    expect(await again.closed).toBe(CLOSE_CODES.unauthorized);
  });
});
