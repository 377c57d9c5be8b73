// The site: read it (any role, with the version the editor saves against), change its settings, buildings,
// floors, zones and destinations (admin), and export or import the whole site as one file (admin).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { SiteFileSchema, SiteSaveSchema } from '../../shared/site-settings.ts';
import { ApiError } from '../api-error.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { SiteFileOperations } from '../domain/site-file.ts';
import type { SiteOperations } from '../domain/site.ts';
import type { Store } from '../store/store.ts';
import { jsonBody } from './json-body.ts';
import { actorOf } from './request-actor.ts';

/** A whole site with its map images (base64) fits in this. */
export const MAX_SITE_FILE_BYTES = 48 * 1024 * 1024;
/** A campus's settings (100 buildings, 1,000 zones) without its screens or plans. */
export const MAX_SITE_SETTINGS_BYTES = 1024 * 1024;

export function siteRoutes(deps: { store: Store; site: SiteOperations; siteFile: SiteFileOperations }) {
  const { store, site, siteFile } = deps;
  return new Hono<HubEnv>()
    .get('/', requireRole('admin', 'office', 'viewer'), (c) => c.json({ ok: true as const, site: store.data.site, version: site.version() }))
    .put(
      '/',
      requireRole('admin'),
      bodyLimit({
        maxSize: MAX_SITE_SETTINGS_BYTES,
        onError: () => {
          throw new ApiError('payload_too_large', `The site's settings may be at most ${MAX_SITE_SETTINGS_BYTES / 1024} KiB of JSON.`);
        },
      }),
      jsonBody(SiteSaveSchema),
      async (c) => {
      const { baseVersion, settings } = c.req.valid('json');
        const saved = await site.save(baseVersion, settings, actorOf(c));
        return c.json({ ok: true as const, ...saved });
      },
    )
    .get('/export', requireRole('admin'), async (c) => {
      const file = await siteFile.exportFile();
      c.header('Content-Disposition', `attachment; filename="${file.site.id}-site.json"`);
      return c.json(file);
    })
    .post(
      '/import',
      requireRole('admin'),
      bodyLimit({
        maxSize: MAX_SITE_FILE_BYTES,
        onError: () => {
          throw new ApiError('payload_too_large', `A site file may be at most ${MAX_SITE_FILE_BYTES / 1024 / 1024} MiB.`);
        },
      }),
      jsonBody(SiteFileSchema),
      async (c) => {
        const imported = await siteFile.importFile(c.req.valid('json'), actorOf(c));
        return c.json({ ok: true as const, ...imported });
      },
    );
}
