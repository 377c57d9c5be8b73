// Human names for scopes ("Whole school", "Main Building", "East wing (Main Building)"), from the site.
import type { Scope, Site } from '../../shared/model.ts';

export function scopeName(scope: Scope, site: Site | null): string {
  switch (scope.kind) {
    case 'site':
      return 'Whole school';
    case 'building':
      return site?.buildings.find((b) => b.id === scope.buildingId)?.name ?? scope.buildingId;
    case 'zone': {
      const zone = site?.zones.find((z) => z.id === scope.zoneId);
      if (!zone) return scope.zoneId;
      const building = site?.buildings.find((b) => b.id === zone.buildingId);
      return building ? `${zone.name} (${building.name})` : zone.name;
    }
  }
}

/** A scope as a data-test / DOM id fragment: "site", "building-main", "zone-east-wing". */
export function scopeSlug(scope: Scope): string {
  return scope.kind === 'site' ? 'site' : scope.kind === 'building' ? `building-${scope.buildingId}` : `zone-${scope.zoneId}`;
}
