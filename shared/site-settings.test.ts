import { describe, expect, it } from 'vitest';
import type { Site } from './model.ts';
import { defaultDestinationFor, emptySite, idFromName } from './site-settings.ts';
import { SiteSchema } from './model.ts';

const site: Pick<Site, 'buildings' | 'zones' | 'destinations'> = {
  buildings: [
    { id: 'main', name: 'Main', floors: [], defaultDestinationId: 'field' },
    { id: 'annex', name: 'Annex', floors: [], defaultDestinationId: 'bus-loop' },
    { id: 'gym', name: 'Gym', floors: [], defaultDestinationId: null },
  ],
  zones: [{ id: 'east', name: 'East', buildingId: 'annex' }],
  destinations: [
    { id: 'field', name: 'Field' },
    { id: 'bus-loop', name: 'Bus loop' },
  ],
};

describe('defaultDestinationFor', () => {
  it("offers a building's default for the building and its zones", () => {
    expect(defaultDestinationFor({ kind: 'building', buildingId: 'annex' }, site)).toBe('bus-loop');
    expect(defaultDestinationFor({ kind: 'zone', zoneId: 'east' }, site)).toBe('bus-loop');
  });

  it('offers the first building default for the whole site, and nothing where there is none', () => {
    expect(defaultDestinationFor({ kind: 'site' }, site)).toBe('field');
    expect(defaultDestinationFor({ kind: 'building', buildingId: 'gym' }, site)).toBeNull();
    expect(defaultDestinationFor({ kind: 'site' }, { ...site, destinations: [] })).toBeNull();
  });
});

describe('idFromName', () => {
  it('makes a readable id, unique among those taken', () => {
    expect(idFromName('Gym, north wall', new Set())).toBe('gym-north-wall');
    expect(idFromName('Gym', new Set(['gym', 'gym-2']))).toBe('gym-3');
    expect(idFromName('¡¿', new Set(), 'floor')).toBe('floor');
  });
});

describe('emptySite', () => {
  it('is a valid site with nothing in it, in the given time zone', () => {
    const parsed = SiteSchema.parse(emptySite('Europe/Madrid'));
    expect(parsed).toMatchObject({ name: 'New school', timeZone: 'Europe/Madrid', buildings: [], screens: [] });
  });
});
