// The weather alert settings: saved, audited, and the feed asked again at once with them.
import type { WeatherSettings } from '../../shared/weather-settings.ts';
import type { WeatherFeed } from '../integrations/weather/weather-feed.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { auditRecorder, durableWriter } from './change-kit.ts';

export interface WeatherSettingsDeps {
  store: Store;
  audit: AuditLog;
  feed: Pick<WeatherFeed, 'settingsChanged'>;
  now?: () => Date;
}

/** "feed https://…; area codes 022017, LAZ017; Tornado Warning → tornado; starts by itself: no; every 60 s", for the audit log. */
function inWords(settings: WeatherSettings): string {
  const rules = settings.rules.map((rule) => `${rule.event} → ${rule.hazard}`).join(', ') || 'no events';
  return [
    settings.feedUrl ? `feed ${settings.feedUrl}` : 'off (no feed address)',
    `area codes ${settings.areaCodes.join(', ') || 'none'}`,
    rules,
    `starts the Shelter by itself: ${settings.autoStart ? 'yes' : 'no'}`,
    `every ${settings.pollSeconds} s`,
  ].join('; ');
}

export function createWeatherSettingsOperations({ store, audit, feed, now = () => new Date() }: WeatherSettingsDeps) {
  const write = durableWriter(store, 'the weather alert settings');
  const record = auditRecorder(audit, now);
  return {
    current: (): WeatherSettings => store.data.weather.settings,
    async save(settings: WeatherSettings, actor: Actor): Promise<WeatherSettings> {
      const areaCodes = [...new Set(settings.areaCodes)];
      await write((draft) => void (draft.weather.settings = { ...settings, areaCodes }));
      feed.settingsChanged();
      await record(actor, 'integration.weather-settings-changed', inWords(store.data.weather.settings));
      return store.data.weather.settings;
    },
  };
}

export type WeatherSettingsOperations = ReturnType<typeof createWeatherSettingsOperations>;
