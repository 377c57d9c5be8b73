// Generates a valid site (shared/model.ts SiteSchema) with N screens spread over buildings, floors and zones.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SiteSchema, type Building, type Screen, type Site, type Zone } from '../shared/model.ts';

const BUILDINGS = 4;
const FLOORS_PER_BUILDING = 3;
const ZONES_PER_BUILDING = 4;

export function generateSite(screens: number): Site {
  const buildings: Building[] = [];
  const zones: Zone[] = [];
  for (let b = 1; b <= BUILDINGS; b++) {
    const id = `building-${b}`;
    const floors = Array.from({ length: FLOORS_PER_BUILDING }, (_, f) => ({ id: `${id}-floor-${f + 1}`, name: `Floor ${f + 1}`, level: f + 1 }));
    buildings.push({ id, name: `Building ${b}`, floors, defaultDestinationId: null });
    for (let z = 1; z <= ZONES_PER_BUILDING; z++) zones.push({ id: `${id}-zone-${z}`, name: `Building ${b} zone ${z}`, buildingId: id });
  }
  const list: Screen[] = [];
  for (let i = 0; i < screens; i++) {
    const building = buildings[i % BUILDINGS]!;
    const floor = building.floors[Math.floor(i / BUILDINGS) % FLOORS_PER_BUILDING]!;
    // Every fifth screen hangs outside any zone, as lobby screens do.
    const zoneId = i % 5 === 4 ? null : `${building.id}-zone-${(i % ZONES_PER_BUILDING) + 1}`;
    list.push({
      id: `screen-${String(i + 1).padStart(5, '0')}`,
      name: `Screen ${i + 1}`,
      buildingId: building.id,
      floorId: floor.id,
      zoneId,
      location: `${floor.name}, hallway ${i + 1}`,
      language: i % 3 === 2 ? 'es' : 'en',
    });
  }
  const site: Site = {
    id: 'bench-school',
    name: 'Bench School',
    timeZone: 'America/Chicago',
    units: 'metres',
    languages: ['en', 'es'],
    defaultLanguage: 'en',
    buildings,
    zones,
    screens: list,
    destinations: [{ id: 'field', name: 'Football field' }],
  };
  // Fail here, with the schema's words, rather than as a hub that will not start.
  return SiteSchema.parse(site);
}

/** Write the site as JSON into `dir` and return the file's path. */
export async function writeSiteFile(dir: string, site: Site): Promise<string> {
  const path = join(dir, 'bench-site.json');
  await writeFile(path, JSON.stringify(site));
  return path;
}
