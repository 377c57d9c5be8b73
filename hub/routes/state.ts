// The emergency state and the roll-call built from render receipts.
import { Hono } from 'hono';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';

export function stateRoutes(realtime: RealtimeHub) {
  return new Hono<HubEnv>().get('/', requireRole('admin', 'office', 'viewer'), (c) => c.json({ ok: true as const, state: realtime.state() }));
}
