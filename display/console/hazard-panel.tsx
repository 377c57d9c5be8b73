// During an evacuation the office marks what is unsafe: named areas and exits, floor by floor. A tap takes
// effect at once (it is reversible and time matters); every screen re-routes around it within a second.
import { useEffect, useState } from 'preact/hooks';
import type { Wayfinding } from '../../shared/floor-plan.ts';
import type { Hazards, Site } from '../../shared/model.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';

function floorName(site: Site | null, floorId: string): string {
  for (const building of site?.buildings ?? []) {
    const floor = building.floors.find((f) => f.id === floorId);
    if (floor) return `${building.name}, ${floor.name}`;
  }
  return floorId;
}

export function HazardPanel(props: { hazards: Hazards; site: Site | null }) {
  const [wayfinding, setWayfinding] = useState<Wayfinding | null>(null);
  const { busy, error, run } = useApiAction();
  useEffect(() => {
    call(api.wayfinding.$get()).then(
      (body) => setWayfinding(body.wayfinding),
      () => undefined,
    );
  }, []);
  if (!wayfinding) return <p class="muted">Loading the floor plans…</p>;
  if (wayfinding.floors.length === 0) return <p class="muted">No floor plans yet: the facility manager adds them in the admin console.</p>;

  const areas = new Set(props.hazards.areaIds);
  const exits = new Set(props.hazards.blockedPoiIds);
  const toggle = (kind: 'area' | 'exit', id: string, blocked: boolean) =>
    run(() => call(api.hazards.$post({ json: kind === 'area' ? { blocked, areaIds: [id] } : { blocked, exitPoiIds: [id] } })));

  return (
    <div class="hazards">
      <p class="muted">Tap what is unsafe. Screens route around it at once; tap again to clear.</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {wayfinding.floors.map((floor) => (
        <section key={floor.floorId} class="hazard-floor">
          <h3>{floorName(props.site, floor.floorId)}</h3>
          <div class="toggle-row">
            {floor.pois
              .filter((poi) => poi.type === 'exit')
              .map((poi) => (
                <button
                  key={poi.id}
                  type="button"
                  class={`toggle exit ${exits.has(poi.id) ? 'on' : ''}`}
                  aria-pressed={exits.has(poi.id)}
                  data-test={`hazard-exit-${poi.id}`}
                  disabled={busy}
                  onClick={() => toggle('exit', poi.id, !exits.has(poi.id))}
                >
                  {exits.has(poi.id) ? 'Blocked: ' : 'Exit: '}
                  {poi.label}
                </button>
              ))}
          </div>
          <div class="toggle-row">
            {floor.areas.map((area) => (
              <button
                key={area.id}
                type="button"
                class={`toggle ${areas.has(area.id) ? 'on' : ''}`}
                aria-pressed={areas.has(area.id)}
                data-test={`hazard-area-${area.id}`}
                disabled={busy}
                onClick={() => toggle('area', area.id, !areas.has(area.id))}
              >
                {areas.has(area.id) ? 'Hazard: ' : ''}
                {area.name}
              </button>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
