// One floor of a map exercise: the school's plan with the place the walk starts from, the points that may be tapped
// (a tap picks the nearest of them, so a finger need not hit a small marker), exits a hazard has closed crossed out,
// and once answered the right route drawn with the right point and the one chosen.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FloorPlan, Point, PoiType } from '../../shared/floor-plan.ts';
import { distance } from '../../shared/geometry.ts';
import { POI_MARKERS } from '../../shared/poi-markers.ts';
import { PlanCanvas } from '../lib/plan-canvas.tsx';

export interface MapPoint {
  id: string;
  type: PoiType;
  label: string;
  position: Point;
}

export interface ExerciseMapProps {
  floor: Pick<FloorPlan, 'floorId' | 'width' | 'height' | 'image'> & { name: string };
  /** The place's outline and where the walk starts, when they are on this floor. */
  place: { name: string; polygon: Point[] | null; start: Point } | null;
  candidates: MapPoint[];
  blocked: MapPoint[];
  selected: string | null;
  /** After the answer: the points that count as right, the one chosen, the route's steps on this floor. */
  answered: { accepted: readonly string[]; chosen: string; best: string; route: Point[] } | null;
  onPick: (poiId: string) => void;
}

/** A tap this close to a point (in map units per unit of the map's size) picks it. */
const REACH_IN_UNITS = 2.5;
/** Below this drawn width (CSS px) the points grow, up to twice their size on a phone, so a fingertip finds them. */
const FULL_SIZE_WIDTH = 640;

/** How much bigger to draw the points on a plan drawn this narrow. */
function useMarkerScale() {
  const plan = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const element = plan.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setScale(Math.min(2, Math.max(1, FULL_SIZE_WIDTH / Math.max(1, element.clientWidth)))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { plan, scale };
}

export function ExerciseMap(props: ExerciseMapProps) {
  const { floor, place, candidates, selected, answered } = props;
  const { plan, scale } = useMarkerScale();
  const unit = (Math.max(floor.width, floor.height) / 50) * scale;
  const pick = (point: Point) => {
    if (answered) return;
    let nearest: MapPoint | null = null;
    for (const candidate of candidates) if (!nearest || distance(candidate.position, point) < distance(nearest.position, point)) nearest = candidate;
    if (nearest && distance(nearest.position, point) <= unit * REACH_IN_UNITS) props.onPick(nearest.id);
  };
  const route = answered?.route ?? [];
  const line = route.map((p) => `${p.x},${p.y}`).join(' ');
  return (
    <figure class="exercise-map" data-test={`exercise-map-${floor.floorId}`}>
      <figcaption>{floor.name}</figcaption>
      <div class="exercise-map-plan" ref={plan} style={{ aspectRatio: `${floor.width} / ${floor.height}` }}>
        <PlanCanvas floor={floor} onPoint={pick} label={`Plan of ${floor.name}`}>
          {place?.polygon && <polygon class="exercise-place" points={place.polygon.map((p) => `${p.x},${p.y}`).join(' ')} stroke-width={unit * 0.12} />}
          {route.length > 1 && (
            <g class="exercise-route" data-test="exercise-route" data-floor={floor.floorId}>
              <polyline points={line} fill="none" stroke="#fff" stroke-width={unit * 0.9} stroke-linejoin="round" stroke-linecap="round" />
              <polyline points={line} fill="none" stroke="#15803d" stroke-width={unit * 0.5} stroke-linejoin="round" stroke-linecap="round" />
            </g>
          )}
          {props.blocked.map((poi) => (
            <Blocked key={poi.id} poi={poi} unit={unit} />
          ))}
          {candidates.map((poi) => {
            const state = answered ? (poi.id === answered.best || answered.accepted.includes(poi.id) ? 'right' : poi.id === answered.chosen ? 'wrong' : 'other') : poi.id === selected ? 'selected' : 'other';
            return <Candidate key={poi.id} poi={poi} unit={unit} state={state} onPick={answered ? undefined : () => props.onPick(poi.id)} />;
          })}
          {place && <Here start={place.start} unit={unit} />}
        </PlanCanvas>
      </div>
    </figure>
  );
}

function Candidate(props: { poi: MapPoint; unit: number; state: 'selected' | 'right' | 'wrong' | 'other'; onPick: (() => void) | undefined }) {
  const { poi, unit, state } = props;
  const marker = POI_MARKERS[poi.type];
  const r = unit * 1.05;
  const glyph = (r * 1.3) / 24;
  return (
    <g
      class={`exercise-point ${state}`}
      transform={`translate(${poi.position.x} ${poi.position.y})`}
      data-test={`point-${poi.id}`}
      data-state={state}
      onClick={(event) => {
        if (!props.onPick) return;
        event.stopPropagation();
        props.onPick();
      }}
    >
      <title>{poi.label}</title>
      {state !== 'other' && <circle r={r * 1.65} class="exercise-point-ring" stroke-width={unit * 0.35} />}
      <circle r={r} fill={marker.colour} stroke="#fff" stroke-width={unit * 0.18} />
      <path d={marker.glyph} fill="#fff" transform={`scale(${glyph}) translate(-12 -12)`} />
    </g>
  );
}

function Blocked(props: { poi: MapPoint; unit: number }) {
  const { poi, unit } = props;
  const s = unit * 1.1;
  return (
    <g class="exercise-blocked" transform={`translate(${poi.position.x} ${poi.position.y})`} data-test={`blocked-${poi.id}`}>
      <title>{poi.label}: blocked</title>
      <circle r={s * 1.2} fill="#fff" stroke="#b91c1c" stroke-width={unit * 0.25} />
      <path d={`M${-s * 0.7} ${-s * 0.7}L${s * 0.7} ${s * 0.7}M${s * 0.7} ${-s * 0.7}L${-s * 0.7} ${s * 0.7}`} stroke="#b91c1c" stroke-width={unit * 0.35} stroke-linecap="round" />
    </g>
  );
}

/** "You are here": where the walk starts. */
function Here(props: { start: Point; unit: number }) {
  const { start, unit } = props;
  return (
    <g class="exercise-here" transform={`translate(${start.x} ${start.y})`} data-test="exercise-here">
      <circle r={unit * 1.3} fill="#1d4ed8" fill-opacity="0.25" />
      <circle r={unit * 0.6} fill="#1d4ed8" stroke="#fff" stroke-width={unit * 0.2} />
    </g>
  );
}
