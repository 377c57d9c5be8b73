// Pairing screens with the hub: an admin enters the code a new screen shows, names and places it, and the
// screen receives a device token it identifies with from then on. Revoking the pairing disconnects it at once.
import { z } from 'zod';
import { IdSchema, LanguageLayoutSchema, LanguageSchema, ScreenSchema, SiteSchema, type Screen } from '../../shared/model.ts';
import { ApiError } from '../api-error.ts';
import { deviceTokenMatches, newDeviceToken } from '../auth/device-tokens.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';
import type { AuditLog } from '../store/audit-log.ts';
import { lookupBy } from '../store/lookup-by.ts';
import type { Store, StoredDevice } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { auditRecorder, durableWriter } from './change-kit.ts';
import { idFromName } from '../../shared/site-settings.ts';
import { siteVersion } from './site.ts';

export const PairScreenSchema = z.object({
  code: z.string().trim().min(4).max(16),
  /** Pair as this existing screen (a replaced kiosk); omitted: a new screen, its id made from the name. */
  screenId: z.optional(IdSchema),
  name: z.string().trim().min(1).max(120),
  buildingId: IdSchema,
  floorId: IdSchema,
  zoneId: z.nullable(IdSchema),
  location: z.string().trim().max(200),
  locationTranslations: ScreenSchema.shape.locationTranslations,
  language: z.optional(LanguageSchema),
  /** Left out: the screen shows one language. */
  secondLanguage: z.optional(LanguageSchema),
  languageLayout: z.optional(LanguageLayoutSchema),
  tags: z.array(IdSchema).max(20).optional(),
  /** False: the screen stays silent; omitted: as the screen it replaces was, else on. */
  sound: z.boolean().optional(),
});
export type PairScreenRequest = z.infer<typeof PairScreenSchema>;

export interface ScreenOperationsDeps {
  store: Store;
  audit: AuditLog;
  realtime: RealtimeHub;
  now?: () => Date;
}

