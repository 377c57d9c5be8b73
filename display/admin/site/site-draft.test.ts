import { describe, expect, it } from 'vitest';
import type { SiteSettings } from '../../../shared/site-settings.ts';
import { addBuilding, addDestination, addFloor, moved, removeDestination } from './site-draft.ts';

const empty: SiteSettings = { name: 'New school', timeZone: 'UTC', units: 'metres', languages: ['en'], defaultLanguage: 'en', buildings: [], zones: [], destinations: [] };

describe('site draft edits', () => {
  it('adds buildings and floors with ids from their names, floor ids unique across buildings, levels counting up', () => {
    let draft = addBuilding(addBuilding(empty, 'North Hall'), 'North Hall');
    expect(draft.buildings.map((b) => b.id)).toEqual(['north-hall', 'north-hall-2']);
    draft = addFloor(addFloor(draft, 'north-hall', 'Ground floor'), 'north-hall', 'Upper floor');
    expect(draft.buildings[0]!.floors).toEqual([
      { id: 'north-hall-ground-floor', name: 'Ground floor', level: 1 },
      { id: 'north-hall-upper-floor', name: 'Upper floor', level: 2 },
    ]);
  });

  it("makes the first destination every building's default, and clears a removed default", () => {
    let draft = addDestination(addBuilding(empty, 'Main'), 'Field');
    expect(draft.buildings[0]!.defaultDestinationId).toBe('field');
    draft = addDestination(draft, 'Bus loop');
    expect(draft.buildings[0]!.defaultDestinationId).toBe('field');
    draft = removeDestination(draft, 'field');
    expect(draft.buildings[0]!.defaultDestinationId).toBeNull();
  });

  it('moves an item up or down, and not past the ends', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
