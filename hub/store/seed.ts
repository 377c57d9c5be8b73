// What an empty data directory starts with: the site and floor plans from the configured files (the demo
// school by default), and their map images copied into the data directory, which then owns them.
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { EMPTY_WAYFINDING, WayfindingSchema, wayfindingProblems, type Wayfinding } from '../../shared/floor-plan.ts';
import { SiteSchema, type Site } from '../../shared/model.ts';
import { DEFAULT_MODE_TONES } from '../../shared/mode-tones.ts';
import { emptySite } from '../../shared/site-settings.ts';
import { DEFAULT_WEATHER_SETTINGS } from '../../shared/weather-settings.ts';
import type { Config } from '../config.ts';
import { newDeviceToken } from '../auth/device-tokens.ts';
import type { StoreData, StoredDevice } from './store.ts';

/** Map images live here, inside the data directory; their names are checked against MapImageSchema. */
export const MAPS_DIR = 'maps';

function readJsonFile(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the ${what} file ${path}: ${(error as Error).message}`);
  }
}

export function loadSiteFile(path: string): Site {
  const result = SiteSchema.safeParse(readJsonFile(path, 'site'));
  if (!result.success) throw new Error(`The site file ${path} is not valid:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** The floor plans, or none when the file does not exist (a site may start without maps). */
export function loadWayfindingFile(path: string, site: Site): Wayfinding {
  if (!existsSync(path)) return EMPTY_WAYFINDING;
  const result = WayfindingSchema.safeParse(readJsonFile(path, 'floor plan'));
  if (!result.success) throw new Error(`The floor plan file ${path} is not valid:\n${z.prettifyError(result.error)}`);
  const problems = wayfindingProblems(site, result.data);
  if (problems.length > 0) throw new Error(`The floor plan file ${path} does not fit the site:\n  - ${problems.join('\n  - ')}`);
  return result.data;
}

/** The screens of a newly seeded site come pre-paired: a device token each, shown once at first start. */
export function seedDevices(site: Site, now = new Date()): { devices: StoredDevice[]; tokens: { screenId: string; token: string }[] } {
  const paired = site.screens.map((screen) => ({ screenId: screen.id, ...newDeviceToken() }));
  return {
    devices: paired.map(({ screenId, tokenHash }) => ({ screenId, tokenHash, pairedAt: now.toISOString(), pairedBy: 'system' })),
    tokens: paired.map(({ screenId, token }) => ({ screenId, token })),
  };
}

export function seedData(
  config: Pick<Config, 'siteFile' | 'wayfindingFile'> & Partial<Pick<Config, 'seed'>>,
  onTokens: (tokens: { screenId: string; token: string }[]) => void = () => {},
): StoreData {
  // A real school starts empty, in the hub machine's time zone; the admin console's set-up checklist takes it from there.
  const site = config.seed === 'empty' ? emptySite(Intl.DateTimeFormat().resolvedOptions().timeZone) : loadSiteFile(config.siteFile);
  const { devices, tokens } = seedDevices(site);
  onTokens(tokens);
  return {
    site,
    wayfinding: config.seed === 'empty' ? EMPTY_WAYFINDING : loadWayfindingFile(config.wayfindingFile, site),
    modeState: { seq: 0, modes: [], hazards: { areaIds: [], blockedPoiIds: [] } },
    users: [],
    sessions: [],
    devices,
    documents: [],
    modeWordings: {},
    modeTones: DEFAULT_MODE_TONES,
    content: { revision: 0, slides: [] },
    weather: { settings: DEFAULT_WEATHER_SETTINGS, actedOn: [] },
  };
}

/** Copy the map images the floor plans name from beside the floor plan file, unless the data dir has them. */
export async function seedMapImages(config: Pick<Config, 'wayfindingFile' | 'dataDir'>, wayfinding: Wayfinding): Promise<void> {
  const target = join(config.dataDir, MAPS_DIR);
  await mkdir(target, { recursive: true, mode: 0o700 });
  for (const floor of wayfinding.floors) {
    if (!floor.image) continue;
    const destination = join(target, floor.image.file);
    const source = join(dirname(config.wayfindingFile), MAPS_DIR, floor.image.file);
    if (!existsSync(destination) && existsSync(source)) await copyFile(source, destination);
  }
}
