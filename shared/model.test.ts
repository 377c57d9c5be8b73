// Unit tests for the domain schemas: a site must be self-consistent, and a mode request must carry what its mode needs.
import { describe, expect, it } from 'vitest';
import { ModeRequestSchema, SiteSchema } from './model.ts';
import type { ModeRequest, Site } from './model.ts';

function validSite(): Site {
  return {
    id: 'maple-grove',
    name: 'Maple Grove Middle School',
    timeZone: 'America/Chicago',
    units: 'feet',
    languages: ['en', 'es'],
    defaultLanguage: 'en',
    buildings: [
      {
        id: 'main',
        name: 'Main Building',
        floors: [
          { id: 'main-1', name: '1st floor', level: 1 },
          { id: 'main-2', name: '2nd floor', level: 2 },
        ],
        defaultDestinationId: 'north-field',
      },
      { id: 'annex', name: 'Annex', floors: [{ id: 'annex-1', name: 'Ground floor', level: 1 }], defaultDestinationId: null },
    ],
    zones: [
      { id: 'east-wing', name: 'East wing', buildingId: 'main' },
      { id: 'annex-classrooms', name: 'Annex classrooms', buildingId: 'annex' },
    ],
    screens: [
      { id: 'main-1-east', name: 'East hallway', buildingId: 'main', floorId: 'main-1', zoneId: 'east-wing', location: 'By room 104', language: 'en' },
      { id: 'main-2-hall', name: 'Upstairs hallway', buildingId: 'main', floorId: 'main-2', zoneId: null, location: 'By the library', language: 'es' },
      { id: 'annex-hall', name: 'Annex hallway', buildingId: 'annex', floorId: 'annex-1', zoneId: 'annex-classrooms', location: 'By room A3', language: 'en' },
    ],
    destinations: [{ id: 'north-field', name: 'North athletic field' }],
  };
}

