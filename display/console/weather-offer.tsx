// The weather feed's offer to the office: while a warning for the school's area is live (hub/integrations/weather/),
// a banner with the event, the area and until when, and one large button that starts a real, school-wide Shelter with
// its hazard, through the same request as the console's own start, with a note naming the alert. It goes once that
// Shelter runs or the warning ends; a warning that ends while the Shelter runs is said, and the office gives the All
// Clear itself.
import type { ActiveMode, Site } from '../../shared/model.ts';
import { MODE_CATALOGUE, SHELTER_HAZARD_TEXT } from '../../shared/modes.ts';
import { endedWhileSheltering, offersToShow, weatherNote, type WeatherAlert, type WeatherOffers } from '../../shared/weather-alerts.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { schoolTime } from './school-time.ts';

function Offer(props: { alert: WeatherAlert; site: Site | null; canStart: boolean }) {
  const { alert, site } = props;
  const { busy, error, run } = useApiAction();
  const hazard = SHELTER_HAZARD_TEXT[alert.hazard].en;
  const start = () =>
    run(() =>
      call(api.modes.$post({ json: { mode: 'shelter', hazard: alert.hazard, scope: { kind: 'site' }, drill: false, note: weatherNote(alert, site?.timeZone ?? 'UTC') } })),
    );
  return (
    <div class="weather-offer" role="alert" data-test="weather-offer" style={{ '--mode-color': MODE_CATALOGUE.shelter.color }}>
      <p class="weather-event">
        {alert.source ? `${alert.source} ` : ''}
        {alert.event}
      </p>
      <p class="weather-where">
        {alert.area || 'The school’s area'}
        {alert.expires ? `, until ${schoolTime(alert.expires, site)}` : ''}
      </p>
      {props.canStart ? (
        <button type="button" class="weather-start" data-test="weather-start" disabled={busy} onClick={start}>
          Start Shelter ({hazard.toLowerCase()})
        </button>
      ) : (
        <p class="muted">The office can start Shelter ({hazard.toLowerCase()}) from its console.</p>
      )}
      <p class="weather-fineprint">Real event, whole school. Check the warning yourself too: the feed can be minutes late.</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function WeatherOffer(props: { weather: WeatherOffers | null; modes: readonly ActiveMode[]; site: Site | null; canStart: boolean }) {
  const offers = offersToShow(props.weather, props.modes);
  const ended = endedWhileSheltering(props.weather, props.modes);
  if (offers.length === 0 && ended.length === 0) return null;
  return (
    <section class="panel weather-panel" data-test="weather-panel" aria-label="Weather alerts">
      {offers.map((alert) => (
        <Offer key={alert.key} alert={alert} site={props.site} canStart={props.canStart} />
      ))}
      {ended.map((alert) => (
        <p key={alert.key} class="weather-ended" role="status" data-test="weather-ended">
          The {alert.source ? `${alert.source} ` : ''}
          {alert.event} {alert.how === 'cancelled' ? 'was cancelled' : alert.how === 'expired' ? 'has expired' : 'has ended'} ({schoolTime(alert.endedAt, props.site)}). The Shelter is
          still on: give the All Clear when it is safe.
        </p>
      ))}
    </section>
  );
}
