// Log in, who am I, log out.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { ApiError } from '../api-error.ts';
import type { HubEnv } from '../auth/middleware.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { SESSION_COOKIE, type Sessions } from '../auth/sessions.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { Store } from '../store/store.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';

const LoginSchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(1024) });

const PasswordChangeSchema = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(10, 'use at least 10 characters').max(1024) })
  .refine((change) => change.newPassword !== change.currentPassword, { message: 'the new password must differ from the current one', path: ['newPassword'] });

export function sessionRoutes(deps: {
  store: Store;
  sessions: Sessions;
  throttle: LoginThrottle;
  audit: AuditLog;
  maxAgeMs: number;
  /** Logs out the user's open consoles when all their sessions end. */
  endConsoles: (username: string) => void;
}) {
  const { store, sessions, throttle, audit } = deps;

  /** A new session for `username`, as an HttpOnly, SameSite=Strict cookie (Secure under TLS). */
  async function startSession(c: Context<HubEnv>, username: string): Promise<void> {
    const id = await sessions.create(username);
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: Math.floor(deps.maxAgeMs / 1000),
    });
  }

  return new Hono<HubEnv>()
    .post('/', jsonBody(LoginSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      const from = clientAddress(c);
      const waitMs = throttle.retryAfterMs(username, from);
      if (waitMs > 0) {
        c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
        throw new ApiError('login_throttled', `Too many failed logins. Try again in ${Math.ceil(waitMs / 1000)} seconds.`);
      }
      const user = store.data.users.find((u) => u.username === username);
      // Hash even for unknown users so the response time does not reveal which usernames exist.
      const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !valid || user.disabled) {
        throttle.recordFailure(username, from);
        await audit.append({ at: new Date().toISOString(), who: username, role: 'system', from, action: 'session.login-failed' });
        // Holding the answer (without blocking the hub) makes guessing slow long before the lock.
        await new Promise((resolve) => setTimeout(resolve, throttle.failureDelayMs(username, from)));
        // Only someone who knows the password learns that the account is disabled, and then whom to ask.
        if (user && valid && user.disabled) throw new ApiError('invalid_credentials', 'This account is disabled. Ask an administrator to enable it.');
        const left = throttle.attemptsLeft(username, from);
        throw new ApiError(
          'invalid_credentials',
          left > 0 && left <= 3
            ? `Wrong username or password. ${left} more ${left === 1 ? 'try' : 'tries'} before logins are locked for ${throttle.lockSeconds} seconds.`
            : 'Wrong username or password.',
        );
      }
      throttle.recordSuccess(username, from);
      await startSession(c, user.username);
      await audit.append({ at: new Date().toISOString(), who: user.username, role: user.role, from, action: 'session.login' });
      return c.json({ ok: true as const, user: { username: user.username, role: user.role } });
    })
    .post('/password', jsonBody(PasswordChangeSchema), async (c) => {
      const current = c.get('user');
      if (!current) throw new ApiError('unauthenticated', 'Log in first.');
      const from = clientAddress(c);
      const { currentPassword, newPassword } = c.req.valid('json');
      const waitMs = throttle.retryAfterMs(current.username, from);
      if (waitMs > 0) throw new ApiError('login_throttled', `Too many wrong passwords. Try again in ${Math.ceil(waitMs / 1000)} seconds.`);
      const user = store.data.users.find((u) => u.username === current.username);
      if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
        throttle.recordFailure(current.username, from);
        throw new ApiError('invalid_credentials', 'The current password is wrong.');
      }
      const passwordHash = await hashPassword(newPassword);
      await store.update((data) => {
        const stored = data.users.find((u) => u.username === user.username);
        if (stored) stored.passwordHash = passwordHash;
      });
      // Whoever knew the old password is logged out everywhere; this device gets a fresh session.
      await sessions.destroyAllOf(user.username);
      deps.endConsoles(user.username);
      await startSession(c, user.username);
      await audit.append({ at: new Date().toISOString(), who: user.username, role: user.role, from, action: 'user.password-changed' });
      return c.json({ ok: true as const });
    })
    .get('/', (c) => {
      const user = c.get('user');
      if (!user) throw new ApiError('unauthenticated', 'Not logged in.');
      return c.json({ ok: true as const, user });
    })
    .delete('/', async (c) => {
      const user = c.get('user');
      await sessions.destroy(getCookie(c, SESSION_COOKIE));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      if (user) {
        await audit.append({ at: new Date().toISOString(), who: user.username, role: user.role, from: clientAddress(c), action: 'session.logout' });
      }
      return c.json({ ok: true as const });
    });
}
