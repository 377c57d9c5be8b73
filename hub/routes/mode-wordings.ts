// The school's wording of each mode's directive and steps: read (any role), change or restore (admin).
import { Hono, type Context } from 'hono';
import { ModeWordingSchema } from '../../shared/mode-texts.ts';
import { EmergencyModeSchema, LanguageSchema, type EmergencyModeId, type Language } from '../../shared/model.ts';
import { ApiError } from '../api-error.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { ModeWordingOperations } from '../domain/mode-wordings.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';

function target(c: Context<HubEnv>): { mode: EmergencyModeId; language: Language } {
  const mode = EmergencyModeSchema.safeParse(c.req.param('mode'));
  const language = LanguageSchema.safeParse(c.req.param('language'));
  if (!mode.success) throw new ApiError('bad_request', `"${c.req.param('mode')}" is not a mode whose wording can be changed (${EmergencyModeSchema.options.join(', ')}).`);
  if (!language.success) throw new ApiError('bad_request', `"${c.req.param('language')}" is not a language of Muster (${LanguageSchema.options.join(', ')}).`);
  return { mode: mode.data, language: language.data };
}

export function modeWordingRoutes(wordings: ModeWordingOperations) {
  return new Hono<HubEnv>()
    .get('/', requireRole('admin', 'office', 'viewer'), (c) => c.json({ ok: true as const, ...wordings.current() }))
    .put('/:mode/:language', requireRole('admin'), jsonBody(ModeWordingSchema), async (c) => {
      const { mode, language } = target(c);
      const user = c.get('user')!;
      const saved = await wordings.save(mode, language, c.req.valid('json'), { username: user.username, role: user.role, from: clientAddress(c) });
      return c.json({ ok: true as const, ...saved });
    })
    .delete('/:mode/:language', requireRole('admin'), async (c) => {
      const { mode, language } = target(c);
      const user = c.get('user')!;
      const saved = await wordings.restore(mode, language, { username: user.username, role: user.role, from: clientAddress(c) });
      return c.json({ ok: true as const, ...saved });
    });
}
