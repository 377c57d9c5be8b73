// The hub's durable state: the site, users and sessions in one lowdb JSON file, and the emergency mode state
// in a small file of its own, so a mode change writes a few hundred bytes, never the whole site.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DocumentRecordSchema } from '../../shared/documents.ts';
import { WayfindingSchema } from '../../shared/floor-plan.ts';
import { SlidesSchema } from '../../shared/content.ts';
import { ModeWordingsSchema } from '../../shared/mode-texts.ts';
import { DEFAULT_MODE_TONES, ModeTonesSchema } from '../../shared/mode-tones.ts';
import { ModeStateSchema, RoleSchema, SiteSchema, type ModeState } from '../../shared/model.ts';
import { openJsonDocument } from './json-document.ts';

export const StoredUserSchema = z.object({
  username: z.string(),
  role: RoleSchema,
  /** scrypt$N$r$p$salt$hash, see auth/passwords.ts */
  passwordHash: z.string(),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type StoredUser = z.infer<typeof StoredUserSchema>;

export const StoredSessionSchema = z.object({
  /** SHA-256 of the cookie value: a copy of the file does not let anyone log in. */
  idHash: z.string(),
  username: z.string(),
  createdAt: z.iso.datetime(),
});
export type StoredSession = z.infer<typeof StoredSessionSchema>;

/** A paired screen device: only a hash of its token is kept, so a copy of the file lets no one in. */
export const StoredDeviceSchema = z.object({
  screenId: z.string(),
  /** SHA-256 (hex) of the device token. */
  tokenHash: z.string(),
  pairedAt: z.iso.datetime(),
  pairedBy: z.string(),
});
export type StoredDevice = z.infer<typeof StoredDeviceSchema>;

/** Exported for `npm run restore`, which checks a restored store with the hub's own schema before putting it in place. */
export const MainDataSchema = z.object({
  schemaVersion: z.literal(1),
  site: SiteSchema,
  wayfinding: z._default(WayfindingSchema, { floors: [], links: [], screens: [] }),
  users: z.array(StoredUserSchema),
  sessions: z.array(StoredSessionSchema),
  /** Paired screen devices, at most one per screen. */
  devices: z.array(StoredDeviceSchema).default([]),
  /** The school's own wording of the modes' directives and steps (shared/mode-texts.ts). */
  modeWordings: z._default(ModeWordingsSchema, {}),
  /** The tone each mode starts with on the screens, and the All Clear's (shared/mode-tones.ts). */
  modeTones: z._default(ModeTonesSchema, DEFAULT_MODE_TONES),
  /** Normal-mode slides; `revision` grows with every publish. */
  content: z.object({ revision: z.number().int().min(0), slides: SlidesSchema }).default({ revision: 0, slides: [] }),
  /** The document library's records; the files are in the data directory's documents/ folder. */
  documents: z.array(DocumentRecordSchema).default([]),
  /** Only in stores written before the mode state had its own file; moved out on open. */
  modeState: z.optional(ModeStateSchema),
});
export type MainData = Omit<z.infer<typeof MainDataSchema>, 'modeState'>;
export type StoreData = MainData & { modeState: ModeState };

export interface Store {
  /** The committed state. Treat as read-only: change it only through the updates. */
  readonly data: Readonly<StoreData>;
  /** Change the site, users or sessions: written durably before it resolves. Serialised. */
  update<T>(mutate: (draft: MainData) => T): Promise<T>;
  /** Change the emergency mode state: written durably before it resolves. Serialised. */
  updateModeState<T>(mutate: (draft: ModeState) => T): Promise<T>;
}

export const STORE_FILE = 'muster.json';
export const MODE_STATE_FILE = 'mode-state.json';

export async function openStore(dataDir: string, seed: () => Omit<StoreData, 'schemaVersion'>): Promise<Store> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  let seeded: Omit<StoreData, 'schemaVersion'> | null = null;
  const seedOnce = () => (seeded ??= seed());

  const main = await openJsonDocument<z.infer<typeof MainDataSchema>>(join(dataDir, STORE_FILE), MainDataSchema, () => {
    const { site, wayfinding, users, sessions, devices, documents, modeWordings, modeTones, content } = seedOnce();
    return { schemaVersion: 1 as const, site, wayfinding, users, sessions, devices, documents, modeWordings, modeTones, content };
  });
  const legacyModeState = main.data.modeState;
  const modes = await openJsonDocument(join(dataDir, MODE_STATE_FILE), ModeStateSchema, () => legacyModeState ?? seedOnce().modeState);
  if (legacyModeState) {
    await main.update((draft) => {
      delete draft.modeState;
    });
  }

  // One merged view, rebuilt only when either file commits a change.
  let view: StoreData | null = null;
  let viewOf: [unknown, unknown] = [null, null];
  return {
    get data() {
      if (view === null || viewOf[0] !== main.data || viewOf[1] !== modes.data) {
        const { modeState: _legacy, ...rest } = main.data;
        view = { ...rest, modeState: modes.data };
        viewOf = [main.data, modes.data];
      }
      return view;
    },
    update: (mutate) => main.update(mutate),
    updateModeState: (mutate) => modes.update(mutate),
  };
}
