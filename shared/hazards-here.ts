// Which marked hazard areas a point lies in: a screen inside one says so plainly, so nobody takes its map as
// "you are safe here".
import type { Area, FloorPlan, Point } from './floor-plan.ts';
import { pointInPolygon } from './geometry.ts';
import type { Hazards } from './model.ts';

export function hazardAreasAt(floor: Pick<FloorPlan, 'areas'>, position: Point, hazards: Pick<Hazards, 'areaIds'>): Area[] {
  if (hazards.areaIds.length === 0) return [];
  const marked = new Set(hazards.areaIds);
  return floor.areas.filter((area) => marked.has(area.id) && pointInPolygon(position, area.polygon));
}
