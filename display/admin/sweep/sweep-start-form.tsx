// Starting a readiness sweep: where (the whole school, a building or one floor) and for how long the screens there
// show their codes.
import { useState } from 'preact/hooks';
import { DEFAULT_SWEEP_MINUTES } from '../../../shared/sweep.ts';
import { api, call } from '../../lib/api-client.ts';
import { useApiAction } from '../../lib/use-api-action.ts';
import { useSite } from '../../lib/use-site.ts';

const DURATIONS = [15, 30, 60, 120];

/** A place to sweep as one select's value: "" the whole school, "building" or "building/floor". */
function scopeOf(value: string): { buildingId: string | null; floorId: string | null } {
  const [buildingId = '', floorId = ''] = value.split('/');
  return { buildingId: buildingId || null, floorId: floorId || null };
}

export function SweepStartForm(props: { onStarted: () => void }) {
  const { site } = useSite();
  const [where, setWhere] = useState('');
  const [minutes, setMinutes] = useState(DEFAULT_SWEEP_MINUTES);
  const action = useApiAction();
  const start = async (event: Event) => {
    event.preventDefault();
    const body = await action.run(() => call(api.sweeps.$post({ json: { ...scopeOf(where), minutes } })));
    if (body) props.onStarted();
  };
  return (
    <form class="sweep-start" onSubmit={start} data-test="sweep-start-form">
      <label>
        Screens to check
        <select value={where} onChange={(e) => setWhere(e.currentTarget.value)} data-test="sweep-where">
          <option value="">The whole school</option>
          {site?.buildings.map((building) => (
            <optgroup key={building.id} label={building.name}>
              <option value={building.id}>All of {building.name}</option>
              {building.floors.map((floor) => (
                <option key={floor.id} value={`${building.id}/${floor.id}`}>
                  {building.name}, {floor.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        Codes show for
        <select value={minutes} onChange={(e) => setMinutes(Number(e.currentTarget.value))} data-test="sweep-minutes">
          {DURATIONS.map((m) => (
            <option key={m} value={m}>
              {m < 60 ? `${m} minutes` : `${m / 60} hour${m > 60 ? 's' : ''}`}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="primary" disabled={action.busy} data-test="sweep-start">
        Show the codes
      </button>
      {action.error && (
        <p class="error" role="alert">
          {action.error}
        </p>
      )}
    </form>
  );
}
