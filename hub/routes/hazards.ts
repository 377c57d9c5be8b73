// Mark or clear hazard areas and blocked exits (office, admin).
import { Hono } from 'hono';
import { HazardChangeSchema } from '../../shared/model.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { HazardOperations } from '../domain/hazards.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';

export function hazardRoutes(hazards: HazardOperations) {
  return new Hono<HubEnv>().post('/hazards', requireRole('office', 'admin'), jsonBody(HazardChangeSchema), async (c) => {
      const user = c.get('user')!; // requireRole ran first
      const result = await hazards.change(c.req.valid('json'), { username: user.username, role: user.role, from: clientAddress(c) });
      return c.json({ ok: true as const, ...result });
    });
}
