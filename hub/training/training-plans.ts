// The school's plans as training uses them: each floor with its building's and floor's names, the places a person
// can say they work in (the plans' named areas: rooms, halls, the gym, the library), where in each a walk starts,
// and one router over the plans, built again only when the plans change.
import { wayfindingFor, type PlanAudience } from '../../shared/confidential-points.ts';
import type { Area, FloorPlan, Point, Poi, Wayfinding } from '../../shared/floor-plan.ts';
import { pointInPolygon, distance } from '../../shared/geometry.ts';
import { middleOf } from '../../shared/map-layout.ts';
import type { Site } from '../../shared/model.ts';
import { createRouter, type Router } from '../../shared/routing.ts';

/** A floor as the training page draws it: no walkable graph (the hub routes), the points and areas with their names. */
export interface TrainingFloor {
  floorId: string;
  buildingId: string;
  /** "Main Building, 1st floor". */
  name: string;
  width: number;
  height: number;
  image: FloorPlan['image'];
  pois: Pick<Poi, 'id' | 'type' | 'label' | 'position'>[];
  areas: Pick<Area, 'id' | 'name' | 'polygon'>[];
}

export interface TrainingPlace {
  id: string;
  name: string;
  floorId: string;
  buildingId: string;
  /** "Main Building, 1st floor". */
  floorName: string;
  /** Where the walks from this place start. */
  start: Point;
}

export interface TrainingPlan {
  floors: TrainingFloor[];
  places: TrainingPlace[];
  /** Over the plans as the audience sees them: staff walk to confidential points too (panic buttons, locking doors). */
  router: Router;
  /** The floors of a building, lowest first. */
  floorsOf(buildingId: string): TrainingFloor[];
  poi(poiId: string): { poi: Poi; floorId: string } | null;
}

/**
 * Where a walk from an area starts: the middle of its corners when that lies inside it, else the walkable graph's
 * node inside it nearest to that middle (an L-shaped hall), else the middle anyway.
 */
function startIn(area: Area, floor: FloorPlan): Point {
  const middle = middleOf(area.polygon);
  if (pointInPolygon(middle, area.polygon)) return middle;
  const inside = floor.nodes.filter((node) => pointInPolygon(node.position, area.polygon));
  inside.sort((a, b) => distance(a.position, middle) - distance(b.position, middle));
  return inside[0]?.position ?? middle;
}

function buildPlan(site: Site, wayfinding: Wayfinding): TrainingPlan {
  const plans = new Map(wayfinding.floors.map((floor) => [floor.floorId, floor]));
  const floors: TrainingFloor[] = [];
  const places: TrainingPlace[] = [];
  const pois = new Map<string, { poi: Poi; floorId: string }>();
  for (const building of site.buildings) {
    for (const siteFloor of [...building.floors].sort((a, b) => a.level - b.level)) {
      const plan = plans.get(siteFloor.id);
      if (!plan) continue;
      const name = `${building.name}, ${siteFloor.name}`;
      floors.push({
        floorId: plan.floorId,
        buildingId: building.id,
        name,
        width: plan.width,
        height: plan.height,
        image: plan.image,
        pois: plan.pois.map(({ id, type, label, position }) => ({ id, type, label, position })),
        areas: plan.areas.map(({ id, name: areaName, polygon }) => ({ id, name: areaName, polygon })),
      });
      for (const poi of plan.pois) pois.set(poi.id, { poi, floorId: plan.floorId });
      for (const area of plan.areas) places.push({ id: area.id, name: area.name, floorId: plan.floorId, buildingId: building.id, floorName: name, start: startIn(area, plan) });
    }
  }
  const router = createRouter(wayfinding);
  return {
    floors,
    places,
    router,
    floorsOf: (buildingId) => floors.filter((floor) => floor.buildingId === buildingId),
    poi: (poiId) => pois.get(poiId) ?? null,
  };
}

/** One plan per (site, plans) pair and audience, kept until either changes: the store hands out new objects on change. */
export class TrainingPlans {
  #key: [Site, Wayfinding] | null = null;
  readonly #byAudience = new Map<PlanAudience, TrainingPlan>();

  constructor(
    private readonly site: () => Site,
    private readonly wayfinding: () => Wayfinding,
  ) {}

  for(audience: PlanAudience): TrainingPlan {
    const site = this.site();
    const wayfinding = this.wayfinding();
    if (!this.#key || this.#key[0] !== site || this.#key[1] !== wayfinding) {
      this.#byAudience.clear();
      this.#key = [site, wayfinding];
    }
    let plan = this.#byAudience.get(audience);
    if (!plan) {
      plan = buildPlan(site, wayfindingFor(audience, wayfinding));
      this.#byAudience.set(audience, plan);
    }
    return plan;
  }
}
