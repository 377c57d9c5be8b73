// A school built in code for unit tests: one building of two floors, two zones, and as many screens as asked for
// (half in each zone), so a test does not depend on the demo school and can have a thousand screens.
import { SiteSchema, type Site } from '../../shared/model.ts';

export function smallSchool(screenCount: number): Site {
  return SiteSchema.parse({
    id: 'test-school',
    name: 'Test School',
    timeZone: 'Europe/Berlin',
    defaultLanguage: 'en',
    buildings: [{ id: 'main', name: 'Main', floors: [{ id: 'main-1', name: 'Ground', level: 0 }, { id: 'main-2', name: 'First', level: 1 }] }],
    zones: [
      { id: 'east', name: 'East wing', buildingId: 'main' },
      { id: 'west', name: 'West wing', buildingId: 'main' },
    ],
    screens: Array.from({ length: screenCount }, (_, index) => ({
      id: `screen-${String(index + 1).padStart(5, '0')}`,
      name: `Screen ${index + 1}`,
      buildingId: 'main',
      floorId: index % 2 === 0 ? 'main-1' : 'main-2',
      zoneId: index < screenCount / 2 ? 'east' : 'west',
      location: `Hallway by room ${100 + index}`,
      language: 'en',
    })),
    destinations: [{ id: 'field', name: 'North field' }],
  });
}
