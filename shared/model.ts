// Domain records shared by hub and browser: the site (buildings, floors, zones, screens), scopes and active modes.
// Each record is a zod schema and the type inferred from it, so the wire, the store and the UI agree. The schemas the
// wall screen validates with are written with zod's mini build (plain functions that a bundler can leave out when
// unused), so the screen does not carry all of zod; they are ordinary zod schemas for the hub and the consoles too.
import { z } from 'zod/mini';

export const LANGUAGES = ['en', 'es'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const LANGUAGE_LAYOUTS = ['turns', 'side-by-side'] as const;
export const LanguageLayoutSchema = z.enum(LANGUAGE_LAYOUTS);
export type LanguageLayout = z.infer<typeof LanguageLayoutSchema>;

/** Identifiers are short, URL-safe and stable: they end up in URLs, scopes and audit lines. */
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'));

const NameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));

/**
 * A school's own name in other screen languages ("West doors" → es: "Puertas oeste"). Optional and per
 * language: a screen in a language the school gave no translation for shows the name as typed (nameIn).
 */
export function translationsOf(text: z.ZodMiniString) {
  return z.optional(z.partialRecord(LanguageSchema, text));
}
export type Translations = Partial<Record<Language, string>>;
const NameTranslationsSchema = translationsOf(NameSchema);

export const FloorSchema = z.object({ id: IdSchema, name: NameSchema, translations: NameTranslationsSchema, level: z.int().check(z.gte(-10), z.lte(200)) });
export type Floor = z.infer<typeof FloorSchema>;

export const BuildingSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  translations: NameTranslationsSchema,
  /** In the order people list them (usually from the lowest); a new building may have none yet. */
  floors: z.array(FloorSchema).check(z.maxLength(200)),
  /** The evacuation destination the office console offers first for this building. */
  defaultDestinationId: z._default(z.nullable(IdSchema), null),
});
export type Building = z.infer<typeof BuildingSchema>;

export const ZoneSchema = z.object({ id: IdSchema, name: NameSchema, translations: NameTranslationsSchema, buildingId: IdSchema });
export type Zone = z.infer<typeof ZoneSchema>;

export const ScreenSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  buildingId: IdSchema,
  floorId: IdSchema,
  zoneId: z.nullable(IdSchema),
  /** Where the screen hangs, in words a visitor understands ("1st floor, east hallway by room 104"). */
  location: z.string().check(z.trim(), z.maxLength(200)),
  /** The location in the school's other screen languages (for this screen's second language, say). */
  locationTranslations: translationsOf(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  language: LanguageSchema,
  /** Shown in turns with `language` (the whole view, a few seconds each); a different one of the site's languages. */
  secondLanguage: z.optional(LanguageSchema),
  /**
   * How a screen with a second language shows it during a mode: in turns (the default), or side by side, each
   * language in half the screen (on a wide screen read by both at once). Normal content always takes turns.
   */
  languageLayout: z.optional(LanguageLayoutSchema),
  /** Groups the screen belongs to ("hallways", "entrances"), for targeting content. */
  tags: z.optional(z.array(IdSchema).check(z.maxLength(20))),
  /** False: the screen never sounds a tone (a library, a room people hide in during a Lockdown). Absent means on. */
  sound: z.optional(z.boolean()),
});
export type Screen = z.infer<typeof ScreenSchema>;

/** A named place people evacuate to. */
export const DestinationSchema = z.object({ id: IdSchema, name: NameSchema, translations: NameTranslationsSchema });
export type Destination = z.infer<typeof DestinationSchema>;

export const UNITS = ['feet', 'metres'] as const;
export const UnitsSchema = z.enum(UNITS);
/** How screens and diagrams tell distances. */
export type Units = z.infer<typeof UnitsSchema>;

/** An IANA time zone name that this runtime knows ("America/Chicago"). */
export const TimeZoneSchema = z.string().check(
  z.minLength(1),
  z.maxLength(64),
  z.refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'not a time zone name such as America/Chicago or Europe/Madrid'),
);

