// The site: buildings, floors, zones, screens and evacuation destinations.
import { Hono } from 'hono';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { Store } from '../store/store.ts';

export function siteRoutes(store: Store) {
  return new Hono<HubEnv>().get('/', requireRole('admin', 'office', 'viewer'), (c) => c.json({ ok: true as const, site: store.data.site }));
}
