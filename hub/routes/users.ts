// User accounts (admin): list, create, change role or disable, reset a password.
import { Hono, type Context } from 'hono';
import { NewUserSchema, PasswordResetSchema, UserChangeSchema } from '../../shared/users.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { Actor } from '../domain/actor.ts';
import type { UserOperations } from '../domain/users.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';

function actorOf(c: Context<HubEnv>): Actor {
  const user = c.get('user')!; // requireRole ran first
  return { username: user.username, role: user.role, from: clientAddress(c) };
}

export function userRoutes(users: UserOperations) {
  return new Hono<HubEnv>()
    .get('/', requireRole('admin'), (c) => c.json({ ok: true as const, users: users.list() }))
    .post('/', requireRole('admin'), jsonBody(NewUserSchema), async (c) => {
      const result = await users.create(c.req.valid('json'), actorOf(c));
      return c.json({ ok: true as const, ...result });
    })
    .patch('/:username', requireRole('admin'), jsonBody(UserChangeSchema), async (c) => {
      const user = await users.change(c.req.param('username'), c.req.valid('json'), actorOf(c));
      return c.json({ ok: true as const, user });
    })
    .post('/:username/password', requireRole('admin'), jsonBody(PasswordResetSchema), async (c) => {
      const result = await users.resetPassword(c.req.param('username'), c.req.valid('json').password, actorOf(c));
      return c.json({ ok: true as const, ...result });
    });
}
