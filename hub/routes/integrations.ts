// Integrations: the admin console sets them up (admin only), and the integrations post their events here.
import { Hono } from 'hono';
import { IntegrationChangeSchema, NewIntegrationSchema } from '../../shared/integrations.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { IntegrationOperations } from '../domain/integrations.ts';
import type { InboundEvents } from '../integrations/inbound-events.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';
import { actorOf } from './request-actor.ts';

export function integrationRoutes(integrations: IntegrationOperations, inbound: InboundEvents) {
  return (
    new Hono<HubEnv>()
      .get('/', requireRole('admin'), (c) => c.json({ ok: true as const, integrations: integrations.list() }))
      .post('/', requireRole('admin'), jsonBody(NewIntegrationSchema), async (c) => {
        const result = await integrations.create(c.req.valid('json'), actorOf(c));
        return c.json({ ok: true as const, ...result });
      })
      .patch('/:id', requireRole('admin'), jsonBody(IntegrationChangeSchema), async (c) => {
        const integration = await integrations.change(c.req.param('id'), c.req.valid('json'), actorOf(c));
        return c.json({ ok: true as const, integration });
      })
      .post('/:id/secret', requireRole('admin'), async (c) => {
        const result = await integrations.newSecret(c.req.param('id'), actorOf(c));
        return c.json({ ok: true as const, ...result });
      })
      .delete('/:id', requireRole('admin'), async (c) => {
        await integrations.remove(c.req.param('id'), actorOf(c));
        return c.json({ ok: true as const });
      })
      // No session here: the integration proves itself with its signature or key (hub/integrations/inbound-events.ts).
      // The body is read once, as text, because the signature covers its exact bytes; app.ts bounds its size.
      .post('/:id/events', async (c) => {
        const answer = await inbound.receive({
          integrationId: c.req.param('id'),
          body: await c.req.text(),
          webhook: { id: c.req.header('webhook-id'), timestamp: c.req.header('webhook-timestamp'), signature: c.req.header('webhook-signature') },
          authorization: c.req.header('authorization'),
          from: clientAddress(c),
        });
        if (answer.replayed) c.header('Idempotent-Replayed', 'true');
        return c.json(answer.body);
      })
  );
}
