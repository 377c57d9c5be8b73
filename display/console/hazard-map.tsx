// The office's hazard map: one floor's plan where a tap on an exit blocks or frees it and a tap in a named area
// marks or clears it. It only draws what the hub last pushed (plus which taps are still on their way) and says
// what was tapped; the panel sends the change.
import type { Area, FloorPlan, Point, Poi } from '../../shared/floor-plan.ts';
import type { Hazards } from '../../shared/model.ts';
import { POI_MARKERS } from '../../shared/poi-markers.ts';
import { PlanCanvas } from '../lib/plan-canvas.tsx';
import { exitMarkerSize, exitReach, hazardTargetAt, polygonArea, type HazardTarget } from './hazard-hit-test.ts';

/** Taps sent to the hub whose new state has not come back over the live link yet, by `hazardKey`. */
export type PendingHazards = ReadonlyMap<string, { target: HazardTarget; blocked: boolean }>;

export const hazardKey = (target: HazardTarget): string => `${target.kind}:${target.id}`;

export interface HazardMapProps {
  floor: FloorPlan;
  /** "Main Building, 1st floor": for the map's accessible name. */
  floorName: string;
  hazards: Hazards;
  pending: PendingHazards;
  onToggle: (target: HazardTarget) => void;
  /** The id of the text that sums up what is marked, read out with the map. */
  describedBy?: string;
}

/** Where an area's word goes and how big: centred, as large as fits, turned upright in tall narrow areas. */
function labelFor(area: Area, unit: number, words: string) {
  const xs = area.polygon.map((p) => p.x);
  const ys = area.polygon.map((p) => p.y);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  const upright = height > width * 1.5;
  const [along, across] = upright ? [height, width] : [width, height];
  // Bold capitals run about 0.8 em each; keep a margin so the word stays inside its area and off the exits.
  const size = Math.max(unit * 0.45, Math.min(unit * 1.3, (along * 0.8) / (words.length * 0.8), across * 0.6));
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2, size, rotate: upright ? -90 : 0, width: words.length * 0.8 * size };
}

