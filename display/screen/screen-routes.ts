// The screen's own routes, computed in the browser from its cached floor plans, so they keep working with
// the hub down. Recomputed only when the plans, the hazards or the goal change.
import { headsUpTurn } from '../../shared/map-orientation.ts';
import type { FloorPlan, ScreenSpot, Wayfinding } from '../../shared/floor-plan.ts';
import type { Hazards } from '../../shared/model.ts';
import type { RouteGoal, RouteResult, Router } from '../../shared/routing.ts';

type Routing = typeof import('../../shared/routing.ts');

export interface ScreenPlace {
  floor: FloorPlan;
  spot: ScreenSpot;
}

export class ScreenRoutes {
  #routing: Routing | null = null;
  #version: string | null = null;
  #router: Router | null = null;
  readonly #routes = new Map<string, RouteResult>();

  /**
   * The route search is not in the screen's first load: a mode paints at once, and its route (with the map and the
   * route panel, which load the same way) as soon as the search has arrived, at once from the service worker's
   * cache. `onReady` is called then, to draw again.
   */
  constructor(onReady: () => void) {
    import('../../shared/routing.ts')
      .then((routing) => {
        this.#routing = routing;
        onReady();
      })
      .catch((error: unknown) => console.warn('Could not load the route search:', error));
  }

  /** Where this screen hangs on its floor's plan, or null when the plans do not place it. */
  placeOf(plan: { version: string; wayfinding: Wayfinding } | null, screenId: string, floorId: string): ScreenPlace | null {
    if (!plan) return null;
    const spot = plan.wayfinding.screens.find((s) => s.screenId === screenId);
    const floor = plan.wayfinding.floors.find((f) => f.floorId === floorId);
    return spot && floor ? { floor, spot } : null;
  }

  /** The route from this screen to the goal, or null while the route search is still loading. */
  route(plan: { version: string; wayfinding: Wayfinding }, place: ScreenPlace, goal: RouteGoal, hazards: Hazards): RouteResult | null {
    if (!this.#routing) return null;
    if (plan.version !== this.#version) {
      this.#version = plan.version;
      this.#router = this.#routing.createRouter(plan.wayfinding);
      this.#routes.clear();
    }
    const key = `${goal}|${hazards.areaIds.join(',')}|${hazards.blockedPoiIds.join(',')}`;
    let route = this.#routes.get(key);
    if (!route) {
      route = this.#router!.route({ floorId: place.floor.floorId, position: place.spot.position, facingDegrees: place.spot.facingDegrees }, goal, hazards);
      if (this.#routes.size > 32) this.#routes.clear();
      this.#routes.set(key, route);
    }
    return route;
  }
}

/** Width over height of the screen's plan as the screen turns it (heads-up, in quarter turns): its map's shape. */
export function planAspect(place: ScreenPlace): number {
  const turned = headsUpTurn(place.spot.facingDegrees) % 180 !== 0;
  return turned ? place.floor.height / place.floor.width : place.floor.width / place.floor.height;
}
