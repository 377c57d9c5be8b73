// Weather alerts from a CAP feed: the settings and the feed's health (admin), "check now" (admin), and the alerts the
// office is offered now (any console role; consoles also get them live over the socket).
import { Hono } from 'hono';
import { WeatherSettingsSchema } from '../../shared/weather-settings.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { WeatherSettingsOperations } from '../domain/weather-settings.ts';
import type { WeatherFeed } from '../integrations/weather/weather-feed.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';

export function weatherRoutes(settings: WeatherSettingsOperations, feed: WeatherFeed) {
  return new Hono<HubEnv>()
    .get('/', requireRole('admin'), (c) => c.json({ ok: true as const, settings: settings.current(), status: feed.status() }))
    .put('/', requireRole('admin'), jsonBody(WeatherSettingsSchema), async (c) => {
      const user = c.get('user')!;
      const saved = await settings.save(c.req.valid('json'), { username: user.username, role: user.role, from: clientAddress(c) });
      return c.json({ ok: true as const, settings: saved, status: feed.status() });
    })
    .post('/check', requireRole('admin'), async (c) => c.json({ ok: true as const, status: await feed.pollNow(), offers: feed.offers() }))
    .get('/alerts', requireRole('admin', 'office', 'viewer'), (c) => c.json({ ok: true as const, offers: feed.offers() }));
}