export const SiteSchema = z
  .object({
    id: IdSchema,
    name: NameSchema,
    /** IANA time zone of the school, used to show clock times on screens and in reports. */
    timeZone: TimeZoneSchema,
    /** Feet or metres, for the distances screens and diagrams show. */
    units: z._default(UnitsSchema, 'metres'),
    /** The languages screens may be set to; the default language is one of them. */
    languages: z._default(z.array(LanguageSchema).check(z.minLength(1), z.maxLength(LANGUAGES.length)), [...LANGUAGES]),
    defaultLanguage: LanguageSchema,
    /** In the order the consoles list them; a new school starts with none. */
    buildings: z.array(BuildingSchema).check(z.maxLength(100)),
    zones: z.array(ZoneSchema).check(z.maxLength(1000)),
    screens: z.array(ScreenSchema).check(z.maxLength(10_000)),
    destinations: z.array(DestinationSchema).check(z.maxLength(100)),
  })
  .check(z.superRefine((site, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    // One pass with a set: an indexOf per id made checking a site of 10,000 screens take most of a second.
    const duplicates = (ids: string[]) => {
      const seen = new Set<string>();
      return ids.filter((id) => {
        if (seen.has(id)) return true;
        seen.add(id);
        return false;
      });
    };
    for (const id of duplicates(site.buildings.map((b) => b.id))) problem(['buildings'], `duplicate building id "${id}"`);
    for (const id of duplicates(site.zones.map((z) => z.id))) problem(['zones'], `duplicate zone id "${id}"`);
    for (const id of duplicates(site.screens.map((s) => s.id))) problem(['screens'], `duplicate screen id "${id}"`);
    // Floor plans name a floor by its id alone, so floor ids are unique across buildings.
    for (const id of duplicates(site.buildings.flatMap((b) => b.floors.map((f) => f.id)))) problem(['buildings'], `duplicate floor id "${id}"`);
    for (const id of duplicates(site.destinations.map((d) => d.id))) problem(['destinations'], `duplicate destination id "${id}"`);
    for (const language of duplicates(site.languages)) problem(['languages'], `"${language}" is listed twice`);
    if (!site.languages.includes(site.defaultLanguage)) problem(['defaultLanguage'], `the default language "${site.defaultLanguage}" is not one of the screen languages`);
    const destinations = new Set(site.destinations.map((d) => d.id));
    site.buildings.forEach((building, i) => {
      if (building.defaultDestinationId !== null && !destinations.has(building.defaultDestinationId)) {
        problem(['buildings', i, 'defaultDestinationId'], `unknown destination "${building.defaultDestinationId}"`);
      }
    });
    const buildings = new Map(site.buildings.map((b) => [b.id, b]));
    site.zones.forEach((zone, i) => {
      if (!buildings.has(zone.buildingId)) problem(['zones', i, 'buildingId'], `unknown building "${zone.buildingId}"`);
    });
    const zones = new Map(site.zones.map((z) => [z.id, z]));
    site.screens.forEach((screen, i) => {
      const building = buildings.get(screen.buildingId);
      if (!site.languages.includes(screen.language)) problem(['screens', i, 'language'], `"${screen.language}" is not one of the screen languages`);
      if (screen.secondLanguage !== undefined) {
        if (!site.languages.includes(screen.secondLanguage)) problem(['screens', i, 'secondLanguage'], `"${screen.secondLanguage}" is not one of the screen languages`);
        if (screen.secondLanguage === screen.language) problem(['screens', i, 'secondLanguage'], 'the second language is the screen\'s language already');
      }
      if (!building) return problem(['screens', i, 'buildingId'], `unknown building "${screen.buildingId}"`);
      if (!building.floors.some((f) => f.id === screen.floorId)) {
        problem(['screens', i, 'floorId'], `building "${building.id}" has no floor "${screen.floorId}"`);
      }
      if (screen.zoneId !== null) {
        const zone = zones.get(screen.zoneId);
        if (!zone) problem(['screens', i, 'zoneId'], `unknown zone "${screen.zoneId}"`);
        else if (zone.buildingId !== screen.buildingId) {
          problem(['screens', i, 'zoneId'], `zone "${zone.id}" is not in building "${screen.buildingId}"`);
        }
      }
    });
  }));
export type Site = z.infer<typeof SiteSchema>;

/** Where a mode applies: the whole site, one building, or one zone of a building. */
export const ScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('site') }),
  z.object({ kind: z.literal('building'), buildingId: IdSchema }),
  z.object({ kind: z.literal('zone'), zoneId: IdSchema }),
]);
export type Scope = z.infer<typeof ScopeSchema>;

export const EMERGENCY_MODES = ['hold', 'secure', 'lockdown', 'evacuate', 'shelter'] as const;
export const EmergencyModeSchema = z.enum(EMERGENCY_MODES);
export type EmergencyModeId = z.infer<typeof EmergencyModeSchema>;
export const MODE_IDS = ['normal', ...EMERGENCY_MODES] as const;
export const ModeIdSchema = z.enum(MODE_IDS);
export type ModeId = z.infer<typeof ModeIdSchema>;

export const SHELTER_HAZARDS = ['tornado', 'hazmat', 'earthquake', 'tsunami'] as const;
export const ShelterHazardSchema = z.enum(SHELTER_HAZARDS);
export type ShelterHazard = z.infer<typeof ShelterHazardSchema>;
export const SHELTER_STRATEGIES = ['shelter-area', 'seal-the-room', 'drop-cover-hold', 'high-ground'] as const;
export const ShelterStrategySchema = z.enum(SHELTER_STRATEGIES);
export type ShelterStrategy = z.infer<typeof ShelterStrategySchema>;

const DestinationTextSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));

/**
 * What the office asks for: a mode, its scope, the drill flag (always explicit) and the details the mode needs.
 * Shared by the HTTP request body and the stored active mode, so the two cannot drift apart.
 */