export function HazardMap(props: HazardMapProps) {
  const { floor, hazards, pending } = props;
  const unit = Math.max(floor.width, floor.height) / 50;
  const markedAreas = new Set(hazards.areaIds);
  const blockedExits = new Set(hazards.blockedPoiIds);
  // One image to assistive technology, so the areas and exits drawn on it carry no names of their own: the panel's
  // buttons under the map name each one and toggle it from the keyboard or a screen reader.
  const label = `Hazard map of ${props.floorName}. Tap an area to mark or clear it as a hazard; tap an exit to block or free it.`;

  const onPoint = (point: Point) => {
    const target = hazardTargetAt(floor, point, exitReach(floor));
    if (target) props.onToggle(target);
  };

  // Largest first, so a hallway drawn inside a wing is painted on top, as the tap rule treats it.
  const areas = [...floor.areas].sort((a, b) => polygonArea(b.polygon) - polygonArea(a.polygon));
  const exits = floor.pois.filter((poi) => poi.type === 'exit');
  const hatch = `hazard-map-hatch-${floor.floorId}`;

  return (
    <div class="hazard-map" style={{ aspectRatio: `${floor.width} / ${floor.height}`, maxWidth: `calc(60vh * ${floor.width / floor.height})` }}>
      <PlanCanvas floor={floor} onPoint={onPoint} label={label} describedBy={props.describedBy} class="hazard-map-canvas" data-test={`hazard-map-${floor.floorId}`}>
        <defs>
          <pattern id={hatch} width={unit * 0.6} height={unit * 0.6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width={unit * 0.6} height={unit * 0.6} fill="rgb(220 38 38 / 0.45)" />
            <rect width={unit * 0.25} height={unit * 0.6} fill="rgb(185 28 28 / 0.75)" />
          </pattern>
        </defs>
        {areas.map((area) => (
          <HazardArea key={area.id} area={area} unit={unit} hatch={hatch} marked={markedAreas.has(area.id)} pending={pending.get(hazardKey({ kind: 'area', id: area.id }))?.blocked} />
        ))}
        {exits.map((poi) => (
          <ExitMarker key={poi.id} poi={poi} unit={unit} size={exitMarkerSize(floor)} blocked={blockedExits.has(poi.id)} pending={pending.get(hazardKey({ kind: 'exit', id: poi.id }))?.blocked} />
        ))}
      </PlanCanvas>
    </div>
  );
}

function HazardArea(props: { area: Area; unit: number; hatch: string; marked: boolean; pending: boolean | undefined }) {
  const { area, unit, marked, pending } = props;
  const points = area.polygon.map((p) => `${p.x},${p.y}`).join(' ');
  const waiting = pending !== undefined;
  const words = waiting ? (pending ? 'MARKING…' : 'CLEARING…') : marked ? 'HAZARD' : null;
  const state = marked ? 'marked' : 'clear';
  return (
    <g class={`hazard-map-area ${state} ${waiting ? 'pending' : ''}`}>
      <polygon
        points={points}
        data-test={`hazard-map-area-${area.id}`}
        data-state={state}
        data-pending={waiting ? 'true' : undefined}
        fill={marked ? `url(#${props.hatch})` : waiting ? 'rgb(245 158 11 / 0.3)' : 'rgb(37 99 235 / 0.07)'}
        stroke={waiting ? '#b45309' : marked ? '#991b1b' : 'rgb(37 99 235 / 0.75)'}
        stroke-width={waiting || marked ? unit * 0.22 : unit * 0.1}
        stroke-dasharray={waiting ? `${unit * 0.5} ${unit * 0.3}` : marked ? undefined : `${unit * 0.35} ${unit * 0.25}`}
      />
      {words && <AreaWord area={area} unit={unit} words={words} colour={waiting ? '#92400e' : '#991b1b'} />}
    </g>
  );
}

/** The word on a marked area, on a white plate so the plan's own room name under it does not muddle it. */
function AreaWord(props: { area: Area; unit: number; words: string; colour: string }) {
  const label = labelFor(props.area, props.unit, props.words);
  const pad = label.size * 0.3;
  return (
    <g transform={`translate(${label.x} ${label.y}) rotate(${label.rotate})`} class="hazard-map-word">
      <rect x={-label.width / 2 - pad} y={-label.size * 0.65} width={label.width + pad * 2} height={label.size * 1.3} rx={label.size * 0.25} fill="rgb(255 255 255 / 0.92)" stroke={props.colour} stroke-width={props.unit * 0.08} />
      <text class="hazard-map-label" text-anchor="middle" dominant-baseline="central" font-size={label.size} fill={props.colour} stroke="none" textLength={label.width * 0.92} lengthAdjust="spacingAndGlyphs">
        {props.words}
      </text>
    </g>
  );
}

function ExitMarker(props: { poi: Poi; unit: number; size: number; blocked: boolean; pending: boolean | undefined }) {
  const { poi, unit, size, blocked, pending } = props;
  const half = size / 2;
  const marker = POI_MARKERS.exit;
  const waiting = pending !== undefined;
  return (
    <g
      class={`hazard-map-exit ${blocked ? 'blocked' : 'open'} ${waiting ? 'pending' : ''}`}
      transform={`translate(${poi.position.x} ${poi.position.y})`}
      data-test={`hazard-map-exit-${poi.id}`}
      data-state={blocked ? 'blocked' : 'open'}
      data-pending={waiting ? 'true' : undefined}
    >
      {waiting && <circle r={size * 0.95} fill="rgb(245 158 11 / 0.3)" stroke="#b45309" stroke-width={unit * 0.2} stroke-dasharray={`${unit * 0.5} ${unit * 0.3}`} />}
      <rect x={-half} y={-half} width={size} height={size} rx={size * 0.18} fill={blocked ? '#64748b' : marker.colour} stroke="#fff" stroke-width={unit * 0.15} />
      <svg x={-half * 0.8} y={-half * 0.8} width={size * 0.8} height={size * 0.8} viewBox="0 0 24 24">
        <path d={marker.glyph} fill="#fff" />
      </svg>
      {blocked && <path d={`M${-half} ${-half}L${half} ${half}M${half} ${-half}L${-half} ${half}`} stroke="#dc2626" stroke-width={unit * 0.4} stroke-linecap="round" />}
      {(blocked || waiting) && (
        <text class="hazard-map-label" y={half + unit * 0.9} text-anchor="middle" dominant-baseline="central" font-size={unit * 0.8} stroke-width={unit * 0.3} fill={waiting ? '#92400e' : '#991b1b'}>
          {waiting ? (pending ? 'BLOCKING…' : 'FREEING…') : 'BLOCKED'}
        </text>
      )}
    </g>
  );
}
