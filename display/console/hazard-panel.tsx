// During an evacuation the office marks what is unsafe: named areas and exits, floor by floor, by tapping the map
// or the list under it. A tap takes effect at once (it is reversible and time matters); every screen re-routes
// around it within a second. Map and list both draw the hazards the hub pushed, so they always agree.
import { useEffect, useState } from 'preact/hooks';
import type { FloorPlan, Wayfinding } from '../../shared/floor-plan.ts';
import type { Hazards, Site } from '../../shared/model.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import type { HazardTarget } from './hazard-hit-test.ts';
import { HazardMap, hazardKey, type PendingHazards } from './hazard-map.tsx';

/** How long a tap shows as on its way when the hub's push does not come (the link banner says why). */
const PENDING_GIVE_UP_MS = 5000;
const SUMMARY_ID = 'hazard-summary';

function floorName(site: Site | null, floorId: string): string {
  for (const building of site?.buildings ?? []) {
    const floor = building.floors.find((f) => f.id === floorId);
    if (floor) return `${building.name}, ${floor.name}`;
  }
  return floorId;
}

function isOn(hazards: Hazards, target: HazardTarget): boolean {
  return target.kind === 'area' ? hazards.areaIds.includes(target.id) : hazards.blockedPoiIds.includes(target.id);
}

function markedOn(floor: FloorPlan, hazards: Hazards): number {
  const exits = floor.pois.filter((poi) => poi.type === 'exit' && hazards.blockedPoiIds.includes(poi.id)).length;
  return exits + floor.areas.filter((area) => hazards.areaIds.includes(area.id)).length;
}

/** "Marked: East wing hallway, east end; Blocked exits: West doors", over every floor. */
function summaryOf(wayfinding: Wayfinding, hazards: Hazards): string {
  const areas = wayfinding.floors.flatMap((f) => f.areas).filter((a) => hazards.areaIds.includes(a.id));
  const exits = wayfinding.floors.flatMap((f) => f.pois).filter((p) => p.type === 'exit' && hazards.blockedPoiIds.includes(p.id));
  if (areas.length + exits.length === 0) return 'Nothing marked: screens send people to their nearest exit.';
  const parts: string[] = [];
  if (areas.length > 0) parts.push(`Marked: ${areas.map((a) => a.name).join(', ')}`);
  if (exits.length > 0) parts.push(`Blocked exits: ${exits.map((p) => p.label).join(', ')}`);
  return parts.join('; ');
}

export function HazardPanel(props: { hazards: Hazards; site: Site | null }) {
  const [wayfinding, setWayfinding] = useState<Wayfinding | null>(null);
  const [chosenFloorId, setChosenFloorId] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingHazards>(new Map());
  const { busy, error, run } = useApiAction();
  useEffect(() => {
    call(api.wayfinding.$get()).then(
      (body) => setWayfinding(body.wayfinding),
      () => undefined,
    );
  }, []);
  // A tap stops being "on its way" once the hub's push shows the state it asked for.
  useEffect(() => {
    setPending((current) => {
      const left = new Map([...current].filter(([, tap]) => isOn(props.hazards, tap.target) !== tap.blocked));
      return left.size === current.size ? current : left;
    });
  }, [props.hazards]);

  if (!wayfinding) return <p class="muted">Loading the floor plans…</p>;
  if (wayfinding.floors.length === 0) return <p class="muted">No floor plans yet: the facility manager adds them in the admin console.</p>;

  const floor =
    wayfinding.floors.find((f) => f.floorId === chosenFloorId) ?? wayfinding.floors.find((f) => f.pois.some((p) => p.type === 'exit')) ?? wayfinding.floors[0]!;
  // Only the tap that set it: a later tap on the same item has its own entry and timer.
  const drop = (key: string, tap: { target: HazardTarget; blocked: boolean }) =>
    setPending((current) => {
      if (current.get(key) !== tap) return current;
      const left = new Map(current);
      left.delete(key);
      return left;
    });
  const toggle = async (target: HazardTarget) => {
    const key = hazardKey(target);
    // A second tap before the first has come back would only repeat it; wait for the map to show the result.
    if (pending.has(key)) return;
    const blocked = !isOn(props.hazards, target);
    const tap = { target, blocked };
    setPending((current) => new Map(current).set(key, tap));
    const done = await run(() => call(api.hazards.$post({ json: target.kind === 'area' ? { blocked, areaIds: [target.id] } : { blocked, exitPoiIds: [target.id] } })));
    if (done === undefined) drop(key, tap);
    else setTimeout(() => drop(key, tap), PENDING_GIVE_UP_MS);
  };

  const exits = floor.pois.filter((poi) => poi.type === 'exit');
  const toggleClass = (target: HazardTarget) => `toggle ${target.kind === 'exit' ? 'exit' : ''} ${isOn(props.hazards, target) ? 'on' : ''} ${pending.has(hazardKey(target)) ? 'pending' : ''}`;

  return (
    <div class="hazards" aria-busy={busy}>
      <p class="muted">Tap what is unsafe on the map or in the list. Screens route around it at once; tap again to clear.</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {wayfinding.floors.length > 1 && (
        <div class="floor-tabs" role="tablist" aria-label="Floor">
          {wayfinding.floors.map((f) => {
            const count = markedOn(f, props.hazards);
            return (
              <button
                key={f.floorId}
                type="button"
                role="tab"
                class={`floor-tab ${f.floorId === floor.floorId ? 'chosen' : ''}`}
                aria-selected={f.floorId === floor.floorId}
                data-test={`hazard-floor-${f.floorId}`}
                onClick={() => setChosenFloorId(f.floorId)}
              >
                {floorName(props.site, f.floorId)}
                {count > 0 && <span class="floor-tab-count">{count} marked</span>}
              </button>
            );
          })}
        </div>
      )}
      <section class="hazard-floor" role="tabpanel" aria-label={floorName(props.site, floor.floorId)}>
        <HazardMap key={floor.floorId} floor={floor} floorName={floorName(props.site, floor.floorId)} hazards={props.hazards} pending={pending} onToggle={toggle} describedBy={SUMMARY_ID} />
        <p id={SUMMARY_ID} class={`hazard-summary ${props.hazards.areaIds.length + props.hazards.blockedPoiIds.length > 0 ? 'some' : ''}`} role="status" data-test="hazard-summary">
          {summaryOf(wayfinding, props.hazards)}
        </p>
        {exits.length > 0 && (
          <div class="toggle-row">
            {exits.map((poi) => {
              const target = { kind: 'exit', id: poi.id } as const;
              return (
                <button key={poi.id} type="button" class={toggleClass(target)} aria-pressed={isOn(props.hazards, target)} data-test={`hazard-exit-${poi.id}`} onClick={() => toggle(target)}>
                  {isOn(props.hazards, target) ? 'Blocked: ' : 'Exit: '}
                  {poi.label}
                </button>
              );
            })}
          </div>
        )}
        <div class="toggle-row">
          {floor.areas.map((area) => {
            const target = { kind: 'area', id: area.id } as const;
            return (
              <button key={area.id} type="button" class={toggleClass(target)} aria-pressed={isOn(props.hazards, target)} data-test={`hazard-area-${area.id}`} onClick={() => toggle(target)}>
                {isOn(props.hazards, target) ? 'Hazard: ' : ''}
                {area.name}
              </button>
            );
          })}
        </div>
      </section>
    </div>
  );
}
