// Unit tests for what a screen is told about itself: its place names in its own languages, where translated.
import { describe, expect, it } from 'vitest';
import type { Site } from '../../shared/model.ts';
import { screenProfile, siteProfile } from './screen-profile.ts';

const site: Site = {
  id: 'school',
  name: 'School',
  timeZone: 'UTC',
  units: 'metres',
  languages: ['en', 'es'],
  defaultLanguage: 'en',
  buildings: [{ id: 'main', name: 'Main Building', translations: { es: 'Edificio principal' }, floors: [{ id: 'main-1', name: '1st floor', translations: { es: '1.er piso' }, level: 1 }], defaultDestinationId: null }],
  zones: [{ id: 'east', name: 'East wing', buildingId: 'main' }],
  screens: [
    { id: 'lobby', name: 'Lobby', buildingId: 'main', floorId: 'main-1', zoneId: 'east', location: 'Front lobby', locationTranslations: { es: 'Vestíbulo' }, language: 'en', secondLanguage: 'es' },
    { id: 'hall', name: 'Hall', buildingId: 'main', floorId: 'main-1', zoneId: null, location: 'Hall', locationTranslations: { es: 'Pasillo' }, language: 'en' },
  ],
  destinations: [{ id: 'field', name: 'Field', translations: { es: 'Campo' } }],
};

describe('screenProfile', () => {
  it('carries the translated names in the screen’s languages only, leaving out what has none', () => {
    const lobby = screenProfile(site, site.screens[0]!);
    expect(lobby).toMatchObject({ location: 'Front lobby', buildingName: 'Main Building', zoneName: 'East wing', secondLanguage: 'es' });
    expect(lobby.translations).toEqual({ es: { location: 'Vestíbulo', buildingName: 'Edificio principal', floorName: '1.er piso' } });
    const hall = screenProfile(site, site.screens[1]!);
    expect(hall.translations).toBeUndefined();
    expect(hall.secondLanguage).toBeUndefined();
  });
});

describe('siteProfile', () => {
  it('carries the destinations, so screens can show an Evacuate’s destination in their language', () => {
    expect(siteProfile(site).destinations).toEqual(site.destinations);
  });
});
