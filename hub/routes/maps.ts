// Map images, served from the data directory's maps/ folder. Only plain file names are served, and a strict
// Content-Security-Policy keeps even an SVG opened on its own from running anything.
import { Hono, type Context } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { MAP_FILE_PATTERN } from '../../shared/floor-plan.ts';
import { ApiError } from '../api-error.ts';

import type { HubEnv } from '../auth/middleware.ts';

/** `mayRead`: staff with a session, or a paired screen with its device cookie. */
export function mapRoutes(mapsDir: string, mayRead: (c: Context<HubEnv>) => boolean) {
  return new Hono<HubEnv>().get(
    '/:file',
    async (c, next) => {
      if (!mayRead(c)) throw new ApiError('unauthenticated', 'Log in, or pair this screen, to see the floor maps.');
      if (!MAP_FILE_PATTERN.test(c.req.param('file'))) throw new ApiError('not_found', 'No such map.');
      await next();
      c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      // Screens keep a copy in their service worker's cache; the hub is asked again whenever they are online.
      c.header('Cache-Control', 'no-cache');
    },
    serveStatic({ root: mapsDir, rewriteRequestPath: (path) => path.replace(/^\/maps\//, '/') }),
  );
}