/** The issues of a failed parse as "path: message" lines, to assert the right problem was found. */
function problemsWith(site: unknown): string[] {
  const result = SiteSchema.safeParse(site);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('SiteSchema', () => {
  it('accepts a consistent site', () => {
    expect(SiteSchema.safeParse(validSite()).success).toBe(true);
  });

  it('rejects two screens with the same id', () => {
    const site = validSite();
    site.screens.push({ ...site.screens[0]!, name: 'Another screen' });
    expect(problemsWith(site)).toEqual([expect.stringContaining('duplicate screen id "main-1-east"')]);
  });

  it('rejects two zones or two buildings with the same id', () => {
    const zones = validSite();
    zones.zones.push({ id: 'east-wing', name: 'East wing again', buildingId: 'main' });
    expect(problemsWith(zones)).toEqual([expect.stringContaining('duplicate zone id "east-wing"')]);
    const buildings = validSite();
    buildings.buildings.push({ ...buildings.buildings[1]!, name: 'Annex again', floors: [{ id: 'annex-9', name: 'Top', level: 9 }] });
    expect(problemsWith(buildings)).toContainEqual(expect.stringContaining('duplicate building id "annex"'));
  });

  it('rejects a floor id used twice, even in two buildings (floor plans name a floor by its id alone)', () => {
    const site = validSite();
    site.buildings[1]!.floors.push({ id: 'main-1', name: 'Annex upper', level: 2 });
    expect(problemsWith(site)).toEqual([expect.stringContaining('duplicate floor id "main-1"')]);
  });

  it('rejects a default language that is not offered, a screen in a language not offered, and an unknown default destination', () => {
    const site = validSite();
    site.languages = ['en'];
    site.buildings[0]!.defaultDestinationId = 'moon';
    expect(problemsWith(site)).toEqual(
      expect.arrayContaining([expect.stringContaining('"es" is not one of the screen languages'), expect.stringContaining('unknown destination "moon"')]),
    );
    site.languages = ['es'];
    expect(problemsWith(site)).toEqual(expect.arrayContaining([expect.stringContaining('the default language "en" is not one of the screen languages')]));
  });

  it('takes names in other languages, and a second screen language that the site offers and the screen does not speak already', () => {
    const site = validSite();
    site.buildings[0]!.translations = { es: 'Edificio principal' };
    site.buildings[0]!.floors[0]!.translations = { es: '1.er piso' };
    site.zones[0]!.translations = { es: 'Ala este' };
    site.destinations[0]!.translations = { es: 'Campo deportivo norte' };
    site.screens[0] = { ...site.screens[0]!, locationTranslations: { es: 'Junto al salón 104' }, secondLanguage: 'es' };
    expect(problemsWith(site)).toEqual([]);

    const blank = validSite();
    blank.zones[0]!.translations = { es: '  ' };
    expect(problemsWith(blank)).toEqual([expect.stringMatching(/^zones\.0\.translations\.es: /)]);

    const same = validSite();
    same.screens[0]!.secondLanguage = 'en';
    expect(problemsWith(same)).toEqual([expect.stringMatching(/^screens\.0\.secondLanguage: the second language is the screen's language already/)]);
    const notOffered = validSite();
    notOffered.languages = ['en'];
    notOffered.screens = [{ ...notOffered.screens[0]!, secondLanguage: 'es' }];
    expect(problemsWith(notOffered)).toEqual([expect.stringMatching(/^screens\.0\.secondLanguage: "es" is not one of the screen languages/)]);
  });

  it('rejects a time zone that does not exist', () => {
    expect(problemsWith({ ...validSite(), timeZone: 'Mars/Olympus' })).toEqual([expect.stringContaining('not a time zone name')]);
  });

  it('rejects a screen on a floor its building does not have, even one of another building', () => {
    const unknownFloor = validSite();
    unknownFloor.screens[0]!.floorId = 'main-9';
    expect(problemsWith(unknownFloor)).toEqual([expect.stringMatching(/^screens\.0\.floorId: .*no floor "main-9"/)]);
    const otherBuildingsFloor = validSite();
    otherBuildingsFloor.screens[2]!.floorId = 'main-1';
    expect(problemsWith(otherBuildingsFloor)).toEqual([expect.stringMatching(/^screens\.2\.floorId: /)]);
  });

  it('rejects a screen in an unknown building or an unknown zone', () => {
    const unknownBuilding = validSite();
    unknownBuilding.screens[0]!.buildingId = 'gym-building';
    expect(problemsWith(unknownBuilding)).toEqual([expect.stringMatching(/^screens\.0\.buildingId: .*"gym-building"/)]);
    const unknownZone = validSite();
    unknownZone.screens[0]!.zoneId = 'west-wing';
    expect(problemsWith(unknownZone)).toEqual([expect.stringMatching(/^screens\.0\.zoneId: .*"west-wing"/)]);
  });

  it('rejects a screen whose zone is in another building', () => {
    const site = validSite();
    site.screens[2]!.zoneId = 'east-wing';
    expect(problemsWith(site)).toEqual([expect.stringMatching(/^screens\.2\.zoneId: zone "east-wing" is not in building "annex"/)]);
  });

  it('rejects a zone in a building that does not exist', () => {
    const site = validSite();
    site.zones.push({ id: 'portables', name: 'Portables', buildingId: 'portable-village' });
    expect(problemsWith(site)).toEqual([expect.stringMatching(/^zones\.2\.buildingId: .*"portable-village"/)]);
  });

  it('rejects identifiers that are not lowercase, digits and dashes', () => {
    for (const id of ['Main-1-East', 'main 1', '-main', '', 'main_1', 'x'.repeat(65)]) {
      const site = validSite();
      site.screens[0]!.id = id;
      expect(SiteSchema.safeParse(site).success, JSON.stringify(id)).toBe(false);
    }
  });
});

describe('ModeRequestSchema', () => {
  const site = { kind: 'site' } as const;

  it('accepts each emergency mode with what it needs', () => {
    const requests: ModeRequest[] = [
      { mode: 'hold', scope: site, drill: false },
      { mode: 'secure', scope: { kind: 'building', buildingId: 'main' }, drill: true },
      { mode: 'lockdown', scope: { kind: 'zone', zoneId: 'east-wing' }, drill: false },
      { mode: 'evacuate', scope: site, drill: true, destination: 'North athletic field' },
      { mode: 'shelter', scope: site, drill: false, hazard: 'hazmat', strategy: 'seal-the-room' },
    ];
    for (const request of requests) expect(ModeRequestSchema.parse(request)).toEqual(request);
  });

  it('takes the note in other languages, each at most as long as the note', () => {
    const request = { mode: 'hold', scope: site, drill: true, note: 'Medical emergency in the gym', noteTranslations: { es: 'Emergencia médica en el gimnasio' } };
    expect(ModeRequestSchema.parse(request)).toEqual(request);
    expect(ModeRequestSchema.safeParse({ ...request, noteTranslations: { es: 'x'.repeat(141) } }).success).toBe(false);
    expect(ModeRequestSchema.safeParse({ ...request, noteTranslations: { fr: 'Urgence' } }).success).toBe(false);
  });

  it('lets a shelter leave out the strategy, so the hazard’s usual one applies', () => {
    expect(ModeRequestSchema.safeParse({ mode: 'shelter', scope: site, drill: false, hazard: 'tornado' }).success).toBe(true);
  });

  it('requires a non-blank destination for an evacuation', () => {
    expect(ModeRequestSchema.safeParse({ mode: 'evacuate', scope: site, drill: false }).success).toBe(false);
    expect(ModeRequestSchema.safeParse({ mode: 'evacuate', scope: site, drill: false, destination: '   ' }).success).toBe(false);
  });

  it('requires a known hazard for a shelter', () => {
    expect(ModeRequestSchema.safeParse({ mode: 'shelter', scope: site, drill: false }).success).toBe(false);
    expect(ModeRequestSchema.safeParse({ mode: 'shelter', scope: site, drill: false, hazard: 'zombies' }).success).toBe(false);
    expect(
      ModeRequestSchema.safeParse({ mode: 'shelter', scope: site, drill: false, hazard: 'tornado', strategy: 'panic' }).success,
    ).toBe(false);
  });

  it('requires the drill flag explicitly, as a boolean, for every mode', () => {
    const withoutDrill = [
      { mode: 'hold', scope: site },
      { mode: 'secure', scope: site },
      { mode: 'lockdown', scope: site },
      { mode: 'evacuate', scope: site, destination: 'North athletic field' },
      { mode: 'shelter', scope: site, hazard: 'tornado' },
    ];
    for (const request of withoutDrill) {
      expect(ModeRequestSchema.safeParse(request).success, request.mode).toBe(false);
      for (const drill of ['false', 0, null]) {
        expect(ModeRequestSchema.safeParse({ ...request, drill }).success, `${request.mode} drill=${JSON.stringify(drill)}`).toBe(false);
      }
      expect(ModeRequestSchema.safeParse({ ...request, drill: false }).success, request.mode).toBe(true);
    }
  });

  it('rejects unknown modes and normal, which is reached by All Clear instead', () => {
    for (const mode of ['party', 'normal', 'LOCKDOWN', '', undefined]) {
      expect(ModeRequestSchema.safeParse({ mode, scope: site, drill: false }).success, String(mode)).toBe(false);
    }
  });

  it('rejects a missing or malformed scope', () => {
    const requests = [
      { mode: 'hold', drill: false },
      { mode: 'hold', drill: false, scope: { kind: 'campus' } },
      { mode: 'hold', drill: false, scope: { kind: 'building' } },
      { mode: 'hold', drill: false, scope: { kind: 'zone', zoneId: 'East Wing' } },
    ];
    for (const request of requests) expect(ModeRequestSchema.safeParse(request).success, JSON.stringify(request)).toBe(false);
  });
});
