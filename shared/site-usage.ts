// What still uses a building, floor, zone, destination or screen language that a site change would remove.
// The hub refuses such a change (409) with these sentences, so nothing is ever left pointing at nothing.
import type { Slide } from './content.ts';
import type { Wayfinding } from './floor-plan.ts';
import type { ModeState, Scope, Site } from './model.ts';

export interface SiteUsers {
  wayfinding: Wayfinding;
  slides: readonly Slide[];
  modeState: ModeState;
  /** Integrations, by the scope each may act on at most: one limited to a removed building could act on nothing. */
  integrations?: readonly { name: string; ceiling: Scope }[];
}

const list = (names: string[], max = 5) => (names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`);
const quoted = (name: string) => `“${name}”`;

/** One sentence per thing the change would remove while something still uses it; empty when the change is safe. */
export function removalConflicts(before: Site, after: Pick<Site, 'buildings' | 'zones' | 'destinations' | 'languages'>, users: SiteUsers): string[] {
  const problems: string[] = [];
  const keptBuildings = new Set(after.buildings.map((b) => b.id));
  const keptFloors = new Set(after.buildings.flatMap((b) => b.floors.map((f) => f.id)));
  const keptZones = new Set(after.zones.map((z) => z.id));
  const planned = new Map(users.wayfinding.floors.map((plan) => [plan.floorId, plan]));
  const scopeUses = (test: (scope: Scope) => boolean) =>
    users.modeState.modes.filter((m) => test(m.scope)).map((m) => `the active ${m.drill ? 'drill ' : ''}${m.mode}`);
  const slideUses = (test: (slide: Slide) => boolean) => users.slides.filter(test).map((s) => `slide ${quoted(s.title)}`);
  const integrationUses = (test: (scope: Scope) => boolean) => (users.integrations ?? []).filter((i) => test(i.ceiling)).map((i) => `integration ${quoted(i.name)}`);

  for (const building of before.buildings) {
    if (keptBuildings.has(building.id)) continue;
    const uses = [
      ...before.screens.filter((s) => s.buildingId === building.id).map((s) => `screen ${quoted(s.name)}`),
      ...building.floors.filter((f) => planned.has(f.id)).map((f) => `the floor plan of ${quoted(f.name)}`),
      ...slideUses((slide) => slide.targets.some((t) => t.kind === 'building' && t.buildingId === building.id)),
      ...scopeUses((scope) => scope.kind === 'building' && scope.buildingId === building.id),
      ...integrationUses((scope) => scope.kind === 'building' && scope.buildingId === building.id),
      ...before.zones.filter((z) => z.buildingId === building.id && after.zones.some((kept) => kept.id === z.id)).map((z) => `zone ${quoted(z.name)}`),
    ];
    if (uses.length > 0) problems.push(`Building ${quoted(building.name)} is still used by ${list(uses)}.`);
  }

  for (const building of before.buildings) {
    if (!keptBuildings.has(building.id)) continue; // said above, building by building
    for (const floor of building.floors) {
      if (keptFloors.has(floor.id)) continue;
      const plan = planned.get(floor.id);
      const hazardAreas = plan ? plan.areas.filter((a) => users.modeState.hazards.areaIds.includes(a.id)).map((a) => `the marked hazard ${quoted(a.name)}`) : [];
      const blockedExits = plan ? plan.pois.filter((p) => users.modeState.hazards.blockedPoiIds.includes(p.id)).map((p) => `the blocked exit ${quoted(p.label)}`) : [];
      const uses = [
        ...before.screens.filter((s) => s.floorId === floor.id).map((s) => `screen ${quoted(s.name)}`),
        ...(plan ? [`its floor plan (${plan.pois.length} points of interest)`] : []),
        ...hazardAreas,
        ...blockedExits,
      ];
      if (uses.length > 0) problems.push(`Floor ${quoted(floor.name)} of ${quoted(building.name)} is still used by ${list(uses)}.`);
    }
  }

  for (const zone of before.zones) {
    if (keptZones.has(zone.id) || !keptBuildings.has(zone.buildingId)) continue;
    const uses = [
      ...before.screens.filter((s) => s.zoneId === zone.id).map((s) => `screen ${quoted(s.name)}`),
      ...slideUses((slide) => slide.targets.some((t) => t.kind === 'zone' && t.zoneId === zone.id)),
      ...scopeUses((scope) => scope.kind === 'zone' && scope.zoneId === zone.id),
      ...integrationUses((scope) => scope.kind === 'zone' && scope.zoneId === zone.id),
    ];
    if (uses.length > 0) problems.push(`Zone ${quoted(zone.name)} is still used by ${list(uses)}.`);
  }

  for (const language of before.languages) {
    if (after.languages.includes(language)) continue;
    const uses = before.screens.filter((s) => s.language === language || s.secondLanguage === language).map((s) => `screen ${quoted(s.name)}`);
    if (uses.length > 0) problems.push(`The screen language “${language}” is still used by ${list(uses)}.`);
  }
  return problems;
}
