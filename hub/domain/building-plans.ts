// The floor plans one building's screens need (its floors, the links between them, its screens' spots) as a
// hallway may see them, with a version that changes whenever their content does, so screens download them only when
// stale. A staff-only change (a camera moved, a note edited) leaves the version alone: screens are not even told.
import { createHash } from 'node:crypto';
import { floorPlanFor } from '../../shared/confidential-points.ts';
import type { Wayfinding } from '../../shared/floor-plan.ts';
import type { Site } from '../../shared/model.ts';

export interface BuildingPlan {
  version: string;
  wayfinding: Wayfinding;
}

export class BuildingPlans {
  #source: Wayfinding | null = null;
  readonly #cache = new Map<string, BuildingPlan>();

  constructor(
    private readonly site: () => Site,
    private readonly wayfinding: () => Wayfinding,
  ) {}

  /** The plan of a building for its hallway screens, or null when none of its floors has one. */
  forBuilding(buildingId: string): BuildingPlan | null {
    const wayfinding = this.wayfinding();
    if (wayfinding !== this.#source) {
      // The store hands out a new object on every committed change: that is when versions may change.
      this.#cache.clear();
      this.#source = wayfinding;
    }
    const cached = this.#cache.get(buildingId);
    if (cached) return cached;
    const building = this.site().buildings.find((b) => b.id === buildingId);
    if (!building) return null;
    const floorIds = new Set(building.floors.map((f) => f.id));
    const floors = wayfinding.floors.filter((f) => floorIds.has(f.floorId)).map((f) => floorPlanFor('hallway', f));
    if (floors.length === 0) return null;
    const nodeIds = new Set(floors.flatMap((f) => f.nodes.map((n) => n.id)));
    const screenIds = new Set(this.site().screens.filter((s) => s.buildingId === buildingId).map((s) => s.id));
    const plan: Wayfinding = {
      floors,
      links: wayfinding.links.filter((l) => nodeIds.has(l.from) && nodeIds.has(l.to)),
      screens: wayfinding.screens.filter((s) => screenIds.has(s.screenId)),
    };
    const version = createHash('sha256').update(JSON.stringify(plan)).digest('base64url').slice(0, 16);
    const result = { version, wayfinding: plan };
    this.#cache.set(buildingId, result);
    return result;
  }
}
