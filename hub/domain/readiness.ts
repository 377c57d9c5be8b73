// The readiness check: what would leave someone without a way out. Every screen must be placed on a floor plan
// and have a route to an exit; every exit must be on the walkable graph; every floor with screens needs a plan.
import type { Wayfinding } from '../../shared/floor-plan.ts';
import type { Site } from '../../shared/model.ts';
import { createRouter } from '../../shared/routing.ts';

export interface ReadinessProblem {
  kind: 'floor-without-plan' | 'screen-not-placed' | 'screen-without-exit-route' | 'exit-not-on-graph' | 'node-unreachable';
  message: string;
  floorId: string | null;
  screenId: string | null;
  poiId: string | null;
}

export function readinessProblems(site: Site, wayfinding: Wayfinding): ReadinessProblem[] {
  const problems: ReadinessProblem[] = [];
  const plans = new Map(wayfinding.floors.map((f) => [f.floorId, f]));
  const spots = new Map(wayfinding.screens.map((s) => [s.screenId, s]));
  const router = createRouter(wayfinding);
  const floorName = (floorId: string) => {
    for (const building of site.buildings) {
      const floor = building.floors.find((f) => f.id === floorId);
      if (floor) return `${building.name}, ${floor.name}`;
    }
    return floorId;
  };

  for (const floorId of new Set(site.screens.map((s) => s.floorId))) {
    if (!plans.has(floorId)) {
      problems.push({ kind: 'floor-without-plan', message: `${floorName(floorId)} has screens but no floor plan.`, floorId, screenId: null, poiId: null });
    }
  }
  for (const screen of site.screens) {
    const spot = spots.get(screen.id);
    if (!plans.has(screen.floorId)) continue; // already reported for its floor
    if (!spot) {
      problems.push({ kind: 'screen-not-placed', message: `Screen "${screen.name}" is not placed on the plan of ${floorName(screen.floorId)}.`, floorId: screen.floorId, screenId: screen.id, poiId: null });
      continue;
    }
    const route = router.route({ floorId: screen.floorId, position: spot.position, facingDegrees: spot.facingDegrees }, 'exit');
    if (!route.ok) {
      problems.push({ kind: 'screen-without-exit-route', message: `Screen "${screen.name}" has no route to an exit (${route.reason}).`, floorId: screen.floorId, screenId: screen.id, poiId: null });
    }
  }
  for (const floor of wayfinding.floors) {
    const onGraph = new Set(floor.nodes.filter((n) => n.kind === 'exit').map((n) => n.poiId));
    for (const poi of floor.pois) {
      if (poi.type === 'exit' && !onGraph.has(poi.id)) {
        problems.push({ kind: 'exit-not-on-graph', message: `Exit "${poi.label}" on ${floorName(floor.floorId)} is not on the walkable graph: add an exit node for it.`, floorId: floor.floorId, screenId: null, poiId: poi.id });
      }
    }
  }
  problems.push(...unreachableNodes(wayfinding, floorName));
  return problems;
}

/** Graph points from which no exit can be reached over corridors and stairs (elevators do not count). */
function unreachableNodes(wayfinding: Wayfinding, floorName: (floorId: string) => string): ReadinessProblem[] {
  const neighbours = new Map<string, string[]>();
  const connect = (a: string, b: string) => {
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  };
  for (const floor of wayfinding.floors) for (const edge of floor.edges) connect(edge.from, edge.to);
  for (const link of wayfinding.links) if (link.kind === 'stairs') connect(link.from, link.to);
  const reached = new Set(wayfinding.floors.flatMap((f) => f.nodes.filter((n) => n.kind === 'exit').map((n) => n.id)));
  const queue = [...reached];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const neighbour of neighbours.get(next) ?? []) {
      if (!reached.has(neighbour)) {
        reached.add(neighbour);
        queue.push(neighbour);
      }
    }
  }
  return wayfinding.floors.flatMap((floor) => {
    const stranded = floor.nodes.filter((n) => !reached.has(n.id)).map((n) => n.id);
    if (stranded.length === 0) return [];
    const shown = stranded.slice(0, 8).join(', ') + (stranded.length > 8 ? ` and ${stranded.length - 8} more` : '');
    return [{ kind: 'node-unreachable' as const, message: `${stranded.length} point(s) of the walkable graph on ${floorName(floor.floorId)} connect to no exit: ${shown}.`, floorId: floor.floorId, screenId: null, poiId: null }];
  });
}
