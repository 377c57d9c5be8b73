// The hub's durable state: the site, users, sessions, devices, wordings, tones, content and document records, each
// part in a file of its own under store/ (parted-document.ts), and the emergency mode state in the journal
// mode-state.jsonl (json-journal.ts), so a login writes the sessions and a mode change appends a few hundred bytes,
// never the whole site. muster.json says which
// layout the directory follows; a store written before the split (everything in muster.json) is moved on open.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DocumentRecordSchema, type DocumentRecord } from '../../shared/documents.ts';
import { WayfindingSchema, type Wayfinding } from '../../shared/floor-plan.ts';
import { SlidesSchema } from '../../shared/content.ts';
import { ModeWordingsSchema, type ModeWordings } from '../../shared/mode-texts.ts';
import { DEFAULT_MODE_TONES, ModeTonesSchema, type ModeTones } from '../../shared/mode-tones.ts';
import { ModeStateSchema, RoleSchema, SiteSchema, type ModeState, type Site } from '../../shared/model.ts';
import { DEFAULT_WEATHER_SETTINGS, WeatherSettingsSchema } from '../../shared/weather-settings.ts';
import { readJsonFile, removeFileDurably, writeFileDurably } from './durable-json-file.ts';
import { StorageError } from './json-document.ts';
import { openJsonJournal } from './json-journal.ts';
import { openPartedDocument, writeAllParts, type PartFiles } from './parted-document.ts';

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

const StoredContentSchema = z.object({ revision: z.number().int().min(0), slides: SlidesSchema });

/** The weather feed's settings, and the alerts the hub has already acted on by itself (each at most once). */
const StoredWeatherSchema = z.object({
  settings: WeatherSettingsSchema,
  actedOn: z.array(z.object({ key: z.string(), at: z.iso.datetime() })).default([]),
});
export type StoredWeather = z.infer<typeof StoredWeatherSchema>;

export interface MainData {
  site: Site;
  wayfinding: Wayfinding;
  users: StoredUser[];
  sessions: StoredSession[];
  /** Paired screen devices, at most one per screen. */
  devices: StoredDevice[];
  /** The school's own wording of the modes' directives and steps (shared/mode-texts.ts). */
  modeWordings: ModeWordings;
  /** The tone each mode starts with on the screens, and the All Clear's (shared/mode-tones.ts). */
  modeTones: ModeTones;
  /** Normal-mode slides; `revision` grows with every publish. */
  content: z.infer<typeof StoredContentSchema>;
  /** The document library's records; the files are in the data directory's documents/ folder. */
  documents: DocumentRecord[];
  /** Weather alerts from a CAP feed (shared/weather-settings.ts). */
  weather: StoredWeather;
}
export type StoreData = MainData & { modeState: ModeState };

/** Each part of the store and its file in store/; the defaults let a store from before a part existed open. */
export const STORE_PARTS: PartFiles<MainData> = {
  site: { file: 'site.json', schema: SiteSchema },
  wayfinding: { file: 'wayfinding.json', schema: z._default(WayfindingSchema, { floors: [], links: [], screens: [] }) },
  users: { file: 'users.json', schema: z.array(StoredUserSchema) },
  sessions: { file: 'sessions.json', schema: z.array(StoredSessionSchema).default([]) },
  devices: { file: 'devices.json', schema: z.array(StoredDeviceSchema).default([]) },
  modeWordings: { file: 'mode-wordings.json', schema: z._default(ModeWordingsSchema, {}) },
  modeTones: { file: 'mode-tones.json', schema: z._default(ModeTonesSchema, DEFAULT_MODE_TONES) },
  content: { file: 'content.json', schema: StoredContentSchema.default({ revision: 0, slides: [] }) },
  documents: { file: 'documents.json', schema: z.array(DocumentRecordSchema).default([]) },
  weather: { file: 'weather.json', schema: StoredWeatherSchema.default({ settings: DEFAULT_WEATHER_SETTINGS, actedOn: [] }) },
};

/** The store's layout in muster.json; everything else is in the part files. */
export const StoreIndexSchema = z.object({ schemaVersion: z.literal(2) });

/** A store as written before the split: every part in muster.json (and, before that, the mode state too). */
export const WholeStoreSchema = z.object({
  schemaVersion: z.literal(1),
  site: STORE_PARTS.site.schema,
  wayfinding: STORE_PARTS.wayfinding.schema,
  users: STORE_PARTS.users.schema,
  sessions: z.array(StoredSessionSchema),
  devices: STORE_PARTS.devices.schema,
  modeWordings: STORE_PARTS.modeWordings.schema,
  modeTones: STORE_PARTS.modeTones.schema,
  content: STORE_PARTS.content.schema,
  documents: STORE_PARTS.documents.schema,
  weather: STORE_PARTS.weather.schema,
  /** Only in stores written before the mode state had its own file. */
  modeState: z.optional(ModeStateSchema),
});

