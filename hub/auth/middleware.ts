// Middleware factories for authentication, roles and same-origin checks. Each throws ApiError; app.onError words it.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../../shared/model.ts';
import { REQUEST_HEADER } from '../../shared/protocol.ts';
import { ApiError } from '../api-error.ts';
import { SESSION_COOKIE, type SessionUser, type Sessions } from './sessions.ts';

export interface AuthVariables {
  user: SessionUser | null;
}
export type HubEnv = { Variables: AuthVariables };

/** Resolves the session cookie (if any) into `c.var.user`; never refuses by itself. */
export function sessionUser(sessions: Sessions): MiddlewareHandler<HubEnv> {
  return createMiddleware<HubEnv>(async (c, next) => {
    c.set('user', sessions.resolve(getCookie(c, SESSION_COOKIE)));
    await next();
  });
}

/** Only these roles may pass: 401 when not logged in, 403 for another role. */
export function requireRole(...roles: Role[]): MiddlewareHandler<HubEnv> {
  if (roles.length === 0) throw new Error('requireRole needs at least one role');
  return createMiddleware<HubEnv>(async (c, next) => {
    const user = c.get('user');
    if (!user) throw new ApiError('unauthenticated', 'Log in first.');
    if (!roles.includes(user.role)) {
      throw new ApiError('forbidden', `The ${user.role} role may not do this; it needs ${roles.join(' or ')}.`);
    }
    await next();
  });
}

/** The request's Origin header is absent (not a browser) or is this hub's own origin. */
export function fromOwnOrigin(c: Context): boolean {
  return isOwnOrigin(c.req.header('origin'), c.req.url);
}

/** `origin` (an Origin header) is absent or is the origin of `url`, the address the request was made to. */
export function isOwnOrigin(origin: string | undefined, url: string): boolean {
  if (origin === undefined) return true;
  try {
    return origin === new URL(url).origin;
  } catch {
    return false; // a Host header that makes no address
  }
}


/**
 * Refuses state-changing requests that a browser sent from another site: a foreign Origin, or a browser's own
 * word that it is cross-site (Sec-Fetch-Site). Where Origin is missing (old browsers, some proxies) a request
 * that carries a session cookie must also carry REQUEST_HEADER, which no other site can make a browser send.
 * With SameSite=Strict cookies on top, this closes CSRF.
 */
export function sameOriginWrites(): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
    const fetchSite = c.req.header('sec-fetch-site');
    if (!fromOwnOrigin(c) || fetchSite === 'cross-site' || fetchSite === 'same-site') {
      throw new ApiError('bad_origin', 'This request came from another site and was refused.');
    }
    if (c.req.header('origin') === undefined && getCookie(c, SESSION_COOKIE) !== undefined && c.req.header(REQUEST_HEADER) === undefined) {
      throw new ApiError('bad_origin', `A logged-in request without an Origin header must carry ${REQUEST_HEADER}.`);
    }
    await next();
  });
}
