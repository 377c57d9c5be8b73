// Start a mode and give the All Clear: thin adapters over domain/modes.ts.
import { Hono } from 'hono';
import { AllClearRequestSchema, ModeRequestSchema } from '../../shared/model.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { ModeOperations } from '../domain/modes.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';

export function modeRoutes(modes: ModeOperations) {
  const actor = (c: { get(key: 'user'): { username: string; role: 'admin' | 'office' | 'viewer' } | null }, from: string) => {
    const user = c.get('user')!; // requireRole ran first
    return { username: user.username, role: user.role, from };
  };
  return new Hono<HubEnv>()
    .post('/modes', requireRole('office', 'admin'), jsonBody(ModeRequestSchema), async (c) => {
      const active = await modes.setMode(c.req.valid('json'), actor(c, clientAddress(c)));
      return c.json({ ok: true as const, seq: active.seq, mode: active });
    })
    .post('/all-clear', requireRole('office', 'admin'), jsonBody(AllClearRequestSchema), async (c) => {
      const result = await modes.allClear(c.req.valid('json'), actor(c, clientAddress(c)));
      return c.json({ ok: true as const, ...result });
    });
}
