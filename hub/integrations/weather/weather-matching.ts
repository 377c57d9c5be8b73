// Which of a feed's entries concern the school: status Actual, one of its area codes, an event the school maps to a
// Shelter, not expired, not cancelled. Pure: the entries are read on a thread (weather-feed-parsing.ts), and this runs
// on the few the school maps, on the event loop, in well under a millisecond.
import type { WeatherAlert } from '../../../shared/weather-alerts.ts';
import { SAME_EVENT_NAMES, type WeatherRule, type WeatherSettings } from '../../../shared/weather-settings.ts';
import type { FeedEntry, ValuePair } from './weather-feed-reader.mjs';

export interface Matched {
  /** Alerts for the school that offer a Shelter now, one per alert (its latest update). */
  live: WeatherAlert[];
  /** Keys of the school's alerts the feed cancels (msgType Cancel, or a VTEC action CAN, EXP or UPG). */
  cancelled: Set<string>;
}

const AREA_NAMES = new Set(['FIPS6', 'SAME', 'UGC']);
const ENDING_VTEC_ACTIONS = new Set(['CAN', 'EXP', 'UPG']);

const named = (pairs: readonly ValuePair[], name: string) => pairs.filter((pair) => pair.valueName.toUpperCase() === name).flatMap((pair) => pair.value.split(/\s+/).filter(Boolean));

/** The P-VTEC parts that name one event across its updates ("KSHV.TO.W.0048"), and its action (NEW, CON, CAN…). */
export function vtecOf(vtec: string | null): { key: string; action: string } | null {
  const match = vtec?.match(/\/[OTEX]\.([A-Z]{3})\.([A-Z]{4})\.([A-Z]{2})\.([A-Z])\.(\d{4})\./);
  return match ? { key: `${match[2]}.${match[3]}.${match[4]}.${match[5]}`, action: match[1]! } : null;
}

/** The area codes an entry names: FIPS6/SAME and UGC, upper case (NWS lists several in one value). */
export function areaCodesOf(entry: Pick<FeedEntry, 'geocodes'>): string[] {
  return entry.geocodes.filter((pair) => AREA_NAMES.has(pair.valueName.toUpperCase())).flatMap((pair) => pair.value.toUpperCase().split(/\s+/).filter(Boolean));
}

/**
 * Does an entry's code cover one of the school's? UGC codes must be equal. SAME codes compare state and county; the
 * first digit names a part of the county (0: all of it), so a warning for all of it covers a school's part and a
 * warning for a part covers a school that gave the whole county (it may be theirs: offer rather than miss it).
 */
export function coversSchool(codes: readonly string[], schoolCodes: readonly string[]): boolean {
  return codes.some((code) =>
    schoolCodes.some((mine) => {
      if (code === mine) return true;
      if (!/^\d{6}$/.test(code) || !/^\d{6}$/.test(mine) || code.slice(1) !== mine.slice(1)) return false;
      return code[0] === '0' || mine[0] === '0';
    }),
  );
}

/** The school's rule for an entry's event: by the CAP event name, or by its SAME code (TOR, TSW, HMW, EQW…). */
export function ruleFor(entry: Pick<FeedEntry, 'event' | 'eventCodes'>, rules: readonly WeatherRule[]): WeatherRule | null {
  const event = entry.event.trim().toUpperCase();
  const sameCodes = named(entry.eventCodes, 'SAME').map((code) => code.toUpperCase());
  for (const rule of rules) {
    const asked = rule.event.trim().toUpperCase();
    if (asked === event) return rule;
    // A SAME code: the entry's own code, or the event name NWS gives that code.
    if (sameCodes.includes(asked) || SAME_EVENT_NAMES[asked]?.toUpperCase() === event) return rule;
    // An event name whose SAME code the entry carries.
    if (sameCodes.some((code) => SAME_EVENT_NAMES[code]?.toUpperCase() === asked)) return rule;
  }
  return null;
}

const isoOrNull = (value: string | null): string | null => {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

export function matchEntries(entries: readonly FeedEntry[], settings: Pick<WeatherSettings, 'areaCodes' | 'rules'>, now: Date, source: string): Matched {
  const byKey = new Map<string, { alert: WeatherAlert; effective: number }>();
  const cancelled = new Set<string>();
  const cancels: { event: string; at: number; references: string }[] = [];
  for (const entry of entries) {
    if (entry.status.toUpperCase() !== 'ACTUAL') continue;
    const rule = ruleFor(entry, settings.rules);
    if (!rule || !coversSchool(areaCodesOf(entry), settings.areaCodes)) continue;
    const vtec = vtecOf(entry.vtec);
    const key = (vtec?.key ?? entry.id).slice(0, 300);
    const effective = Date.parse(entry.effective ?? '') || 0;
    if (entry.msgType.toUpperCase() === 'CANCEL' || (vtec && ENDING_VTEC_ACTIONS.has(vtec.action))) {
      cancelled.add(key);
      cancels.push({ event: entry.event.toUpperCase(), at: effective, references: entry.references });
      continue;
    }
    const expires = isoOrNull(entry.expires);
    if (expires !== null && Date.parse(expires) <= now.getTime()) continue;
    const alert: WeatherAlert = { key, event: entry.event.slice(0, 120), hazard: rule.hazard, area: entry.areaDesc.slice(0, 200), expires, source };
    const earlier = byKey.get(key);
    if (!earlier || effective >= earlier.effective) byKey.set(key, { alert, effective });
  }
  // A Cancel without VTEC names what it cancels in its references, when the feed gives them; else it ends the school's
  // alerts of the same event issued before it.
  for (const [key, { alert, effective }] of byKey) {
    const ended = cancels.some((cancel) => (cancel.references ? cancel.references.includes(key) || key.includes(cancel.references) : cancel.event === alert.event.toUpperCase() && effective <= cancel.at));
    if (ended) cancelled.add(key);
  }
  const live = [...byKey.values()].map((entry) => entry.alert).filter((alert) => !cancelled.has(alert.key));
  return { live, cancelled };
}
