// The school's weather alert settings (admin console → Weather alerts): the CAP feed to read, the school's area codes,
// which events offer a Shelter with which hazard, whether a match starts it by itself, and how often to look. Off until
// a feed address is set. The hub reads the feed in hub/integrations/weather/.
import { z } from 'zod/mini';
import { ShelterHazardSchema } from './model.ts';

/** The fastest a school may poll: the NWS asks clients not to poll more often than every 30 seconds. */
export const WEATHER_POLL_MIN_SECONDS = 30;
export const WEATHER_POLL_MAX_SECONDS = 3600;
export const WEATHER_AREA_CODES_MAX = 20;
export const WEATHER_RULES_MAX = 20;

/**
 * Why a feed address cannot be used, or null when it can. https anywhere; plain http only to this machine (127.0.0.1,
 * ::1, localhost), where nothing on the way can change an alert (and tests serve their feeds).
 */
export function feedAddressProblem(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'the feed address is not a web address (https://…)';
  }
  if (url.username || url.password) return 'the feed address may not carry a user name or password';
  if (url.protocol === 'https:') return null;
  const loopback = url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost';
  if (url.protocol === 'http:' && loopback) return null;
  return url.protocol === 'http:' ? 'the feed address must start with https:// (plain http only for this machine itself)' : 'the feed address must start with https://';
}

/**
 * An area code of the school: SAME/FIPS6 (6 digits: a subdivision digit, the state and county, e.g. 022017) or an NWS
 * UGC code (state, C for county or Z for forecast zone, 3 digits, e.g. LAC017 or LAZ017). Written upper case.
 */
export const AreaCodeSchema = z.string().check(
  z.trim(),
  z.toUpperCase(),
  z.regex(/^(\d{6}|[A-Z]{2}[CZ]\d{3})$/, 'an area code is 6 digits (SAME/FIPS6, e.g. 022017) or an NWS UGC code (e.g. LAC017 or LAZ017)'),
);

/** An event that offers a Shelter: the CAP event name ("Tornado Warning") or its SAME code ("TOR"), and the hazard. */
export const WeatherRuleSchema = z.strictObject({
  event: z.string().check(z.trim(), z.minLength(1, 'name the event (e.g. Tornado Warning or TOR)'), z.maxLength(80)),
  hazard: ShelterHazardSchema,
});
export type WeatherRule = z.infer<typeof WeatherRuleSchema>;

export const WeatherSettingsSchema = z.strictObject({
  /** The Atom feed of CAP alerts; empty: weather alerts are off. */
  feedUrl: z.string().check(
    z.trim(),
    z.maxLength(2000),
    z.refine((address) => address === '' || feedAddressProblem(address) === null, { message: 'the feed address must start with https:// (plain http only for this machine itself)' }),
  ),
  areaCodes: z.array(AreaCodeSchema).check(z.maxLength(WEATHER_AREA_CODES_MAX, `at most ${WEATHER_AREA_CODES_MAX} area codes`)),
  rules: z.array(WeatherRuleSchema).check(z.maxLength(WEATHER_RULES_MAX, `at most ${WEATHER_RULES_MAX} events`)),
  /** A match starts the Shelter by itself (never during a real Lockdown or Evacuate, never over a real event). */
  autoStart: z.boolean(),
  pollSeconds: z
    .int()
    .check(z.gte(WEATHER_POLL_MIN_SECONDS, `poll at most every ${WEATHER_POLL_MIN_SECONDS} seconds`), z.lte(WEATHER_POLL_MAX_SECONDS, 'poll at least once an hour')),
});
export type WeatherSettings = z.infer<typeof WeatherSettingsSchema>;

export const DEFAULT_WEATHER_SETTINGS: WeatherSettings = {
  feedUrl: '',
  areaCodes: [],
  rules: [{ event: 'Tornado Warning', hazard: 'tornado' }],
  autoStart: false,
  pollSeconds: 60,
};

/** SAME event codes (47 CFR 11.31) and the CAP event names NWS gives them: a rule may name either. */
export const SAME_EVENT_NAMES: Readonly<Record<string, string>> = {
  TOR: 'Tornado Warning',
  TSW: 'Tsunami Warning',
  HMW: 'Hazardous Materials Warning',
  EQW: 'Earthquake Warning',
  SVR: 'Severe Thunderstorm Warning',
  FFW: 'Flash Flood Warning',
  EWW: 'Extreme Wind Warning',
  CEM: 'Civil Emergency Message',
  SPW: 'Shelter In Place Warning',
  NUW: 'Nuclear Power Plant Warning',
  RHW: 'Radiological Hazard Warning',
};

/** Events a school may add in one click (the admin console lists them). */
export const SUGGESTED_WEATHER_RULES: readonly WeatherRule[] = [
  { event: 'Tornado Warning', hazard: 'tornado' },
  { event: 'Tsunami Warning', hazard: 'tsunami' },
  { event: 'Hazardous Materials Warning', hazard: 'hazmat' },
  { event: 'Earthquake Warning', hazard: 'earthquake' },
];
