// A site change in words for the audit log: "renamed building “Main” to “Main Hall”; added floor “3rd floor”…".
import type { Site, Translations } from '../../shared/model.ts';

interface Named {
  id: string;
  name: string;
  translations?: Translations;
}

/** "es “Puertas oeste”", or "none" when every translation was removed. */
function translationsInWords(translations: Translations | undefined): string {
  const given = Object.entries(translations ?? {});
  return given.length > 0 ? given.map(([language, text]) => `${language} “${text}”`).join(', ') : 'none';
}

function listChanges(kind: string, before: readonly Named[], after: readonly Named[]): string[] {
  const old = new Map(before.map((item) => [item.id, item]));
  const now = new Map(after.map((item) => [item.id, item]));
  const changes: string[] = [];
  for (const item of after) {
    const previous = old.get(item.id);
    if (!previous) changes.push(`added ${kind} “${item.name}”`);
    else if (previous.name !== item.name) changes.push(`renamed ${kind} “${previous.name}” to “${item.name}”`);
    if (previous && translationsInWords(previous.translations) !== translationsInWords(item.translations)) {
      changes.push(`translations of ${kind} “${item.name}”: ${translationsInWords(item.translations)}`);
    }
  }
  for (const item of before) if (!now.has(item.id)) changes.push(`removed ${kind} “${item.name}”`);
  const keptOrder = (items: readonly Named[], other: Map<string, Named>) => items.filter((i) => other.has(i.id)).map((i) => i.id).join();
  if (keptOrder(before, now) !== keptOrder(after, old)) changes.push(`reordered the ${kind === 'zone' ? 'zones' : `${kind}s`}`);
  return changes;
}

export function describeSiteChange(before: Site, after: Site): string {
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`renamed the school “${before.name}” to “${after.name}”`);
  if (before.timeZone !== after.timeZone) changes.push(`time zone ${before.timeZone} → ${after.timeZone}`);
  if (before.units !== after.units) changes.push(`units ${before.units} → ${after.units}`);
  if (before.languages.join() !== after.languages.join() || before.defaultLanguage !== after.defaultLanguage) {
    changes.push(`screen languages ${after.languages.join(', ')} (default ${after.defaultLanguage})`);
  }
  changes.push(...listChanges('building', before.buildings, after.buildings));
  const floorsOf = (site: Site) => site.buildings.flatMap((b) => b.floors.map((f) => ({ id: f.id, name: `${f.name}” of “${b.name}`, translations: f.translations })));
  changes.push(...listChanges('floor', floorsOf(before), floorsOf(after)));
  for (const building of after.buildings) {
    const previous = before.buildings.find((b) => b.id === building.id);
    if (previous && previous.defaultDestinationId !== building.defaultDestinationId) {
      const name = after.destinations.find((d) => d.id === building.defaultDestinationId)?.name ?? 'none';
      changes.push(`default destination of “${building.name}”: ${name}`);
    }
  }
  changes.push(...listChanges('zone', before.zones, after.zones));
  changes.push(...listChanges('destination', before.destinations, after.destinations));
  return changes.length > 0 ? changes.join('; ') : 'saved without changes';
}
