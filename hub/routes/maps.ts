// Map images, served from the data directory's maps/ folder. Only plain file names are served, and a strict
// Content-Security-Policy keeps even an SVG opened on its own from running anything.
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { MAP_FILE_PATTERN } from '../../shared/floor-plan.ts';
import { ApiError } from '../api-error.ts';

export function mapRoutes(mapsDir: string) {
  return new Hono().get(
    '/:file',
    async (c, next) => {
      if (!MAP_FILE_PATTERN.test(c.req.param('file'))) throw new ApiError('not_found', 'No such map.');
      await next();
      c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      // Screens keep a copy in their service worker's cache; the hub is asked again whenever they are online.
      c.header('Cache-Control', 'no-cache');
    },
    serveStatic({ root: mapsDir, rewriteRequestPath: (path) => path.replace(/^\/maps\//, '/') }),
  );
}
