// Pure edits of the site editor's draft: add, rename, move and remove buildings, floors, zones and destinations.
// New items get ids from their names (unique across the site); the hub decides whether a removal is allowed.
import type { Building, Floor } from '../../../shared/model.ts';
import { idFromName, type SiteSettings } from '../../../shared/site-settings.ts';

/** The list with the item at `index` moved one place up (-1) or down (+1); unchanged at the ends. */
export function moved<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (target < 0 || target >= items.length) return [...items];
  const copy = [...items];
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  return copy;
}

const floorIds = (draft: SiteSettings) => new Set(draft.buildings.flatMap((b) => b.floors.map((f) => f.id)));

export function addBuilding(draft: SiteSettings, name: string): SiteSettings {
  const id = idFromName(name, new Set(draft.buildings.map((b) => b.id)), 'building');
  return { ...draft, buildings: [...draft.buildings, { id, name: name.trim(), floors: [], defaultDestinationId: draft.destinations[0]?.id ?? null }] };
}

export function changeBuilding(draft: SiteSettings, buildingId: string, change: (building: Building) => Building): SiteSettings {
  return { ...draft, buildings: draft.buildings.map((b) => (b.id === buildingId ? change(b) : b)) };
}

export function addFloor(draft: SiteSettings, buildingId: string, name: string): SiteSettings {
  const building = draft.buildings.find((b) => b.id === buildingId);
  if (!building) return draft;
  // "main" + "2nd floor" → "main-2nd-floor": readable in URLs and audit lines, unique across buildings.
  const id = idFromName(`${buildingId} ${name}`, floorIds(draft), 'floor');
  const level = building.floors.reduce((top, f) => Math.max(top, f.level), 0) + 1;
  const floor: Floor = { id, name: name.trim(), level };
  return changeBuilding(draft, buildingId, (b) => ({ ...b, floors: [...b.floors, floor] }));
}

export function changeFloor(draft: SiteSettings, buildingId: string, floorId: string, change: Partial<Floor>): SiteSettings {
  return changeBuilding(draft, buildingId, (b) => ({ ...b, floors: b.floors.map((f) => (f.id === floorId ? { ...f, ...change } : f)) }));
}

export function addZone(draft: SiteSettings, buildingId: string, name: string): SiteSettings {
  const id = idFromName(name, new Set(draft.zones.map((z) => z.id)), 'zone');
  return { ...draft, zones: [...draft.zones, { id, name: name.trim(), buildingId }] };
}

export function addDestination(draft: SiteSettings, name: string): SiteSettings {
  const id = idFromName(name, new Set(draft.destinations.map((d) => d.id)), 'destination');
  const destinations = [...draft.destinations, { id, name: name.trim() }];
  // The first destination becomes every building's default, so Evacuate is pre-filled from the start.
  const buildings = draft.destinations.length === 0 ? draft.buildings.map((b) => ({ ...b, defaultDestinationId: id })) : draft.buildings;
  return { ...draft, destinations, buildings };
}

export function removeDestination(draft: SiteSettings, destinationId: string): SiteSettings {
  return {
    ...draft,
    destinations: draft.destinations.filter((d) => d.id !== destinationId),
    buildings: draft.buildings.map((b) => (b.defaultDestinationId === destinationId ? { ...b, defaultDestinationId: null } : b)),
  };
}
