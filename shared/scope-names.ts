// Human names for scopes ("Whole school", "Main Building", "East wing (Main Building)"), from the site.
import type { Scope, Site } from './model.ts';

export function scopeName(scope: Scope, site: Pick<Site, 'buildings' | 'zones'> | null): string {
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
