// A heads-up map's layout, shared by the wall screen and the printed diagram: the view box of the turned plan, and
// where every marker and label goes in it (map-placement.ts), upright, inside the view and clear of each other.
// The plan, the hazards and the route are drawn turned; markers and writing are drawn in the view's own upright units.
import type { FloorPlan, Point, Poi } from './floor-plan.ts';
import type { Bounds } from './geometry.ts';
import { type QuarterTurn, turnPoint } from './map-orientation.ts';
import { type LabelSide, type Placement, type PlacementRequest, placeMarkers } from './map-placement.ts';
import { MARKER_PRIORITY, MAY_BE_LEFT_OFF_FROM } from './poi-markers.ts';

export interface MapSizes {
  /** Width of an everyday marker, and of the marker at a route's end, in plan units. */
  marker: number;
  target: number;
  /** Radius of the You are here dot with its halo. */
  here: number;
  /** Font sizes of labels. */
  label: number;
  hereLabel: number;
}

export interface MapLayoutInput {
  floor: Pick<FloorPlan, 'width' | 'height'>;
  turn: QuarterTurn;
  sizes: MapSizes;
  /** The points of interest to show. */
  pois: readonly Poi[];
  /** Route ends: drawn larger, with their names. */
  targets: ReadonlySet<string>;
  here: { position: Point; label: string } | null;
  /** Words on marked hazard areas, at the area's middle (plan units). */
  hazardTags: readonly { id: string; at: Point; text: string }[];
  /** Route lines (plan units), which labels keep clear of where they can. */
  routes: readonly (readonly Point[])[];
  /** The plan's own writing (plan units, as uprightMapLabels says), which labels keep clear of where they can. */
  planLabels: readonly Bounds[];
}

export interface MapLayout {
  /** The turned plan's box: the SVG view box, and the bounds every label stays within. */
  view: Bounds;
  viewBox: string;
  placement: Placement;
}

/** Writing stays this far (a share of the label size) inside the view's edge. */
const EDGE_MARGIN = 0.3;
const HERE_SIDES: readonly LabelSide[] = ['below', 'below-right', 'below-left', 'right', 'left', 'above'];
const TARGET_SIDES: readonly LabelSide[] = ['above', 'below', 'right', 'left', 'above-right', 'above-left', 'below-right', 'below-left'];
const HAZARD_SIDES: readonly LabelSide[] = ['centre', 'below', 'above', 'right', 'left'];

/** Placement ids: one for You are here, one per hazard tag (by area) and one per point of interest. */
export const hereId = 'you-are-here';
export const hazardTagId = (areaId: string) => `hazard:${areaId}`;
export const poiId = (id: string) => `poi:${id}`;

/** What a placement id stands for. */
export function placedThing(id: string): { kind: 'here' } | { kind: 'hazard'; areaId: string } | { kind: 'poi'; poiId: string } {
  if (id === hereId) return { kind: 'here' };
  if (id.startsWith('hazard:')) return { kind: 'hazard', areaId: id.slice('hazard:'.length) };
  return { kind: 'poi', poiId: id.slice('poi:'.length) };
}

function turnedBounds(box: Bounds, turn: QuarterTurn): Bounds {
  const a = turnPoint({ x: box.minX, y: box.minY }, turn);
  const b = turnPoint({ x: box.maxX, y: box.maxY }, turn);
  return { minX: Math.min(a.x, b.x), minY: Math.min(a.y, b.y), maxX: Math.max(a.x, b.x), maxY: Math.max(a.y, b.y) };
}

export function mapLayout(input: MapLayoutInput): MapLayout {
  const { turn, sizes } = input;
  const view = turnedBounds({ minX: 0, minY: 0, maxX: input.floor.width, maxY: input.floor.height }, turn);
  const margin = sizes.label * EDGE_MARGIN;
  const inner = { minX: view.minX + margin, minY: view.minY + margin, maxX: view.maxX - margin, maxY: view.maxY - margin };
  const requests: PlacementRequest[] = [];
  if (input.here) {
    requests.push({ id: hereId, at: turnPoint(input.here.position, turn), radius: sizes.here, priority: 0, optional: false, label: { text: input.here.label, fontSize: sizes.hereLabel, sides: HERE_SIDES } });
  }
  for (const tag of input.hazardTags) {
    requests.push({ id: hazardTagId(tag.id), at: turnPoint(tag.at, turn), radius: 0, priority: 1, optional: false, label: { text: tag.text, fontSize: sizes.label, sides: HAZARD_SIDES } });
  }
  for (const poi of input.pois) {
    const target = input.targets.has(poi.id);
    const priority = target ? 2 : MARKER_PRIORITY[poi.type];
    requests.push({
      id: poiId(poi.id),
      at: turnPoint(poi.position, turn),
      radius: (target ? sizes.target : sizes.marker) / 2,
      priority,
      optional: priority >= MAY_BE_LEFT_OFF_FROM,
      ...(target ? { label: { text: poi.label, fontSize: sizes.label, sides: TARGET_SIDES } } : {}),
    });
  }
  const segments = input.routes.flatMap((line) => line.slice(1).map((p, i) => [turnPoint(line[i]!, turn), turnPoint(p, turn)] as const));
  const placement = placeMarkers(requests, inner, { boxes: input.planLabels.map((box) => turnedBounds(box, turn)), segments });
  return { view, viewBox: `${view.minX} ${view.minY} ${view.maxX - view.minX} ${view.maxY - view.minY}`, placement };
}

/** The middle of a polygon's corners: where a hazard area's tag goes. */
export function middleOf(polygon: readonly Point[]): Point {
  return { x: polygon.reduce((sum, p) => sum + p.x, 0) / polygon.length, y: polygon.reduce((sum, p) => sum + p.y, 0) / polygon.length };
}
