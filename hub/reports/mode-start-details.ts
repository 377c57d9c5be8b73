// What a mode start was beyond its name (Evacuate's destination, Shelter's hazard and strategy, the office's note),
// read from its mode.set audit line. Lines carry these as fields (hub/domain/modes.ts); lines written before the
// fields existed say them only in `detail`'s words, which are parsed as the fallback.
import { SHELTER_HAZARD_TEXT, SHELTER_STRATEGY_TEXT, shelterInWords } from '../../shared/modes.ts';
import { LANGUAGES, type Language, type ShelterHazard, type ShelterStrategy } from '../../shared/model.ts';
import type { AuditEntry } from '../store/audit-log.ts';

export interface StartDetails {
  destination: string | null;
  hazard: ShelterHazard | null;
  strategy: ShelterStrategy | null;
  /** The office's note, in the words it was typed in, and as it was also written in other screen languages. */
  note: string | null;
  noteTranslations: Partial<Record<Language, string>>;
}

export const NO_START_DETAILS: StartDetails = { destination: null, hazard: null, strategy: null, note: null, noteTranslations: {} };

/** The details of a mode.set line: its fields, or for an older line without them, its words. */
export function startDetailsOf(entry: Pick<AuditEntry, 'detail' | 'destination' | 'hazard' | 'strategy' | 'note' | 'noteTranslations'>): StartDetails {
  // A line that has any of the fields was written with all that applied: what it lacks, the mode did not have.
  if (entry.destination !== undefined || entry.hazard !== undefined || entry.note !== undefined) {
    return { destination: entry.destination ?? null, hazard: entry.hazard ?? null, strategy: entry.strategy ?? null, note: entry.note ?? null, noteTranslations: entry.noteTranslations ?? {} };
  }
  return entry.detail ? startDetailsInWords(entry.detail) : NO_START_DETAILS;
}

const SHELTERS = Object.keys(SHELTER_HAZARD_TEXT).flatMap((hazard) =>
  Object.keys(SHELTER_STRATEGY_TEXT).map((strategy) => ({ hazard: hazard as ShelterHazard, strategy: strategy as ShelterStrategy, words: shelterInWords(hazard as ShelterHazard, strategy as ShelterStrategy) })),
);

/**
 * An older line's detail: "to <destination>" or "<Hazard>: <strategy>", then "note: “…”" and "note in es: “…”",
 * joined by "; ". Lines from before a part existed simply lack it.
 */
export function startDetailsInWords(detail: string | null): StartDetails {
  const text = detail ?? '';
  let note: string | null = null;
  const noteTranslations: StartDetails['noteTranslations'] = {};
  const noteAt = text.search(/(?:^|; )note(?: in [a-z]+)?: “/);
  const what = noteAt === -1 ? text : text.slice(0, noteAt);
  for (const [, language, words] of text.matchAll(/(?:^|; )note(?: in ([a-z]+))?: “([\s\S]*?)”(?=; note in [a-z]+: “|$)/g)) {
    if (language === undefined) note = words!;
    else if ((LANGUAGES as readonly string[]).includes(language)) noteTranslations[language as Language] = words!;
  }
  const shelter = SHELTERS.find((s) => s.words === what);
  return { destination: what.startsWith('to ') ? what.slice(3) : null, hazard: shelter?.hazard ?? null, strategy: shelter?.strategy ?? null, note, noteTranslations };
}
