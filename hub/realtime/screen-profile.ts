// What a screen is told about itself in its welcome, and what the admin console's preview of it uses.
import type { ModeTones } from '../../shared/mode-tones.ts';
import type { Screen, Site } from '../../shared/model.ts';
import type { ScreenProfile, SiteProfile } from '../../shared/protocol.ts';

export function screenProfile(site: Site, screen: Screen): ScreenProfile {
  const building = site.buildings.find((b) => b.id === screen.buildingId)!;
  const floor = building.floors.find((f) => f.id === screen.floorId);
  const zone = site.zones.find((z) => z.id === screen.zoneId);
  const languages = screen.secondLanguage ? [screen.language, screen.secondLanguage] : [screen.language];
  // Only what the school translated, in the screen's own languages: a screen shows the typed name for the rest.
  const translations: NonNullable<ScreenProfile['translations']> = {};
  for (const language of languages) {
    const names = {
      location: screen.locationTranslations?.[language],
      buildingName: building.translations?.[language],
      floorName: floor?.translations?.[language],
      zoneName: zone?.translations?.[language],
    };
    const given = Object.entries(names).filter(([, name]) => name !== undefined);
    if (given.length > 0) translations[language] = Object.fromEntries(given);
  }
  return {
    id: screen.id,
    name: screen.name,
    location: screen.location,
    language: screen.language,
    ...(screen.secondLanguage ? { secondLanguage: screen.secondLanguage } : {}),
    ...(screen.secondLanguage && screen.languageLayout === 'side-by-side' ? { languageLayout: screen.languageLayout } : {}),
    buildingId: building.id,
    buildingName: building.name,
    floorId: screen.floorId,
    floorName: floor?.name ?? '',
    zoneId: screen.zoneId,
    zoneName: zone?.name ?? null,
    sound: screen.sound !== false,
    ...(Object.keys(translations).length > 0 ? { translations } : {}),
  };
}

/** What a screen or console is told about the school: its name, clock, units, evacuation destinations and (screens) the tones of its modes. */
export function siteProfile(site: Site, tones?: ModeTones): SiteProfile {
  return { id: site.id, name: site.name, timeZone: site.timeZone, units: site.units, destinations: site.destinations, ...(tones ? { tones } : {}) };
}
