// What the office console is told of the weather feed: the alerts for the school's area that offer a Shelter now, and
// those that ended lately (so a console can say "the warning has ended" while the Shelter still runs). Small: a few
// short strings per alert, sent only when they change.
import { z } from 'zod/mini';
import { ShelterHazardSchema, type ActiveMode, type ShelterHazard } from './model.ts';

const ShortText = (max: number) => z.string().check(z.maxLength(max));

export const WeatherAlertSchema = z.object({
  /** The alert across its updates: the VTEC event ("KSHV.TO.W.0048") when the feed gives one, else the entry's id. */
  key: ShortText(300),
  /** The CAP event, as the feed names it ("Tornado Warning"). */
  event: ShortText(120),
  hazard: ShelterHazardSchema,
  /** The feed's area description ("Caddo; Bossier"), shortened. */
  area: ShortText(200),
  /** When it expires (ISO 8601), or null when the feed says not. */
  expires: z.nullable(ShortText(40)),
  /** "NWS" when the National Weather Service sent it, else empty: the notes and banners name it. */
  source: ShortText(20),
});
export type WeatherAlert = z.infer<typeof WeatherAlertSchema>;

export const EndedWeatherAlertSchema = z.object({
  key: ShortText(300),
  event: ShortText(120),
  hazard: ShelterHazardSchema,
  source: ShortText(20),
  /** When the hub saw it end (ISO 8601). */
  endedAt: ShortText(40),
  how: z.enum(['expired', 'cancelled', 'gone']),
});
export type EndedWeatherAlert = z.infer<typeof EndedWeatherAlertSchema>;

/** What consoles hold of the weather feed (protocol.ts's `weather` message carries it). */
export interface WeatherOffers {
  alerts: WeatherAlert[];
  ended: EndedWeatherAlert[];
}

/** "15:45" in the school's time zone (24-hour: a note is read aloud and across the building; no am/pm to mishear). */
function clockTime(iso: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Date(iso).toLocaleTimeString('en-GB', { ...options, timeZone });
  } catch {
    return new Date(iso).toLocaleTimeString('en-GB', options);
  }
}

/** The note the Shelter starts with, naming the alert: "NWS Tornado Warning until 15:45". At most 140 characters. */
export function weatherNote(alert: Pick<WeatherAlert, 'event' | 'expires' | 'source'>, timeZone: string): string {
  const name = `${alert.source ? `${alert.source} ` : ''}${alert.event}`;
  return (alert.expires ? `${name} until ${clockTime(alert.expires, timeZone)}` : name).slice(0, 140);
}

/** Is a real Shelter with this hazard running? Then the offer has been taken up (by the office or the hub). */
export function shelterRunningFor(hazard: ShelterHazard, modes: readonly ActiveMode[]): ActiveMode | undefined {
  return modes.find((mode) => mode.mode === 'shelter' && mode.hazard === hazard && !mode.drill);
}

/** The offers a console shows: the live alerts whose Shelter is not running yet. */
export function offersToShow(weather: Pick<WeatherOffers, 'alerts'> | null, modes: readonly ActiveMode[]): WeatherAlert[] {
  return (weather?.alerts ?? []).filter((alert) => !shelterRunningFor(alert.hazard, modes));
}

/** Alerts that ended while the Shelter they called for still runs: the office gives the All Clear itself. */
export function endedWhileSheltering(weather: WeatherOffers | null, modes: readonly ActiveMode[]): EndedWeatherAlert[] {
  if (!weather) return [];
  return weather.ended.filter((ended) => {
    const running = shelterRunningFor(ended.hazard, modes);
    // Not when the same hazard is still warned of by another live alert, nor for a Shelter started after it ended.
    return running !== undefined && running.startedAt <= ended.endedAt && !weather.alerts.some((alert) => alert.hazard === ended.hazard);
  });
}
