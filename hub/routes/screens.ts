// Pairing screens (admin): enter the code a new screen shows and place it; unpair a screen to disconnect it.
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { ScreenPreviewer } from '../domain/screen-preview.ts';
import { PairScreenSchema, type ScreenOperations } from '../domain/screens.ts';
import { SlidesSchema } from '../../shared/content.ts';
import { PreviewModeSchema } from '../../shared/screen-preview.ts';
import { ApiError } from '../api-error.ts';
import { IdSchema } from '../../shared/model.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';
import { queryParams } from './query-params.ts';

/** ?mode=now (the default) or an emergency mode; nothing else, so a misspelt parameter is not silently ignored. */
const PreviewQuerySchema = z.strictObject({
  mode: z.union(PreviewModeSchema.def.options, { error: `use now or one of ${PreviewModeSchema.def.options[1].options.join(', ')}` }).optional(),
});

/** Before one browser profile could run several screens, the name of its one device cookie; now the prefix of each. */
export const DEVICE_COOKIE = 'muster_device';
/** At most this many device cookies are looked at per request (a profile rarely runs more than a few screens). */
const MAX_DEVICE_COOKIES = 16;

/** One cookie per screen: several screens in one browser profile share its cookies, and each must keep its own. */
export function deviceCookieName(screenId: string): string {
  return `${DEVICE_COOKIE}_${screenId}`;
}

const DraftPreviewSchema = z.object({ mode: PreviewModeSchema, slides: SlidesSchema });

const ScreenSoundSchema = z.object({ sound: z.boolean() });

const DeviceSessionSchema = z.object({ screenId: IdSchema, token: z.string().min(1).max(256) });

/** The device cookie's value, "screenId.token", if it is well formed. */
export function parseDeviceCookie(value: string | undefined): { screenId: string; token: string } | null {
  const dot = value?.indexOf('.') ?? -1;
  if (!value || dot < 1) return null;
  return { screenId: value.slice(0, dot), token: value.slice(dot + 1) };
}

/** Every device cookie a request carries (one per screen of the browser profile, or the old single one), well formed. */
export function deviceCookies(cookies: Record<string, string>): { screenId: string; token: string }[] {
  return Object.entries(cookies)
    .filter(([name]) => name === DEVICE_COOKIE || name.startsWith(`${DEVICE_COOKIE}_`))
    .slice(0, MAX_DEVICE_COOKIES)
    .flatMap(([, value]) => parseDeviceCookie(value) ?? []);
}

function screenIdParam(screenId: string): string {
  if (!IdSchema.safeParse(screenId).success) throw new ApiError('bad_request', `"${screenId}" is not a screen id.`);
  return screenId;
}

export function screenRoutes(screens: ScreenOperations, preview: ScreenPreviewer) {
  return new Hono<HubEnv>()
    // A paired screen trades its token for a cookie that lets it load map images (an <image> cannot send a token).
    // Each screen has a cookie of its own, so one screen of a profile unpaired leaves the others theirs.
    .post('/session', jsonBody(DeviceSessionSchema), (c) => {
      const { screenId, token } = c.req.valid('json');
      if (screens.access(screenId, token) !== 'ok') {
        deleteCookie(c, deviceCookieName(screenId), { path: '/' });
        throw new ApiError('unauthenticated', 'This screen is not paired with the hub: pair it again.');
      }
      setCookie(c, deviceCookieName(screenId), `${screenId}.${token}`, {
        httpOnly: true,
        sameSite: 'Strict',
        // Map images (/maps) and pictures of slides (/content-images): an <image> or <img> cannot carry a token.
        path: '/',
        secure: new URL(c.req.url).protocol === 'https:',
        maxAge: 365 * 86_400,
      });
      // The one cookie of hubs before this, shared by every screen of the profile: it goes once the screen has its own.
      if (getCookie(c, DEVICE_COOKIE) !== undefined) deleteCookie(c, DEVICE_COOKIE, { path: '/' });
      return c.json({ ok: true as const });
    })
    .post('/pair', requireRole('admin'), jsonBody(PairScreenSchema), async (c) => {
      const user = c.get('user')!; // requireRole ran first
      const { screen } = await screens.pair(c.req.valid('json'), { username: user.username, role: user.role, from: clientAddress(c) });
      return c.json({ ok: true as const, screen });
    })
    .post('/:screenId/link', requireRole('admin'), async (c) => {
      const screenId = screenIdParam(c.req.param('screenId'));
      const user = c.get('user')!;
      const link = await screens.newLink(screenId, { username: user.username, role: user.role, from: clientAddress(c) });
      return c.json({ ok: true as const, ...link });
    })
    .get('/:screenId/preview', requireRole('admin', 'office', 'viewer'), queryParams(PreviewQuerySchema), (c) => {
      const { mode = 'now' } = c.req.valid('query');
      return c.json({ ok: true as const, preview: preview(screenIdParam(c.req.param('screenId')), mode) });
    })
    // The content editor's preview of unpublished slides: a read, sent as a POST because it carries the draft.
    .post('/:screenId/preview', requireRole('admin'), jsonBody(DraftPreviewSchema), (c) => {
      const { mode, slides } = c.req.valid('json');
      return c.json({ ok: true as const, preview: preview(screenIdParam(c.req.param('screenId')), mode, slides) });
    })
    .post('/:screenId/identify', requireRole('admin'), (c) => {
      screens.command(screenIdParam(c.req.param('screenId')), 'identify');
      return c.json({ ok: true as const });
    })
    .post('/:screenId/reload', requireRole('admin'), (c) => {
      screens.command(screenIdParam(c.req.param('screenId')), 'reload');
      return c.json({ ok: true as const });
    })
    .put('/:screenId/sound', requireRole('admin'), jsonBody(ScreenSoundSchema), async (c) => {
      const screenId = screenIdParam(c.req.param('screenId'));
      const user = c.get('user')!;
      await screens.setSound(screenId, c.req.valid('json').sound, { username: user.username, role: user.role, from: clientAddress(c) });
      return c.json({ ok: true as const });
    })
    .delete('/:screenId/pairing', requireRole('admin'), async (c) => {
      const screenId = screenIdParam(c.req.param('screenId'));
      const user = c.get('user')!;
      await screens.unpair(screenId, { username: user.username, role: user.role, from: clientAddress(c) });
      return c.json({ ok: true as const });
    });
}
