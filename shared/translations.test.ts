// Unit tests for the school's own names in a screen's language: translations win, the typed name is the fallback.
import { describe, expect, it } from 'vitest';
import type { ActiveMode, Destination } from './model.ts';
import type { ScreenProfile } from './protocol.ts';
import { activeModeIn, nameIn, profileIn, translationLanguages, withTranslation } from './translations.ts';

const destinations: Destination[] = [
  { id: 'north-field', name: 'North athletic field', translations: { es: 'Campo deportivo norte' } },
  { id: 'bus-loop', name: 'Bus loop' },
];
const base = { scope: { kind: 'site' as const }, drill: true, seq: 7, startedAt: '2025-01-01T10:00:00.000Z', by: 'office' };

describe('nameIn', () => {
  it('gives the translation in the language asked, else the name as typed', () => {
    const exit = { label: 'West doors', translations: { es: 'Puertas oeste' } };
    expect(nameIn(exit, 'es')).toBe('Puertas oeste');
    expect(nameIn(exit, 'en')).toBe('West doors');
    expect(nameIn({ name: 'Gym' }, 'es')).toBe('Gym');
    expect(nameIn({ name: 'Gym', translations: {} }, 'es')).toBe('Gym');
  });
});

describe('withTranslation', () => {
  it('sets one language, and drops it (and an empty record) when blank', () => {
    expect(withTranslation(undefined, 'es', 'Gimnasio')).toEqual({ es: 'Gimnasio' });
    expect(withTranslation({ es: 'Gimnasio' }, 'es', 'Gimnasio grande')).toEqual({ es: 'Gimnasio grande' });
    expect(withTranslation({ es: 'Gimnasio' }, 'es', '  ')).toBeUndefined();
    expect(withTranslation({ en: 'Gym', es: 'Gimnasio' }, 'es', '')).toEqual({ en: 'Gym' });
  });
});

describe('activeModeIn', () => {
  const evacuate: ActiveMode = { ...base, mode: 'evacuate', destination: 'North athletic field', destinationId: 'north-field', note: 'Use the north doors', noteTranslations: { es: 'Usen las puertas norte' } };

  it('gives the note and the destination in the language shown', () => {
    const spanish = activeModeIn(evacuate, 'es', destinations);
    expect(spanish).toMatchObject({ destination: 'Campo deportivo norte', note: 'Usen las puertas norte', seq: 7, drill: true });
    expect(activeModeIn(evacuate, 'en', destinations)).toBe(evacuate);
  });

  it('finds the destination by its id after a rename, and by name for a mode stored without one', () => {
    const renamed = [{ ...destinations[0]!, name: 'North field (new turf)' }];
    expect(activeModeIn(evacuate, 'es', renamed)).toMatchObject({ destination: 'Campo deportivo norte' });
    const { destinationId: _, ...withoutId } = evacuate;
    expect(activeModeIn(withoutId, 'es', destinations)).toMatchObject({ destination: 'Campo deportivo norte' });
  });

  it('keeps the words the office chose when nothing is translated', () => {
    const elsewhere: ActiveMode = { ...base, mode: 'evacuate', destination: 'The church' };
    expect(activeModeIn(elsewhere, 'es', destinations)).toBe(elsewhere);
    const untranslated: ActiveMode = { ...base, mode: 'evacuate', destination: 'Bus loop', destinationId: 'bus-loop', note: 'Walk' };
    expect(activeModeIn(untranslated, 'es', destinations)).toBe(untranslated);
    const hold: ActiveMode = { ...base, mode: 'hold', note: 'Medical emergency in the gym', noteTranslations: { es: 'Emergencia médica en el gimnasio' } };
    expect(activeModeIn(hold, 'es', [])).toMatchObject({ mode: 'hold', note: 'Emergencia médica en el gimnasio' });
    expect(activeModeIn(hold, 'en', [])).toBe(hold);
  });
});

describe('profileIn', () => {
  const profile: ScreenProfile = {
    id: 'lobby',
    name: 'Lobby',
    location: 'Front office lobby',
    language: 'en',
    secondLanguage: 'es',
    buildingId: 'main',
    buildingName: 'Main Building',
    floorId: 'main-1',
    floorName: '1st floor',
    zoneId: null,
    zoneName: null,
    translations: { es: { location: 'Vestíbulo', buildingName: 'Edificio principal' } },
  };

  it('puts in what the school translated and keeps the rest', () => {
    expect(profileIn(profile, 'es')).toMatchObject({ location: 'Vestíbulo', buildingName: 'Edificio principal', floorName: '1st floor', name: 'Lobby' });
    expect(profileIn(profile, 'en')).toBe(profile);
  });
});

describe('translationLanguages', () => {
  it('offers the screen languages other than the default one', () => {
    expect(translationLanguages({ languages: ['en', 'es'], defaultLanguage: 'en' })).toEqual(['es']);
    expect(translationLanguages({ languages: ['en', 'es'], defaultLanguage: 'es' })).toEqual(['en']);
    expect(translationLanguages({ languages: ['en'], defaultLanguage: 'en' })).toEqual([]);
  });
});
