// The screen's last known state, painted before connecting, so a screen that reboots with the hub down shows the
// mode it last knew (never silently normal): its schema, and its old home in localStorage (screen-state-saver.ts
// keeps it in IndexedDB and falls back to localStorage).
import { z } from 'zod/mini';
import { SlideSchema } from '../../shared/content.ts';
import { WayfindingSchema } from '../../shared/floor-plan.ts';
import { ModeWordingsSchema } from '../../shared/mode-texts.ts';
import { ActiveModeSchema, HazardsSchema, ModeIdSchema, NO_HAZARDS } from '../../shared/model.ts';
import { DEFAULT_PRIORITY } from '../../shared/modes.ts';
import { ScreenProfileSchema, SiteProfileSchema } from '../../shared/protocol.ts';

export const SavedScreenStateSchema = z.object({
  version: z.literal(1),
  seq: z.int().check(z.gte(0)),
  modes: z.array(ActiveModeSchema),
  priority: z.array(ModeIdSchema),
  hazards: z._default(HazardsSchema, NO_HAZARDS),
  /** This building's floor plans, so the screen draws its map and computes its own routes offline. */
  plan: z._default(z.nullable(z.object({ version: z.string(), wayfinding: WayfindingSchema })), null),
  /** The school's own wording of the modes (shared/mode-texts.ts), so a takeover offline says what the school wrote. */
  wordings: z._default(z.nullable(z.object({ version: z.string(), wordings: ModeWordingsSchema })), null),
  /** The normal-mode slides targeted at this screen, scheduled by the screen's own clock (offline too). */
  content: z._default(z.nullable(z.object({ revision: z.number(), slides: z.array(SlideSchema) })), null),
  profile: z.nullable(ScreenProfileSchema),
  site: z.nullable(SiteProfileSchema),
  /** When the hub last said anything (ms since epoch). */
  lastContactAt: z.nullable(z.number()),
});
export type SavedScreenState = z.infer<typeof SavedScreenStateSchema>;

export function emptyScreenState(): SavedScreenState {
  return { version: 1, seq: 0, modes: [], priority: [...DEFAULT_PRIORITY], hazards: NO_HAZARDS, plan: null, wordings: null, content: null, profile: null, site: null, lastContactAt: null };
}

/** Where the state was kept before IndexedDB, and still is where IndexedDB fails. */
export const localScreenStateKey = (screenId: string) => `muster:screen:${screenId}`;

/** The state kept in localStorage, or null when there is none (or it cannot be read). */
export function loadLocalScreenState(screenId: string, storage: Storage): SavedScreenState | null {
  try {
    const raw = storage.getItem(localScreenStateKey(screenId));
    if (raw === null) return null;
    const parsed = SavedScreenStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveLocalScreenState(screenId: string, state: SavedScreenState, storage: Storage): void {
  try {
    storage.setItem(localScreenStateKey(screenId), JSON.stringify(state));
  } catch (error) {
    // A full or disabled storage must not stop the screen from showing the mode it just received.
    console.warn('Could not save the screen state:', error);
  }
}

export function clearLocalScreenState(screenId: string, storage: Storage): void {
  try {
    storage.removeItem(localScreenStateKey(screenId));
  } catch (error) {
    console.warn('Could not remove the screen state from localStorage:', error);
  }
}
