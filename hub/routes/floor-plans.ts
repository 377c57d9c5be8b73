// Floor plans: read them (any role, as that role may see them), save them and upload map images (admin), and the
// readiness check.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { wayfindingFor } from '../../shared/confidential-points.ts';
import { WayfindingSchema } from '../../shared/floor-plan.ts';
import { IdSchema } from '../../shared/model.ts';
import { ApiError } from '../api-error.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { FloorPlanOperations } from '../domain/floor-plans.ts';
import { MAX_MAP_BYTES } from '../maps/map-images.ts';
import type { Store } from '../store/store.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';

import { queryParams } from './query-params.ts';

/** ?floor=<floor id>, which floor the map is for, and nothing else. */
const MapQuerySchema = z.strictObject({ floor: IdSchema });

const SaveSchema = z.object({ baseVersion: z.string().min(1).max(64), wayfinding: WayfindingSchema });

/** A large campus's plans (thousands of nodes, points and areas) run to a few megabytes of JSON. */
export const MAX_PLANS_BYTES = 8 * 1024 * 1024;

export function floorPlanRoutes(floorPlans: FloorPlanOperations, store: Store) {
  return new Hono<HubEnv>()
    // Every staff role sees the whole plans today; the version is the one an admin saves against.
    .get('/wayfinding', requireRole('admin', 'office', 'viewer'), (c) =>
      c.json({ ok: true as const, version: floorPlans.version(), wayfinding: wayfindingFor(c.get('user')!.role, store.data.wayfinding) }),
    )
    .put(
      '/wayfinding',
      requireRole('admin'),
      bodyLimit({
        maxSize: MAX_PLANS_BYTES,
        onError: () => {
          throw new ApiError('payload_too_large', `Floor plans may be at most ${MAX_PLANS_BYTES / 1024 / 1024} MiB of JSON.`);
        },
      }),
      jsonBody(SaveSchema),
      async (c) => {
      const user = c.get('user')!; // requireRole ran first
      const { baseVersion, wayfinding } = c.req.valid('json');
      const result = await floorPlans.save(baseVersion, wayfinding, { username: user.username, role: user.role, from: clientAddress(c) });
      return c.json({ ok: true as const, ...result });
      },
    )
    .post(
      '/maps',
      requireRole('admin'),
      queryParams(MapQuerySchema),
      bodyLimit({
        maxSize: MAX_MAP_BYTES,
        onError: () => {
          throw new ApiError('payload_too_large', `Map images may be at most ${MAX_MAP_BYTES / 1024 / 1024} MiB.`);
        },
      }),
      async (c) => {
        const { floor } = c.req.valid('query');
        const user = c.get('user')!;
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        const stored = await floorPlans.uploadMap(floor, c.req.header('content-type') ?? '', bytes, { username: user.username, role: user.role, from: clientAddress(c) });
        return c.json({ ok: true as const, ...stored });
      },
    )
    .get('/readiness', requireRole('admin', 'office', 'viewer'), (c) => c.json({ ok: true as const, problems: floorPlans.readiness() }));
}
