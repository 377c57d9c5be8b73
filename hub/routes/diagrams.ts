// Printable evacuation diagrams (any role): GET /api/diagram?screen=<id>, or ?floor=&x=&y=&facing=&label= for a room.
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { IdSchema } from '../../shared/model.ts';
import { ApiError } from '../api-error.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { EvacuationDiagrams } from '../diagrams/evacuation-diagrams.ts';

const DiagramQuerySchema = z.union([
  z.object({ screen: IdSchema }),
  z.object({
    floor: IdSchema,
    x: z.coerce.number().finite(),
    y: z.coerce.number().finite(),
    facing: z.coerce.number().min(0).lt(360).default(0),
    label: z.string().trim().min(1).max(120),
  }),
]);

export function diagramRoutes(diagrams: EvacuationDiagrams) {
  return new Hono<HubEnv>().get(
    '/diagram',
    requireRole('admin', 'office', 'viewer'),
    zValidator('query', DiagramQuerySchema, (result) => {
      if (!result.success) throw new ApiError('bad_request', `Give ?screen=<id>, or ?floor=<id>&x=&y=&label= (and facing in degrees): ${z.prettifyError(result.error)}`);
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { pdf, fileName } = await diagrams.render(
        'screen' in query
          ? { kind: 'screen', screenId: query.screen }
          : { kind: 'point', floorId: query.floor, position: { x: query.x, y: query.y }, facingDegrees: query.facing, label: query.label },
      );
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${fileName}"` });
    },
  );
}
