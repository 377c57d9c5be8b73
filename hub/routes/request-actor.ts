// Who is asking, for the audit log: the logged-in user behind a route guarded by requireRole, and their address.
import type { Context } from 'hono';
import type { HubEnv } from '../auth/middleware.ts';
import type { Actor } from '../domain/actor.ts';
import { clientAddress } from './client-address.ts';

export function actorOf(c: Context<HubEnv>): Actor {
  const user = c.get('user')!; // requireRole ran first
  return { username: user.username, role: user.role, from: clientAddress(c) };
}
