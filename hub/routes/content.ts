// Normal-mode content: read it (any role), publish a new revision (admin).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ApiError } from '../api-error.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import { PublishContentSchema, type ContentOperations } from '../domain/content.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';

/** 500 slides of 2,000 characters, with room to spare. */
const MAX_CONTENT_BYTES = 2 * 1024 * 1024;

const PublishSchema = z.object({ baseRevision: z.number().int().min(0), slides: PublishContentSchema });

export function contentRoutes(content: ContentOperations) {
  return new Hono<HubEnv>()
    .get('/', requireRole('admin', 'office', 'viewer'), (c) => c.json({ ok: true as const, ...content.current() }))
    .put(
      '/',
      requireRole('admin'),
      bodyLimit({
        maxSize: MAX_CONTENT_BYTES,
        onError: () => {
          throw new ApiError('payload_too_large', `The content may be at most ${MAX_CONTENT_BYTES / 1024 / 1024} MiB of JSON.`);
        },
      }),
      jsonBody(PublishSchema),
      async (c) => {
        const { baseRevision, slides } = c.req.valid('json');
        const user = c.get('user')!;
        const published = await content.publish(baseRevision, slides, { username: user.username, role: user.role, from: clientAddress(c) });
        return c.json({ ok: true as const, ...published });
      },
    );
}
