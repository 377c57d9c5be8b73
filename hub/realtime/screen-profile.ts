// What a screen is told about itself in its welcome, and what the admin console's preview of it uses.
import type { ModeTones } from '../../shared/mode-tones.ts';
import type { Screen, Site } from '../../shared/model.ts';
import type { ScreenProfile, SiteProfile } from '../../shared/protocol.ts';

export function screenProfile(site: Site, screen: Screen): ScreenProfile {
  const building = site.buildings.find((b) => b.id === screen.buildingId)!;
  return {
    id: screen.id,
    name: screen.name,
    location: screen.location,
    language: screen.language,
    buildingId: building.id,
    buildingName: building.name,
    floorId: screen.floorId,
    floorName: building.floors.find((f) => f.id === screen.floorId)?.name ?? '',
    zoneId: screen.zoneId,
    zoneName: site.zones.find((z) => z.id === screen.zoneId)?.name ?? null,
    sound: screen.sound !== false,
  };
}

/** What a screen or console is told about the school: its name, clock and units, and (screens) the tones of its modes. */
export function siteProfile(site: Site, tones?: ModeTones): SiteProfile {
  return { id: site.id, name: site.name, timeZone: site.timeZone, units: site.units, ...(tones ? { tones } : {}) };
}
