// The weather alerts the office is offered, and those that ended lately: compared poll to poll, so an alert that
// leaves the feed, expires or is cancelled is remembered as ended (for a console whose Shelter still runs).
import type { EndedWeatherAlert, WeatherAlert, WeatherOffers } from '../../../shared/weather-alerts.ts';
import type { Matched } from './weather-matching.ts';

/** Ended alerts are kept this long (a Shelter rarely outlasts it), and at most this many. */
const ENDED_KEPT_MS = 12 * 3600_000;
const ENDED_KEPT = 10;

export class WeatherOfferBoard {
  #live: WeatherAlert[] = [];
  #ended: EndedWeatherAlert[] = [];

  current(): WeatherOffers {
    return { alerts: this.#live, ended: this.#ended };
  }

  /** The school's alerts as of this poll; true when what consoles show changed. */
  update(matched: Matched, now: Date): boolean {
    const before = JSON.stringify(this.current());
    const at = now.toISOString();
    for (const alert of this.#live) {
      if (matched.live.some((next) => next.key === alert.key)) continue;
      const how: EndedWeatherAlert['how'] = matched.cancelled.has(alert.key) ? 'cancelled' : alert.expires !== null && Date.parse(alert.expires) <= now.getTime() ? 'expired' : 'gone';
      this.#ended.unshift({ key: alert.key, event: alert.event, hazard: alert.hazard, source: alert.source, endedAt: at, how });
    }
    this.#live = matched.live;
    this.#ended = this.#ended.filter((ended) => !this.#live.some((alert) => alert.key === ended.key) && now.getTime() - Date.parse(ended.endedAt) < ENDED_KEPT_MS).slice(0, ENDED_KEPT);
    return JSON.stringify(this.current()) !== before;
  }

  /** Expired alerts end even when the feed cannot be reached. */
  expire(now: Date): boolean {
    return this.update({ live: this.#live.filter((alert) => alert.expires === null || Date.parse(alert.expires) > now.getTime()), cancelled: new Set() }, now);
  }

  /** The feed was switched off or changed: nothing is offered, and nothing is said to have ended. */
  clear(): boolean {
    const changed = this.#live.length + this.#ended.length > 0;
    this.#live = [];
    this.#ended = [];
    return changed;
  }
}
