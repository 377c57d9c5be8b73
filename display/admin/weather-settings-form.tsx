// Weather alerts (admins): the CAP feed for the school's area, its area codes, which events offer which Shelter,
// whether a match starts it by itself, how often to look; and when the feed last answered, and the last error.
import { useEffect, useState } from 'preact/hooks';
import { SHELTER_HAZARDS, type ShelterHazard } from '../../shared/model.ts';
import { SHELTER_HAZARD_TEXT } from '../../shared/modes.ts';
import { SUGGESTED_WEATHER_RULES, WEATHER_POLL_MIN_SECONDS, WEATHER_RULES_MAX, type WeatherSettings } from '../../shared/weather-settings.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { useSite } from '../lib/use-site.ts';
import { schoolDateTime } from './school-date-time.ts';

type FeedStatus = { on: boolean; lastAnsweredAt: string | null; lastError: string | null; lastErrorAt: string | null; entries: number | null; matching: number };

const codesOf = (text: string) => text.split(/[\s,;]+/).filter(Boolean).map((code) => code.toUpperCase());

export function WeatherSettingsForm() {
  const { site } = useSite();
  const [draft, setDraft] = useState<WeatherSettings | null>(null);
  const [codes, setCodes] = useState('');
  const [status, setStatus] = useState<FeedStatus | null>(null);
  const [done, setDone] = useState(false);
  const load = useApiAction();
  const save = useApiAction();
  const check = useApiAction();

  const loaded = (body: { settings: WeatherSettings; status: FeedStatus }) => {
    setDraft(body.settings);
    setCodes(body.settings.areaCodes.join(', '));
    setStatus(body.status);
  };
  useEffect(() => {
    void load.run(() => call(api.weather.$get())).then((body) => body && loaded(body));
  }, []);
  if (!draft) return <p class={load.error ? 'error' : 'muted'}>{load.error ?? 'Loading the weather alert settings…'}</p>;

  const edit = (changes: Partial<WeatherSettings>) => {
    setDone(false);
    setDraft({ ...draft, ...changes });
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = await save.run(() => call(api.weather.$put({ json: { ...draft, areaCodes: codesOf(codes) } })));
    if (!body) return;
    loaded(body);
    setDone(true);
  };
  const checkNow = async () => {
    const body = await check.run(() => call(api.weather.check.$post()));
    if (body) setStatus(body.status);
  };
  const when = (iso: string | null) => (iso ? schoolDateTime(iso, site?.timeZone ?? null) : 'never');
  const missing = SUGGESTED_WEATHER_RULES.filter((rule) => !draft.rules.some((r) => r.event.toLowerCase() === rule.event.toLowerCase()));

  return (
    <form class="weather-form" data-test="weather-form" onSubmit={submit}>
      <h3>Weather alerts</h3>
      <p class="muted">
        Muster reads a CAP alert feed for the school’s area (such as the National Weather Service’s) and, while a warning the school chose is live,
        offers the office a one-tap Shelter. It is not a weather radio: the feed can be minutes late.
      </p>
      <label>
        Feed address (https; empty: off)
        <input type="url" data-test="weather-feed-url" value={draft.feedUrl} placeholder="https://api.weather.gov/alerts/active?zone=LAC017" onInput={(e) => edit({ feedUrl: e.currentTarget.value })} />
      </label>
      <label>
        The school’s area codes: SAME/FIPS6 (022017) or NWS UGC (LAC017, LAZ017), separated by commas
        <input data-test="weather-area-codes" value={codes} onInput={(e) => (setDone(false), setCodes(e.currentTarget.value))} />
      </label>
      <fieldset>
        <legend>Events that offer a Shelter (the CAP event name, or its SAME code such as TOR)</legend>
        {draft.rules.map((rule, index) => (
          <div class="weather-rule" key={index}>
            <input aria-label="Event" value={rule.event} onInput={(e) => edit({ rules: draft.rules.map((r, i) => (i === index ? { ...r, event: e.currentTarget.value } : r)) })} />
            <select aria-label="Hazard" value={rule.hazard} onChange={(e) => edit({ rules: draft.rules.map((r, i) => (i === index ? { ...r, hazard: e.currentTarget.value as ShelterHazard } : r)) })}>
              {SHELTER_HAZARDS.map((hazard) => (
                <option key={hazard} value={hazard}>
                  Shelter: {SHELTER_HAZARD_TEXT[hazard].en.toLowerCase()}
                </option>
              ))}
            </select>
            <button type="button" class="secondary" onClick={() => edit({ rules: draft.rules.filter((_, i) => i !== index) })}>
              Remove
            </button>
          </div>
        ))}
        {draft.rules.length < WEATHER_RULES_MAX && (
          <p class="weather-suggestions">
            {missing.map((rule) => (
              <button type="button" class="secondary" key={rule.event} onClick={() => edit({ rules: [...draft.rules, rule] })}>
                Add {rule.event}
              </button>
            ))}
            <button type="button" class="secondary" onClick={() => edit({ rules: [...draft.rules, { event: '', hazard: 'tornado' }] })}>
              Add another event
            </button>
          </p>
        )}
      </fieldset>
      <label class="checkbox">
        <input type="checkbox" data-test="weather-auto-start" checked={draft.autoStart} onChange={(e) => edit({ autoStart: e.currentTarget.checked })} />
        Start the Shelter by itself when a warning comes (never during a real Lockdown or Evacuate: then it only offers)
      </label>
      <label>
        Check the feed every (seconds, at least {WEATHER_POLL_MIN_SECONDS})
        <input type="number" min={WEATHER_POLL_MIN_SECONDS} step={1} value={draft.pollSeconds} onInput={(e) => edit({ pollSeconds: Number(e.currentTarget.value) })} />
      </label>
      <div class="form-actions">
        <button type="submit" data-test="weather-save" disabled={save.busy}>
          Save
        </button>
        <button type="button" class="secondary" data-test="weather-check" disabled={check.busy || !status?.on} onClick={checkNow}>
          Check the feed now
        </button>
        {done && <span role="status">Saved.</span>}
      </div>
      {(save.error || check.error) && (
        <p class="error" role="alert">
          {save.error ?? check.error}
        </p>
      )}
      {status && (
        <p class="muted" data-test="weather-status" role="status">
          {!status.on
            ? 'Off: no feed address.'
            : `Last answered: ${when(status.lastAnsweredAt)}${status.entries !== null ? ` (${status.entries} alerts in the feed, ${status.matching} for the school)` : ''}.`}
          {status.lastError && ` Last error (${when(status.lastErrorAt)}): ${status.lastError}`}
        </p>
      )}
    </form>
  );
}
