// What a tap on the office's hazard map means: an exit near the tap, else the smallest named area under it.
// Pure, in map units, so it is tested without a browser and the map only draws.
import type { FloorPlan, Point } from '../../shared/floor-plan.ts';
import { distance, pointInPolygon } from '../../shared/geometry.ts';

export type HazardTarget = { kind: 'exit'; id: string } | { kind: 'area'; id: string };

/** An exit marker's side in map units: sized to the plan, so a small annex and a large campus look alike. */
export function exitMarkerSize(floor: Pick<FloorPlan, 'width' | 'height'>): number {
  return (Math.max(floor.width, floor.height) / 50) * 1.8;
}

/** How far from an exit's centre a tap still counts as that exit: a fingertip is wider than the marker. */
export function exitReach(floor: Pick<FloorPlan, 'width' | 'height'>): number {
  return exitMarkerSize(floor) * 1.5;
}

/** The polygon's area (shoelace formula); its sign depends on the winding, so the absolute value. */
export function polygonArea(polygon: readonly Point[]): number {
  let twice = 0;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    twice += polygon[j]!.x * polygon[i]!.y - polygon[i]!.x * polygon[j]!.y;
  }
  return Math.abs(twice) / 2;
}

/**
 * The exit whose marker is nearest the tap, when within `reach`; otherwise the smallest area containing the tap
 * (a hallway drawn inside a wing wins over the wing); otherwise nothing.
 */
export function hazardTargetAt(floor: Pick<FloorPlan, 'pois' | 'areas'>, point: Point, reach: number): HazardTarget | null {
  let nearestExit: { id: string; away: number } | null = null;
  for (const poi of floor.pois) {
    if (poi.type !== 'exit') continue;
    const away = distance(point, poi.position);
    if (away <= reach && (!nearestExit || away < nearestExit.away)) nearestExit = { id: poi.id, away };
  }
  if (nearestExit) return { kind: 'exit', id: nearestExit.id };

  let smallest: { id: string; size: number } | null = null;
  for (const area of floor.areas) {
    if (!pointInPolygon(point, area.polygon)) continue;
    const size = polygonArea(area.polygon);
    if (!smallest || size < smallest.size) smallest = { id: area.id, size };
  }
  return smallest ? { kind: 'area', id: smallest.id } : null;
}
