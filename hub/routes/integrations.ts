// Integrations: the admin console sets them up (admin only), and the integrations post their events here.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../api-error.ts';
import { capAnswer, CAP_CONTENT_TYPE } from '../integrations/cap/cap-answer.ts';
import { CAP_MAX_BYTES } from '../integrations/cap/cap-validator.ts';
import { CapNotUnderstood } from '../integrations/inbound-events.ts';
import type { Outbox } from '../integrations/outbox.ts';
import { IntegrationChangeSchema, NewIntegrationSchema } from '../../shared/integrations.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { IntegrationOperations } from '../domain/integrations.ts';
import type { InboundEvents } from '../integrations/inbound-events.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';
import { actorOf } from './request-actor.ts';

/** XML media types a CAP sender may use (CAP 1.2 names application/cap+xml; many send plain XML). */
const CAP_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'];

export function integrationRoutes(integrations: IntegrationOperations, inbound: InboundEvents, hubName: () => string, outbox: Outbox) {
  /** Every answer to a CAP sender is CAP: an Ack, or an Error with the HTTP status of the refusal. */
  const capReply = (c: Context<HubEnv>, kind: 'Ack' | 'Error', note: string, answered: CapNotUnderstood['answered'] | null, status: 200 | ApiError['status'] = 200) =>
    c.body(capAnswer({ kind, sender: hubName(), answered, note, at: new Date() }), status, { 'Content-Type': CAP_CONTENT_TYPE });
  const capLimit = bodyLimit({ maxSize: CAP_MAX_BYTES, onError: () => { throw new ApiError('payload_too_large', `A CAP message may be at most ${CAP_MAX_BYTES / 1024} KiB.`); } });
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
      // What Muster told it lately (outbound webhooks), newest first: each message's attempts and last error.
      .get('/:id/deliveries', requireRole('admin'), (c) => c.json({ ok: true as const, deliveries: outbox.deliveries(c.req.param('id')).map(({ body: _body, ...delivery }) => delivery) }))
      .post('/:id/test', requireRole('admin'), async (c) => {
        const result = await inbound.test(c.req.param('id'), actorOf(c));
        return c.json({ ok: true as const, result });
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
      // CAP 1.2 alerts, signed or with the key as for JSON events; answered with a CAP Ack or Error.
      .post('/:id/cap', async (c) => {
        try {
          const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
          if (!CAP_TYPES.includes(type)) throw new ApiError('unsupported_type', `Send CAP as ${CAP_TYPES.join(' or ')}.`);
          let body = '';
          await capLimit(c, async () => {
            body = await c.req.text();
          });
          const receipt = await inbound.receiveCap({
            integrationId: c.req.param('id'),
            body,
            webhook: { id: c.req.header('webhook-id'), timestamp: c.req.header('webhook-timestamp'), signature: c.req.header('webhook-signature') },
            authorization: c.req.header('authorization'),
            from: clientAddress(c),
          });
          if (receipt.replayed) c.header('Idempotent-Replayed', 'true');
          return capReply(c, 'Ack', receipt.note, receipt.answered);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          return capReply(c, 'Error', error.message, error instanceof CapNotUnderstood ? error.answered : null, error.status);
        }
      })
  );
}
