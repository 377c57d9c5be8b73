// Normal-mode content: read it (any role), publish a new revision (admin).
import { readFile } from 'node:fs/promises';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ApiError } from '../api-error.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { Slide } from '../../shared/content.ts';
import { PublishContentSchema, slideImageIds, type ContentOperations } from '../domain/content.ts';
import type { DocumentOperations } from '../domain/documents.ts';
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

/** The pictures of published image slides, for screens (device cookie) and staff; no other document is served here. */
export function contentImageRoutes(documents: DocumentOperations, slides: () => readonly Slide[], mayRead: (c: Context<HubEnv>) => boolean) {
  return new Hono<HubEnv>().get('/:id', async (c) => {
    if (!mayRead(c)) throw new ApiError('unauthenticated', 'Log in, or pair this screen, to see its pictures.');
    const id = c.req.param('id');
    if (!slideImageIds(slides()).has(id)) throw new ApiError('not_found', 'No published slide shows this picture.');
    const { document, path } = documents.file(id);
    if (!document.contentType.startsWith('image/')) throw new ApiError('not_found', 'No published slide shows this picture.');
    const bytes = await readFile(path).catch(() => {
      throw new ApiError('not_found', 'The picture is missing from the hub’s data directory.');
    });
    return c.body(bytes, 200, {
      'Content-Type': document.contentType,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      // Screens keep a copy in their service worker's cache; the hub is asked again whenever they are online.
      'Cache-Control': 'no-cache',
    });
  });
}
