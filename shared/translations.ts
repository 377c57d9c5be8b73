// The school's own names in a screen's language: buildings, floors, zones, destinations, floor-plan areas and
// points of interest, the screen's location and the office's note. Each may carry translations; what has none
// in a language is shown as the school typed it. The office console and the admin keep the typed names.
import type { ActiveMode, Destination, Language, Translations } from './model.ts';
import type { ScreenProfile } from './protocol.ts';

/** Anything the school named: most things have a `name`; points of interest call theirs a `label`. */
export type Translatable = ({ name: string } | { label: string }) & { translations?: Translations };

export function nameIn(thing: Translatable, language: Language): string {
  return thing.translations?.[language] ?? ('name' in thing ? thing.name : thing.label);
}

/**
 * Translations with one language set to `text`, or removed when `text` is blank; undefined when none is left,
 * so a record nobody translated keeps no empty `translations` (the editors use this).
 */
export function withTranslation(translations: Translations | undefined, language: Language, text: string): Translations | undefined {
  const { [language]: _replaced, ...others } = translations ?? {};
  const next: Translations = text.trim() === '' ? others : { ...others, [language]: text };
  return Object.keys(next).length > 0 ? next : undefined;
}

/**
 * An active mode as a screen in `language` shows it: the office's note and the evacuation destination in that
 * language where the office or the school gave one. The destination is found by the id the hub stored when the
 * mode started (so a later rename does not lose it), else by name (a mode started before ids were stored).
 * Returns the same object when nothing changes.
 */
export function activeModeIn(active: ActiveMode, language: Language, destinations: readonly Destination[]): ActiveMode {
  const note = active.note ? (active.noteTranslations?.[language] ?? active.note) : active.note;
  if (active.mode !== 'evacuate') return note === active.note ? active : { ...active, note };
  const destination = destinations.find((d) => d.id === active.destinationId) ?? destinations.find((d) => d.name === active.destination);
  const where = destination?.translations?.[language] ?? active.destination;
  return note === active.note && where === active.destination ? active : { ...active, note, destination: where };
}

/** A screen's profile with its location and place names in `language`, where the school translated them. */
export function profileIn(profile: ScreenProfile, language: Language): ScreenProfile {
  const names = profile.translations?.[language];
  return names ? { ...profile, ...names } : profile;
}

/** The languages the school's names may be translated into: its screen languages other than the default one. */
export function translationLanguages(site: { languages: readonly Language[]; defaultLanguage: Language }): Language[] {
  return site.languages.filter((language) => language !== site.defaultLanguage);
}