export interface Store {
  /** The committed state. Treat as read-only: change it only through the updates. */
  readonly data: Readonly<StoreData>;
  /** Change the site, users, sessions…: the parts changed are written durably before it resolves. Serialised. */
  update<T>(mutate: (draft: MainData) => T): Promise<T>;
  /** Change the emergency mode state: written durably before it resolves. Serialised. */
  updateModeState<T>(mutate: (draft: ModeState) => T): Promise<T>;
}

/** The store's index (and, in stores from before the split, the whole store). */
export const STORE_FILE = 'muster.json';
/** The folder of the part files, inside the data directory. */
export const STORE_PARTS_DIR = 'store';
/** The emergency mode state's journal (json-journal.ts): one line per state, the last is the state. */
export const MODE_STATE_JOURNAL = 'mode-state.jsonl';
/** Where the mode state was kept before it had a journal; moved into the journal on open. */
export const MODE_STATE_FILE = 'mode-state.json';

export async function openStore(dataDir: string, seed: () => StoreData): Promise<Store> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  let seeded: StoreData | null = null;
  const seedOnce = () => (seeded ??= seed());
  const indexPath = join(dataDir, STORE_FILE);
  const partsDir = join(dataDir, STORE_PARTS_DIR);

  const found = await readStoreFile(indexPath);
  let movedModeState: ModeState | undefined;
  if (found.kind === 'absent') {
    // muster.json is small and says little: one deleted by mistake must not make the hub seed over a school's store.
    // A store that was ever used has users (the first start makes them); one cut short while being seeded has none.
    if (await hasUsers(join(partsDir, STORE_PARTS.users.file))) {
      throw new StorageError(`${indexPath} is missing but ${partsDir} holds a school's store; nothing was changed. Put back a muster.json that reads {"schemaVersion":2}.`);
    }
    // The parts first, the index last: a first start that stops in between seeds again next time.
    const { modeState: _modeState, ...parts } = seedOnce();
    await writeAllParts(partsDir, STORE_PARTS, parts);
  } else if (found.kind === 'whole') {
    // muster.json stays the store until the index replaces it, so a start that stops in between moves it again.
    const { schemaVersion: _version, modeState, ...parts } = found.data;
    movedModeState = modeState;
    await writeAllParts(partsDir, STORE_PARTS, parts);
  }
  // The journal wins over a mode-state.json from before it, which wins over one inside an older muster.json.
  const legacyModeState = join(dataDir, MODE_STATE_FILE);
  const modes = await openJsonJournal(join(dataDir, MODE_STATE_JOURNAL), ModeStateSchema, async () => {
    const json = await readJsonFile(legacyModeState).catch((error: Error) => {
      throw new StorageError(error.message);
    });
    if (json === null) return movedModeState ?? seedOnce().modeState;
    const checked = ModeStateSchema.safeParse(json);
    if (!checked.success) throw new StorageError(`${legacyModeState} does not hold a valid Muster store; it was left untouched:\n${z.prettifyError(checked.error)}`);
    return checked.data;
  });
  // Only once the journal holds it: a start that stops in between finds both, the journal wins, and this ends it.
  await removeFileDurably(legacyModeState);
  if (found.kind !== 'index') await writeFileDurably(indexPath, JSON.stringify({ schemaVersion: 2 }));
  const main = await openPartedDocument(partsDir, STORE_PARTS);

  // One merged view, rebuilt only when either document commits a change.
  let view: StoreData | null = null;
  let viewOf: [unknown, unknown] = [null, null];
  return {
    get data() {
      if (view === null || viewOf[0] !== main.data || viewOf[1] !== modes.data) {
        view = { ...main.data, modeState: modes.data };
        viewOf = [main.data, modes.data];
      }
      return view;
    },
    update: (mutate) => main.update(mutate),
    updateModeState: (mutate) => modes.update(mutate),
  };
}

async function hasUsers(path: string): Promise<boolean> {
  try {
    const users = await readJsonFile(path);
    return users === null ? false : !Array.isArray(users) || users.length > 0;
  } catch {
    return true; // unreadable: not ours to overwrite
  }
}

type StoreFile = { kind: 'absent' } | { kind: 'index' } | { kind: 'whole'; data: z.infer<typeof WholeStoreSchema> };

async function readStoreFile(path: string): Promise<StoreFile> {
  let json: unknown;
  try {
    json = await readJsonFile(path);
  } catch (error) {
    throw new StorageError((error as Error).message);
  }
  if (json === null) return { kind: 'absent' };
  const version = (json as { schemaVersion?: unknown }).schemaVersion;
  const checked = version === 1 ? WholeStoreSchema.safeParse(json) : StoreIndexSchema.safeParse(json);
  if (!checked.success) throw new StorageError(`${path} does not hold a valid Muster store; it was left untouched:\n${z.prettifyError(checked.error)}`);
  return version === 1 ? { kind: 'whole', data: checked.data as z.infer<typeof WholeStoreSchema> } : { kind: 'index' };
}
