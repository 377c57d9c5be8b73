// The site editor's contract: everything of the site but its screens (which pairing owns), the save request
// with the version it was based on, and the site file that export writes and import reads.
import { z } from 'zod';
import { WayfindingSchema } from './floor-plan.ts';
import { BuildingSchema, DestinationSchema, LanguageSchema, SiteSchema, TimeZoneSchema, UnitsSchema, ZoneSchema, type Scope, type Site } from './model.ts';

const NameSchema = z.string().trim().min(1, 'give it a name').max(120, 'use at most 120 characters');

/** What the site editor changes: the school's settings, buildings and their floors, zones and destinations. */
export const SiteSettingsSchema = z.strictObject({
  name: NameSchema,
  timeZone: TimeZoneSchema,
  units: UnitsSchema,
  languages: z.array(LanguageSchema).min(1, 'offer at least one screen language'),
  defaultLanguage: LanguageSchema,
  buildings: z.array(BuildingSchema).max(100),
  zones: z.array(ZoneSchema).max(1000),
  destinations: z.array(DestinationSchema).max(100),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

export const SiteSaveSchema = z.strictObject({
  /** The version the editor loaded: a save over someone else's newer one is refused. */
  baseVersion: z.string().min(1).max(64),
  settings: SiteSettingsSchema,
});
export type SiteSave = z.infer<typeof SiteSaveSchema>;

export function settingsOf(site: Site): SiteSettings {
  const { name, timeZone, units, languages, defaultLanguage, buildings, zones, destinations } = site;
  return { name, timeZone, units, languages, defaultLanguage, buildings, zones, destinations };
}

/** The name a new school has until the admin gives it its own (the set-up checklist looks for it). */
export const NEW_SCHOOL_NAME = 'New school';

/** A site with nothing in it yet, for a real school's first start. */
export function emptySite(timeZone: string): Site {
  return { id: 'school', name: NEW_SCHOOL_NAME, timeZone, units: 'metres', languages: ['en'], defaultLanguage: 'en', buildings: [], zones: [], screens: [], destinations: [] };
}

export const SITE_FILE_FORMAT = 'muster-site';
export const SITE_FILE_VERSION = 1;

/** A map image carried inside a site file. */
export const SiteFileImageSchema = z.strictObject({
  file: z.string().min(1).max(100),
  contentType: z.enum(['image/svg+xml', 'image/png', 'image/jpeg']),
  /** The image's bytes, base64. */
  data: z.string().max(8 * 1024 * 1024),
});

/** The whole site in one file: what `GET /api/site/export` writes and `POST /api/site/import` reads. */
export const SiteFileSchema = z
  .strictObject({
    format: z.literal(SITE_FILE_FORMAT),
    version: z.literal(SITE_FILE_VERSION),
    exportedAt: z.iso.datetime().optional(),
    site: SiteSchema,
    wayfinding: WayfindingSchema,
    /** The floor plans' map images; a file that leaves them out keeps plans without pictures. */
    images: z.array(SiteFileImageSchema).max(500).default([]),
  })
  .meta({ title: 'Muster site file', description: 'A school: its settings, buildings, floors, zones, screens, destinations and floor plans.' });
export type SiteFile = z.infer<typeof SiteFileSchema>;

/** "Gym, north wall" → "gym-north-wall", made unique with a number: ids for new buildings, floors, zones, screens. */
export function idFromName(name: string, taken: ReadonlySet<string>, fallback = 'item'): string {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The destination Evacuate is pre-filled with for a scope: its building's default; for the whole site, the
 * default all buildings share, or else the first building's. Null when there is none to offer.
 */
export function defaultDestinationFor(scope: Scope, site: Pick<Site, 'buildings' | 'zones' | 'destinations'>): string | null {
  const buildingId = scope.kind === 'building' ? scope.buildingId : scope.kind === 'zone' ? site.zones.find((z) => z.id === scope.zoneId)?.buildingId : undefined;
  const candidates = buildingId ? site.buildings.filter((b) => b.id === buildingId) : site.buildings;
  const defaults = [...new Set(candidates.map((b) => b.defaultDestinationId).filter((id): id is string => id !== null))];
  const chosen = defaults[0] ?? null;
  return chosen !== null && site.destinations.some((d) => d.id === chosen) ? chosen : null;
}
