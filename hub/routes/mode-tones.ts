// The tones screens sound when each mode starts and at the All Clear: read (any role), change (admin).
import { Hono } from 'hono';
import { ModeTonesSchema } from '../../shared/mode-tones.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { ModeToneOperations } from '../domain/mode-tones.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';

export function modeToneRoutes(tones: ModeToneOperations) {
  return new Hono<HubEnv>()
    .get('/', requireRole('admin', 'office', 'viewer'), (c) => c.json({ ok: true as const, tones: tones.current() }))
    .put('/', requireRole('admin'), jsonBody(ModeTonesSchema), async (c) => {
      const user = c.get('user')!;
      const saved = await tones.save(c.req.valid('json'), { username: user.username, role: user.role, from: clientAddress(c) });
      return c.json({ ok: true as const, tones: saved });
    });
}
