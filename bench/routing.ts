// Routing benchmark: a generated campus of grid-corridor buildings, one hazard change, then one timed route() per
// simulated screen. Prints nothing; bench/run.ts reports the figures it returns.
import { WayfindingSchema } from '../shared/floor-plan.ts';
import type { Wayfinding } from '../shared/floor-plan.ts';
import { createRouter } from '../shared/routing.ts';
import type { Hazards, RouteStart } from '../shared/routing.ts';
import { percentile } from './stats.ts';

export interface RoutingBenchOptions {
  screens: number;
  nodes: number;
}

export interface RoutingBenchFigures {
  route_p50_ms: number;
  route_p99_ms: number;
  route_max_ms: number;
  routing_nodes: number;
}

const FLOORS_PER_BUILDING = 3;
const NODES_PER_BUILDING = 1250;
const SPACING = 40; // map units between corridor junctions
const UNITS_PER_METRE = 8; // so junctions are 5 m apart
const EXITS_PER_SIDE = 2;
const ROOMS_PER_FLOOR = 24;

/** mulberry32: seeded, so every run routes the same campus from the same spots. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Campus {
  wayfinding: Wayfinding;
  /** Per floor: its id and the extent of its corridor grid, where screens hang. */
  floors: { floorId: string; width: number; height: number }[];
  hazards: Hazards;
}

/**
 * Buildings of three floors, each floor a grid of corridors with stairs near the four corners and an elevator in
 * the middle; exits on the ground floor's outside walls; rooms (areas) over random blocks of the grid.
 */
export function generateCampus(totalNodes: number, random: () => number): Campus {
  const buildings = Math.max(1, Math.round(totalNodes / NODES_PER_BUILDING));
  const exitsPerBuilding = 4 * EXITS_PER_SIDE;
  const extrasPerFloor = 5 + exitsPerBuilding / FLOORS_PER_BUILDING; // 4 stairs, 1 elevator, a share of the exits
  const junctionsPerFloor = Math.max(4, totalNodes / (buildings * FLOORS_PER_BUILDING) - extrasPerFloor);
  const rows = Math.max(2, Math.floor(Math.sqrt(junctionsPerFloor)));
  const columns = Math.max(2, Math.round(junctionsPerFloor / rows));
  const width = (columns + 1) * SPACING;
  const height = (rows + 1) * SPACING;
  const floors: unknown[] = [];
  const links: unknown[] = [];
  const floorExtents: Campus['floors'] = [];
  const groundAreas: string[] = [];
  const exitPois: string[] = [];

  for (let b = 0; b < buildings; b++) {
    for (let level = 0; level < FLOORS_PER_BUILDING; level++) {
      const floorId = `b${b}-f${level}`;
      const junction = (r: number, c: number) => `${floorId}-r${r}-c${c}`;
      const nodes: unknown[] = [];
      const edges: unknown[] = [];
      const pois: unknown[] = [];
      const at = (r: number, c: number) => ({ x: (c + 1) * SPACING, y: (r + 1) * SPACING });
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < columns; c++) {
          nodes.push({ id: junction(r, c), kind: 'junction', position: at(r, c) });
          if (c > 0) edges.push({ from: junction(r, c - 1), to: junction(r, c) });
          if (r > 0) edges.push({ from: junction(r - 1, c), to: junction(r, c) });
        }
      }
      const addPoiNode = (id: string, kind: 'stairs' | 'elevator' | 'exit', type: 'stairs' | 'elevator' | 'exit', position: { x: number; y: number }, joins: string) => {
        pois.push({ id: `${id}-poi`, type, label: id, position });
        nodes.push({ id, kind, position, poiId: `${id}-poi` });
        edges.push({ from: id, to: joins });
      };
      const corners: [number, number][] = [[1, 1], [1, columns - 2], [rows - 2, 1], [rows - 2, columns - 2]];
      corners.forEach(([r, c], s) => {
        const p = at(r, c);
        addPoiNode(`${floorId}-stairs-${s}`, 'stairs', 'stairs', { x: p.x + SPACING / 2, y: p.y }, junction(r, c));
        if (level > 0) links.push({ from: `b${b}-f${level - 1}-stairs-${s}`, to: `${floorId}-stairs-${s}`, kind: 'stairs', metres: 10 });
      });
      const middle = at(Math.floor(rows / 2), Math.floor(columns / 2));
      addPoiNode(`${floorId}-lift`, 'elevator', 'elevator', { x: middle.x + SPACING / 2, y: middle.y }, junction(Math.floor(rows / 2), Math.floor(columns / 2)));
      if (level > 0) links.push({ from: `b${b}-f${level - 1}-lift`, to: `${floorId}-lift`, kind: 'elevator', metres: 3 });
      if (level === 0) {
        for (let k = 0; k < EXITS_PER_SIDE; k++) {
          const c = Math.floor(((k + 1) * columns) / (EXITS_PER_SIDE + 1));
          const r = Math.floor(((k + 1) * rows) / (EXITS_PER_SIDE + 1));
          const outside = SPACING / 2;
          addPoiNode(`${floorId}-exit-n${k}`, 'exit', 'exit', { x: at(0, c).x, y: outside }, junction(0, c));
          addPoiNode(`${floorId}-exit-s${k}`, 'exit', 'exit', { x: at(rows - 1, c).x, y: height - outside }, junction(rows - 1, c));
          addPoiNode(`${floorId}-exit-w${k}`, 'exit', 'exit', { x: outside, y: at(r, 0).y }, junction(r, 0));
          addPoiNode(`${floorId}-exit-e${k}`, 'exit', 'exit', { x: width - outside, y: at(r, columns - 1).y }, junction(r, columns - 1));
          exitPois.push(`${floorId}-exit-n${k}-poi`);
        }
      }
      const areas = Array.from({ length: ROOMS_PER_FLOOR }, (_, i) => {
        const x = (1 + random() * (columns - 2)) * SPACING;
        const y = (1 + random() * (rows - 2)) * SPACING;
        const size = SPACING * (1 + random() * 2);
        const polygon = [{ x, y }, { x: x + size, y }, { x: x + size, y: y + size }, { x, y: y + size }];
        return { id: `${floorId}-room-${i}`, name: `Room ${i + 1}`, polygon };
      });
      if (level === 0) groundAreas.push(...areas.map((a) => a.id));
      floors.push({ floorId, width, height, unitsPerMetre: UNITS_PER_METRE, image: null, pois, nodes, edges, areas });
      floorExtents.push({ floorId, width, height });
    }
  }
  const wayfinding = WayfindingSchema.parse({ floors, links, screens: [] });
  // The office marks two rooms on ground floors as hazards and one exit as blocked.
  const hazards: Hazards = { areaIds: [groundAreas[0]!, groundAreas[groundAreas.length - 1]!], blockedPoiIds: [exitPois[0]!] };
  return { wayfinding, floors: floorExtents, hazards };
}

