// Log in, who am I (and until when), log out, change your own password: cookies and JSON around domain/accounts.ts.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LoginSchema } from '../../shared/session.ts';
import { OwnPasswordChangeSchema } from '../../shared/users.ts';
import { ApiError } from '../api-error.ts';
import type { HubEnv } from '../auth/middleware.ts';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_MAX_AGE_S, type KnownDevices } from '../auth/known-devices.ts';
import { SESSION_COOKIE, type SessionGrant } from '../auth/sessions.ts';
import type { AccountOperations } from '../domain/accounts.ts';
import type { Actor } from '../domain/actor.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';

/** The session as an HttpOnly, SameSite=Strict cookie (Secure under TLS) that the browser drops when it ends. */
function setSessionCookie(c: Context<HubEnv>, grant: SessionGrant): void {
  setCookie(c, SESSION_COOKIE, grant.id, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: Math.floor(grant.maxAgeMs / 1000),
  });
}

function actorOf(c: Context<HubEnv>): Actor | null {
  const user = c.get('user');
  return user && { username: user.username, role: user.role, from: clientAddress(c) };
}

/** Remembers that this browser logged in as this user, so a lock caused by guessing elsewhere spares it. */
function setKnownDeviceCookie(c: Context<HubEnv>, knownDevices: KnownDevices, username: string): void {
  setCookie(c, KNOWN_DEVICE_COOKIE, knownDevices.issue(username), {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/api/session',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: KNOWN_DEVICE_MAX_AGE_S,
  });
}

export function sessionRoutes(accounts: AccountOperations, knownDevices: KnownDevices) {
  return new Hono<HubEnv>()
    .post('/', jsonBody(LoginSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      const known = knownDevices.knows(getCookie(c, KNOWN_DEVICE_COOKIE), username);
      // A throttled or busy login throws an ApiError with retryAfterSeconds: app.ts's onError sets Retry-After.
      const login = await accounts.login(username, password, clientAddress(c), known);
      setSessionCookie(c, login.grant);
      setKnownDeviceCookie(c, knownDevices, username);
      return c.json({ ok: true as const, ...login.info });
    })
    .post('/password', jsonBody(OwnPasswordChangeSchema), async (c) => {
      const actor = actorOf(c);
      if (!actor) throw new ApiError('unauthenticated', 'Log in first.');
      const { currentPassword, newPassword } = c.req.valid('json');
      const changed = await accounts.changeOwnPassword(actor, currentPassword, newPassword);
      setSessionCookie(c, changed.grant);
      return c.json({ ok: true as const, ...changed.info });
    })
    .get('/', (c) => {
      const session = accounts.session(getCookie(c, SESSION_COOKIE));
      if (!session) throw new ApiError('unauthenticated', 'Not logged in.');
      return c.json({ ok: true as const, ...session });
    })
    .delete('/', async (c) => {
      await accounts.logout(getCookie(c, SESSION_COOKIE), actorOf(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const });
    });
}
