// The CAP feed for subscribers (hub/integrations/cap/cap-feed.ts): no session here; an integration presents its
// secret as a bearer key. Nothing is written or audited per read.
import { Hono, type Context } from 'hono';
import type { HubEnv } from '../auth/middleware.ts';
import { CAP_CONTENT_TYPE } from '../integrations/cap/cap-answer.ts';
import { ATOM_CONTENT_TYPE } from '../integrations/cap/cap-atom-feed.ts';
import type { CapFeed } from '../integrations/cap/cap-feed.ts';
import { clientAddress } from './client-address.ts';

/** Only the key holder may keep a copy; it is asked for again at each poll, and answered 304 when unchanged. */
const CACHE_CONTROL = 'private, no-cache';

export function capFeedRoutes(capFeed: CapFeed) {
  const readerOf = (c: Context<HubEnv>) => capFeed.readerOf(c.req.header('authorization'), clientAddress(c));
  return new Hono<HubEnv>()
    .get('/feed', async (c) => {
      const { xml, etag } = await capFeed.feed(readerOf(c), new URL(c.req.url).origin);
      c.header('ETag', etag);
      c.header('Cache-Control', CACHE_CONTROL);
      if (c.req.header('if-none-match')?.split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
      return c.body(xml, 200, { 'Content-Type': ATOM_CONTENT_TYPE });
    })
    .get('/alerts/:identifier', async (c) => {
      const xml = await capFeed.document(readerOf(c), new URL(c.req.url).origin, c.req.param('identifier'));
      return c.body(xml, 200, { 'Content-Type': CAP_CONTENT_TYPE, 'Cache-Control': CACHE_CONTROL });
    });
}