export async function runRoutingBench(options: RoutingBenchOptions): Promise<RoutingBenchFigures> {
  const random = mulberry32(5000);
  const campus = generateCampus(options.nodes, random);
  const router = createRouter(campus.wayfinding);
  const screens: RouteStart[] = Array.from({ length: options.screens }, () => {
    const floor = campus.floors[Math.floor(random() * campus.floors.length)]!;
    const position = { x: SPACING / 2 + random() * (floor.width - SPACING), y: SPACING / 2 + random() * (floor.height - SPACING) };
    return { floorId: floor.floorId, position, facingDegrees: Math.floor(random() * 360) };
  });
  // Before the change every screen already shows its normal-time route (so the router is warm, as on a running hub).
  for (const screen of screens) router.route(screen, 'exit');
  // The hazard change: the first route after it pays for the new search, as on a real hub.
  const samples: number[] = [];
  let routed = 0;
  for (const screen of screens) {
    const started = performance.now();
    const result = router.route(screen, 'exit', campus.hazards);
    samples.push(performance.now() - started);
    if (result.ok) routed++;
  }
  // A campus where nobody can get out would time the wrong thing.
  if (routed < screens.length * 0.9) throw new Error(`routing bench: only ${routed} of ${screens.length} screens found a route`);
  const sorted = samples.sort((a, b) => a - b);
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    route_p50_ms: round3(percentile(sorted, 50)),
    route_p99_ms: round3(percentile(sorted, 99)),
    route_max_ms: round3(sorted[sorted.length - 1]!),
    routing_nodes: campus.wayfinding.floors.reduce((sum, floor) => sum + floor.nodes.length, 0),
  };
}