export function createScreenOperations({ store, audit, realtime, now = () => new Date() }: ScreenOperationsDeps) {
  const record = auditRecorder(audit, now);
  const persist = durableWriter(store, 'the screens');
  // Every screen's hello asks for its device: by screen id, not a scan of 10,000 devices.
  const devicesByScreen = lookupBy((device: StoredDevice) => device.screenId);
  const deviceOf = (screenId: string) => devicesByScreen(store.data.devices).get(screenId);

  return {
    /** Whether a screen's hello may go on: only with the token of its paired device. */
    access(screenId: string, token: string | null): 'ok' | 'invalid' {
      const device = deviceOf(screenId);
      return device && token !== null && deviceTokenMatches(token, device.tokenHash) ? 'ok' : 'invalid';
    },

    isPaired(screenId: string): boolean {
      return deviceOf(screenId) !== undefined;
    },

    async pair(request: PairScreenRequest, actor: Actor): Promise<{ screen: Screen }> {
      if (!realtime.hasPairingCode(request.code)) {
        throw new ApiError('not_found', `No screen is showing the code ${request.code.toUpperCase()}. Codes change every 10 minutes: check the screen and type the code it shows now.`);
      }
      const site = store.data.site;
      const existing = request.screenId ? site.screens.find((s) => s.id === request.screenId) : undefined;
      if (request.screenId && !existing) throw new ApiError('unknown_screen', `No screen "${request.screenId}" on this site.`);
      const screen: Screen = {
        id: existing?.id ?? idFromName(request.name, new Set(site.screens.map((s) => s.id)), 'screen'),
        name: request.name,
        buildingId: request.buildingId,
        floorId: request.floorId,
        zoneId: request.zoneId,
        location: request.location,
        ...(request.locationTranslations ? { locationTranslations: request.locationTranslations } : {}),
        language: request.language ?? existing?.language ?? site.defaultLanguage,
        ...(request.secondLanguage ? { secondLanguage: request.secondLanguage } : {}),
        ...(request.secondLanguage && request.languageLayout === 'side-by-side' ? { languageLayout: request.languageLayout } : {}),
        ...(request.tags ? { tags: request.tags } : existing?.tags ? { tags: existing.tags } : {}),
        ...((request.sound ?? existing?.sound) === false ? { sound: false } : {}),
      };
      const screens = existing ? site.screens.map((s) => (s.id === screen.id ? screen : s)) : [...site.screens, screen];
      // The site's own rules (the floor belongs to the building, the zone too) say what is wrong, in its words.
      const checked = SiteSchema.safeParse({ ...site, screens });
      if (!checked.success) throw new ApiError('bad_request', `The screen was not paired: ${z.prettifyError(checked.error)}`);

      const { token, tokenHash } = newDeviceToken();
      await persist((draft) => {
        draft.site = checked.data;
        draft.devices = [...draft.devices.filter((d) => d.screenId !== screen.id), { screenId: screen.id, tokenHash, pairedAt: now().toISOString(), pairedBy: actor.username }];
      });
      realtime.syncScreens();
      // A kiosk this screen replaces is disconnected: its token no longer matches.
      realtime.disconnectScreen(screen.id);
      if (!realtime.completePairing(request.code, screen.id, token)) {
        await persist((draft) => void (draft.devices = draft.devices.filter((d) => d.tokenHash !== tokenHash)));
        throw new ApiError('not_found', 'The screen stopped showing the code before it could be paired. Type the code it shows now.');
      }
      realtime.tellConsolesSiteChanged(siteVersion(checked.data));
      await record(actor, 'screen.paired', `${screen.id} (${screen.name})${existing ? ', replacing its previous device' : ''}`);
      return { screen };
    },

    /** A new device token for a screen, for a kiosk URL (set-up, or a kiosk whose storage was wiped); the old one stops working. */
    async newLink(screenId: string, actor: Actor): Promise<{ path: string }> {
      if (!store.data.site.screens.some((s) => s.id === screenId)) throw new ApiError('unknown_screen', `No screen "${screenId}" on this site.`);
      const { token, tokenHash } = newDeviceToken();
      await persist((draft) => {
        draft.devices = [...draft.devices.filter((d) => d.screenId !== screenId), { screenId, tokenHash, pairedAt: now().toISOString(), pairedBy: actor.username }];
      });
      realtime.disconnectScreen(screenId);
      await record(actor, 'screen.paired', `${screenId}, by a new link`);
      // The token goes in the fragment: browsers never send it to the server or in a Referer.
      return { path: `/screen/?id=${encodeURIComponent(screenId)}#token=${token}` };
    },

    /** Show its name for a while, or reload its app (a screen in a mode reloads once back in normal times). */
    command(screenId: string, command: 'identify' | 'reload'): void {
      if (!store.data.site.screens.some((s) => s.id === screenId)) throw new ApiError('unknown_screen', `No screen "${screenId}" on this site.`);
      if (!realtime.commandScreen(screenId, command)) throw new ApiError('conflict', `The screen "${screenId}" is offline; try again when it is back online.`);
    },

    /** Turn a screen's tones on or off (off: a library, a room people hide in); it hears of it at once. */
    async setSound(screenId: string, sound: boolean, actor: Actor): Promise<void> {
      if (!store.data.site.screens.some((s) => s.id === screenId)) throw new ApiError('unknown_screen', `No screen "${screenId}" on this site.`);
      await persist((draft) => {
        // On is the default and is left out, so a site file exported afterwards reads as before.
        draft.site = { ...draft.site, screens: draft.site.screens.map((s) => (s.id !== screenId ? s : sound ? withoutSound(s) : { ...s, sound: false })) };
      });
      realtime.publishSite(siteVersion(store.data.site));
      await record(actor, 'screen.sound-changed', `${screenId}: tones ${sound ? 'on' : 'off'}`);
    },

    async unpair(screenId: string, actor: Actor): Promise<void> {
      if (!store.data.site.screens.some((s) => s.id === screenId)) throw new ApiError('unknown_screen', `No screen "${screenId}" on this site.`);
      if (!deviceOf(screenId)) throw new ApiError('conflict', `The screen "${screenId}" is not paired.`);
      await persist((draft) => void (draft.devices = draft.devices.filter((d) => d.screenId !== screenId)));
      realtime.disconnectScreen(screenId);
      await record(actor, 'screen.unpaired', screenId);
    },
  };
}

function withoutSound({ sound: _sound, ...screen }: Screen): Screen {
  return screen;
}

export type ScreenOperations = ReturnType<typeof createScreenOperations>;
