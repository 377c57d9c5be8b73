// Readiness sweeps (hub/sweep/readiness-sweeps.ts): the admin starts and ends them and, at each screen, enters its code,
// sounds its test tone and records what was found; anyone on staff sees when each screen was last swept.
import { Hono } from 'hono';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import { StartSweepSchema, SweepFindingSchema } from '../../shared/sweep.ts';
import type { ReadinessSweeps } from '../sweep/readiness-sweeps.ts';
import { jsonBody } from './json-body.ts';
import { actorOf } from './request-actor.ts';

export function sweepRoutes(sweeps: ReadinessSweeps) {
  return new Hono<HubEnv>()
    .get('/', requireRole('admin', 'office', 'viewer'), (c) => c.json({ ok: true as const, ...sweeps.overview() }))
    .post('/', requireRole('admin'), jsonBody(StartSweepSchema), async (c) => {
      const sweep = await sweeps.start(c.req.valid('json'), actorOf(c));
      return c.json({ ok: true as const, sweep });
    })
    .delete('/:sweepId', requireRole('admin'), async (c) => {
      await sweeps.end(c.req.param('sweepId'), actorOf(c));
      return c.json({ ok: true as const });
    })
    // The code in the path is what proves the manager stands at the screen: it is all these routes go by.
    .get('/codes/:code', requireRole('admin'), (c) => c.json({ ok: true as const, swept: sweeps.find(c.req.param('code')) }))
    .post('/codes/:code/test-tone', requireRole('admin'), (c) => {
      sweeps.testTone(c.req.param('code'));
      return c.json({ ok: true as const });
    })
    .put('/codes/:code/finding', requireRole('admin'), jsonBody(SweepFindingSchema), async (c) => {
      const result = await sweeps.record(c.req.param('code'), c.req.valid('json'), actorOf(c));
      return c.json({ ok: true as const, result });
    });
}