/** A short note from the office, shown on the screens in scope ("Medical emergency in the gym, keep the halls clear"). */
export const MODE_NOTE_MAX = 140;
const NoteSchema = z.string().check(z.trim(), z.maxLength(MODE_NOTE_MAX, `a note is at most ${MODE_NOTE_MAX} characters`));
const modeRequestFields = {
  scope: ScopeSchema,
  drill: z.boolean(),
  note: z.optional(NoteSchema),
  /** The note as the office also wrote it in other screen languages; screens in those languages show it instead. */
  noteTranslations: translationsOf(NoteSchema.check(z.minLength(1))),
};
export const ModeRequestSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('hold'), ...modeRequestFields }),
  z.object({ mode: z.literal('secure'), ...modeRequestFields }),
  z.object({ mode: z.literal('lockdown'), ...modeRequestFields }),
  z.object({ mode: z.literal('evacuate'), ...modeRequestFields, destination: DestinationTextSchema }),
  z.object({
    mode: z.literal('shelter'),
    ...modeRequestFields,
    hazard: ShelterHazardSchema,
    /** When left out, the hazard's usual strategy (tornado → shelter area, hazmat → seal the room...). */
    strategy: z.optional(ShelterStrategySchema),
  }),
]);
export type ModeRequest = z.infer<typeof ModeRequestSchema>;

const activeFields = {
  /** The sequence number of the change that started this mode; it also identifies the mode while active. */
  seq: z.int().check(z.positive()),
  startedAt: z.iso.datetime(),
  /** Username of whoever started it, or the name of the integration that did. */
  by: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Set when an integration (a panic button, a mass notification system) started it: "by Raptor (integration)". */
  byIntegration: z.optional(z.literal(true)),
};
export const ActiveModeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('hold'), ...modeRequestFields, ...activeFields }),
  z.object({ mode: z.literal('secure'), ...modeRequestFields, ...activeFields }),
  z.object({ mode: z.literal('lockdown'), ...modeRequestFields, ...activeFields }),
  z.object({
    mode: z.literal('evacuate'),
    ...modeRequestFields,
    ...activeFields,
    destination: DestinationTextSchema,
    /** The site's destination of that name when the mode started, so screens find its translations after a rename. */
    destinationId: z.optional(IdSchema),
  }),
  z.object({
    mode: z.literal('shelter'),
    ...modeRequestFields,
    ...activeFields,
    hazard: ShelterHazardSchema,
    strategy: ShelterStrategySchema,
  }),
]);
export type ActiveMode = z.infer<typeof ActiveModeSchema>;

export const AllClearRequestSchema = z.object({ scope: ScopeSchema, drill: z.boolean() });
export type AllClearRequest = z.infer<typeof AllClearRequestSchema>;

/**
 * What the office has marked as unsafe: hazard areas (ids of floor-plan areas) and blocked exits (ids of
 * exit POIs). Screens route around them; marking or clearing one is a sequenced, audited change.
 */
export const HazardsSchema = z.object({
  areaIds: z.array(IdSchema).check(z.maxLength(1000)),
  blockedPoiIds: z.array(IdSchema).check(z.maxLength(1000)),
});
export type Hazards = z.infer<typeof HazardsSchema>;
export const NO_HAZARDS: Hazards = { areaIds: [], blockedPoiIds: [] };

/** The office marks (blocked: true) or clears (false) hazard areas and blocked exits. */
export const HazardChangeSchema = z
  .object({
    blocked: z.boolean(),
    areaIds: z._default(z.array(IdSchema).check(z.maxLength(1000)), []),
    exitPoiIds: z._default(z.array(IdSchema).check(z.maxLength(1000)), []),
  })
  .check(z.refine((change) => change.areaIds.length + change.exitPoiIds.length > 0, 'name at least one area or exit'));
export type HazardChange = z.infer<typeof HazardChangeSchema>;

/** The whole emergency state: tiny, so every change carries all of it. */
export const ModeStateSchema = z.object({
  /** The last sequence number issued; it only ever grows, across restarts too. */
  seq: z.int().check(z.gte(0)),
  modes: z.array(ActiveModeSchema).check(z.maxLength(1000)),
  hazards: z._default(HazardsSchema, { areaIds: [], blockedPoiIds: [] }),
});
export type ModeState = z.infer<typeof ModeStateSchema>;

/**
 * admin: content, users and screens; office: modes and the All Clear; viewer: reads what the consoles show;
 * staff: teachers and other staff, who train on their building and acknowledge procedures (/training/) and see
 * nothing of the consoles.
 */
export const ROLES = ['admin', 'office', 'viewer', 'staff'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
/** The roles that may follow the live state (roll-call, screens, hazards) in the office and admin consoles. */
export const CONSOLE_ROLES = ['admin', 'office', 'viewer'] as const satisfies readonly Role[];

export function mayUseConsoles(role: Role): boolean {
  return (CONSOLE_ROLES as readonly Role[]).includes(role);
}
