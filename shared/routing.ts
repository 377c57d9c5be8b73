// Exit and shelter routing: the shortest walk from a point on a floor to the nearest exit (or shelter) that no marked
// hazard touches, over every floor's walkable graph, by stairs but never by elevator. Pure: runs in hub and browsers.
import TinyQueue from 'tinyqueue';
import type { FloorPlan, GraphNode, Point, Poi, Wayfinding } from './floor-plan.ts';
import { bearingDegrees, boundsOf, boundsOverlap, distance, normaliseDegrees, pointInPolygon, segmentTouchesPolygon } from './geometry.ts';
import type { Bounds } from './geometry.ts';

export type RouteGoal = 'exit' | 'shelter';

/**
 * What the office has marked: hazard areas (by Area id) and blocked exits (by the exit POI id). A blocked POI id
 * blocks every graph node standing for it, so marking a stairwell's POI closes those stairs too.
 */
export interface Hazards {
  areaIds: readonly string[];
  blockedPoiIds: readonly string[];
}
export const NO_HAZARDS: Hazards = Object.freeze({ areaIds: Object.freeze([]), blockedPoiIds: Object.freeze([]) });

export interface RouteStart {
  floorId: string;
  position: Point;
  /** degrees clockwise from map up */
  facingDegrees?: number;
}
export interface RouteStep {
  floorId: string;
  /** null for the start point */
  nodeId: string | null;
  position: Point;
}
export type ArrowDirection = 'ahead' | 'ahead-right' | 'right' | 'behind-right' | 'behind' | 'behind-left' | 'left' | 'ahead-left';
export type RouteResult =
  | {
      ok: true;
      goal: RouteGoal;
      path: RouteStep[];
      metres: number;
      target: { floorId: string; node: GraphNode; poi: Poi };
      /**
       * The way to go: the compass bearing (degrees clockwise from map up) from the start to the point
       * ARROW_LOOK_AHEAD_METRES along the route on the start's floor; 0 when the start is the target itself.
       */
      heading: number;
      /** the heading relative to the screen's facing, null when no facing given */
      relativeBearing: number | null;
      /** the relative bearing snapped to one of eight directions, null when no facing given */
      arrow: ArrowDirection | null;
      /** floors the route passes through in order, e.g. ['main-2','main-1'] */
      floors: string[];
    }
  | { ok: false; goal: RouteGoal; reason: 'no-safe-route' | 'unknown-floor' | 'not-on-graph' };
type RouteFound = Extract<RouteResult, { ok: true }>;

export interface Router {
  route(start: RouteStart, goal: RouteGoal, hazards?: Hazards): RouteResult;
  /**
   * Up to `count` (default 2) routes ending at different targets, best first (for printed evacuation diagrams:
   * primary and secondary). The first is the same as `route()`'s; none when `route()` finds none.
   */
  alternatives(start: RouteStart, goal: RouteGoal, hazards?: Hazards, count?: number): RouteFound[];
  /**
   * The walk from the start to each of `points` (an AED, an extinguisher: places that are not routing targets),
   * nearest first, over the same graph and around the same hazards as `route()`. A point joins the graph the way a
   * start does, at its nearest nodes; points no walk reaches, or inside a hazard, are left out. For staff training
   * (hub/training/).
   */
  walks(start: RouteStart, points: readonly WalkTarget[], hazards?: Hazards): Walk[];
}

/** A place to walk to, on a floor, named by the caller's own id. */
export interface WalkTarget {
  id: string;
  floorId: string;
  position: Point;
}
export interface Walk {
  id: string;
  metres: number;
  /** From the start (nodeId null) over the graph to the point itself (nodeId null). */
  path: RouteStep[];
}

const ARROWS: readonly ArrowDirection[] = ['ahead', 'ahead-right', 'right', 'behind-right', 'behind', 'behind-left', 'left', 'ahead-left'];

/** The arrow for a bearing relative to the screen's facing: eight 45° sectors centred on ahead, ahead-right, right… */
export function arrowFor(relativeBearing: number): ArrowDirection {
  return ARROWS[Math.round(normaliseDegrees(relativeBearing) / 45) % 8]!;
}

/** The angle an arrow is drawn at, degrees clockwise from up: one of the eight, so it never points between two corridors. */
export function arrowDegrees(arrow: ArrowDirection): number {
  return ARROWS.indexOf(arrow) * 45;
}

/**
 * How far along the route the big arrow looks: about ten paces. The screen hangs on a wall, off the walkable graph, so
 * the route starts with a hop onto the walkway that can point well off the way to go (20° on the demo's main-2-west);
 * ten paces on, the direction is the corridor's, and a route's first turn further on does not yet pull it round.
 */
export const ARROW_LOOK_AHEAD_METRES = 8;

/** The start joins the graph at this many nearest nodes: enough to find a way out, few enough to stay local. */
const ENTRY_CANDIDATES = 4;
const SAME_POINT = 1e-9;
/** Searches kept per router: the current hazards for both goals, plus the previous ones while a change settles. */
const CACHED_SEARCHES = 4;

interface Hazard {
  polygon: readonly Point[];
  bounds: Bounds;
}

/** The walkable graph, built once per router. Node indices follow node ids, so equal-cost choices break by id. */
interface Graph {
  floors: readonly FloorPlan[];
  floorIndexById: Map<string, number>;
  floorPois: Map<string, Poi>[];
  nodesOfFloor: number[][];
  nodes: GraphNode[];
  nodeFloor: Int32Array;
  areas: Map<string, { floor: number; hazard: Hazard }>;
  /** Undirected connections (floor edges and stairs links): ends at [2c] and [2c+1], floor −1 for a link. */
  connectionEnds: Int32Array;
  connectionMetres: Float64Array;
  connectionFloor: Int32Array;
  /** Connections of node n: adjacency[adjacencyStart[n] … adjacencyStart[n+1]). */
  adjacencyStart: Int32Array;
  adjacency: Int32Array;
}

/** Everything that depends on (goal, hazards): which parts are usable, and every node's way to its nearest target. */
interface Search {
  hazardsByFloor: Hazard[][];
  usableNode: Uint8Array;
  usableConnection: Uint8Array;
  isTarget: Uint8Array;
  metresToTarget: Float64Array;
  /** The next node towards the nearest target, −1 at a target or where none is reachable. */
  nextHop: Int32Array;
}

interface Entry {
  node: number;
  metres: number;
}

function buildGraph(wayfinding: Wayfinding): Graph {
  const floors = wayfinding.floors;
  const floorIndexById = new Map(floors.map((floor, f) => [floor.floorId, f]));
  const placed = floors.flatMap((floor, f) => floor.nodes.map((node) => ({ node, floor: f })));
  placed.sort((a, b) => (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0));
  const nodes = placed.map((p) => p.node);
  const nodeFloor = Int32Array.from(placed, (p) => p.floor);
  const indexById = new Map(nodes.map((node, i) => [node.id, i]));
  const nodesOfFloor: number[][] = floors.map(() => []);
  nodeFloor.forEach((f, i) => nodesOfFloor[f]!.push(i));

  const ends: number[] = [];
  const metres: number[] = [];
  const connectionFloor: number[] = [];
  const connect = (a: number | undefined, b: number | undefined, length: number, floor: number) => {
    // A schema-valid plan has no dangling ends; an unvalidated one must still not crash routing.
    if (a === undefined || b === undefined || a === b || !(length >= 0)) return;
    ends.push(a, b);
    metres.push(length);
    connectionFloor.push(floor);
  };
  floors.forEach((floor, f) => {
    for (const edge of floor.edges) {
      const a = indexById.get(edge.from);
      const b = indexById.get(edge.to);
      if (a === undefined || b === undefined || nodeFloor[a] !== f || nodeFloor[b] !== f) continue;
      connect(a, b, distance(nodes[a]!.position, nodes[b]!.position) / floor.unitsPerMetre, f);
    }
  });
  // Elevators stop in a fire or a power cut: evacuation and shelter routes never use them.
  for (const link of wayfinding.links) {
    if (link.kind === 'stairs') connect(indexById.get(link.from), indexById.get(link.to), link.metres, -1);
  }

  const degree = new Int32Array(nodes.length + 1);
  for (const end of ends) degree[end + 1]!++;
  for (let i = 0; i < nodes.length; i++) degree[i + 1]! += degree[i]!;
  const adjacencyStart = degree.slice();
  const fill = degree.slice();
  const adjacency = new Int32Array(ends.length);
  ends.forEach((end, k) => (adjacency[fill[end]!++] = k >> 1));

  const areas = new Map<string, { floor: number; hazard: Hazard }>();
  floors.forEach((floor, f) => {
    for (const area of floor.areas) areas.set(area.id, { floor: f, hazard: { polygon: area.polygon, bounds: boundsOf(area.polygon) } });
  });
  return {
    floors,
    floorIndexById,
    floorPois: floors.map((floor) => new Map(floor.pois.map((poi) => [poi.id, poi]))),
    nodesOfFloor,
    nodes,
    nodeFloor,
    areas,
    connectionEnds: Int32Array.from(ends),
    connectionMetres: Float64Array.from(metres),
    connectionFloor: Int32Array.from(connectionFloor),
    adjacencyStart,
    adjacency,
  };
}

function pointInHazards(p: Point, hazards: readonly Hazard[]): boolean {
  for (const { bounds, polygon } of hazards) {
    const inBox = bounds.minX <= p.x && p.x <= bounds.maxX && bounds.minY <= p.y && p.y <= bounds.maxY;
    if (inBox && pointInPolygon(p, polygon)) return true;
  }
  return false;
}

function segmentInHazards(a: Point, b: Point, hazards: readonly Hazard[]): boolean {
  if (hazards.length === 0) return false;
  const box = boundsOf([a, b]);
  return hazards.some((h) => boundsOverlap(h.bounds, box) && segmentTouchesPolygon(a, b, h.polygon));
}

/**
 * Dijkstra from the given sources. `previous[n]` is the neighbour n was reached from (towards the sources). With
 * `passThroughTargets` false, a route may end at a target but not walk on through it to another one.
 */
function shortestPaths(graph: Graph, search: Search, sources: readonly Entry[], passThroughTargets: boolean) {
  const count = graph.nodes.length;
  const metres = new Float64Array(count).fill(Infinity);
  const previous = new Int32Array(count).fill(-1);
  const settled = new Uint8Array(count);
  const queue = new TinyQueue<[number, number]>([], (a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const source of sources) {
    if (source.metres < metres[source.node]!) {
      metres[source.node] = source.metres;
      queue.push([source.metres, source.node]);
    }
  }
  while (queue.length > 0) {
    const [reached, u] = queue.pop()!;
    if (settled[u] || reached > metres[u]!) continue;
    settled[u] = 1;
    if (!passThroughTargets && search.isTarget[u]) continue;
    for (let k = graph.adjacencyStart[u]!; k < graph.adjacencyStart[u + 1]!; k++) {
      const c = graph.adjacency[k]!;
      if (!search.usableConnection[c]) continue;
      const v = graph.connectionEnds[2 * c]! === u ? graph.connectionEnds[2 * c + 1]! : graph.connectionEnds[2 * c]!;
      if (settled[v]) continue;
      const via = reached + graph.connectionMetres[c]!;
      // Equal costs go to the lower-id neighbour, so the same plan always gives the same route.
      if (via < metres[v]! || (via === metres[v]! && u < previous[v]!)) {
        metres[v] = via;
        previous[v] = u;
        queue.push([via, v]);
      }
    }
  }
  return { metres, previous };
}

function buildSearch(graph: Graph, goal: RouteGoal, hazards: Hazards): Search {
  const hazardsByFloor: Hazard[][] = graph.floors.map(() => []);
  for (const areaId of new Set(hazards.areaIds)) {
    const area = graph.areas.get(areaId); // a stale id names nothing and changes nothing
    if (area) hazardsByFloor[area.floor]!.push(area.hazard);
  }
  const blocked = new Set(hazards.blockedPoiIds);
  const targetKind = goal === 'exit' ? 'exit' : 'shelter';
  const count = graph.nodes.length;
  const usableNode = new Uint8Array(count);
  const isTarget = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const node = graph.nodes[i]!;
    const floor = graph.nodeFloor[i]!;
    // A blocked POI blocks every node standing for it (an exit, or stairs the office marked).
    if ((node.poiId !== null && blocked.has(node.poiId)) || pointInHazards(node.position, hazardsByFloor[floor]!)) continue;
    usableNode[i] = 1;
    if (node.kind === targetKind && node.poiId !== null && graph.floorPois[floor]!.has(node.poiId)) isTarget[i] = 1;
  }
  const connections = graph.connectionMetres.length;
  const usableConnection = new Uint8Array(connections);
  for (let c = 0; c < connections; c++) {
    const a = graph.connectionEnds[2 * c]!;
    const b = graph.connectionEnds[2 * c + 1]!;
    if (!usableNode[a] || !usableNode[b]) continue;
    const floor = graph.connectionFloor[c]!;
    if (floor >= 0 && segmentInHazards(graph.nodes[a]!.position, graph.nodes[b]!.position, hazardsByFloor[floor]!)) continue;
    usableConnection[c] = 1;
  }
  const search: Search = { hazardsByFloor, usableNode, usableConnection, isTarget, metresToTarget: new Float64Array(0), nextHop: new Int32Array(0) };
  const targets: Entry[] = [];
  isTarget.forEach((target, node) => target && targets.push({ node, metres: 0 }));
  const { metres, previous } = shortestPaths(graph, search, targets, true);
  search.metresToTarget = metres;
  search.nextHop = previous;
  return search;
}

/**
 * Where the start joins the graph: the nearest usable nodes of its floor that still lead to a target and that it can
 * walk to in a straight line without touching a hazard. Hazards the start is already inside do not count for that
 * walk, so people caught in one are still led out.
 */
function entriesFor(graph: Graph, search: Search, floor: number, start: Point, mustReachTarget = true): Entry[] {
  const hazards = search.hazardsByFloor[floor]!;
  const escapable = hazards.filter((h) => !pointInHazards(start, [h]));
  const unitsPerMetre = graph.floors[floor]!.unitsPerMetre;
  const nearest: { node: number; units: number }[] = [];
  for (const i of graph.nodesOfFloor[floor]!) {
    if (!search.usableNode[i] || (mustReachTarget && search.metresToTarget[i] === Infinity)) continue;
    const position = graph.nodes[i]!.position;
    const units = distance(start, position);
    // Nodes come in id order, so a node as far as the last kept one loses the tie.
    if (nearest.length === ENTRY_CANDIDATES && units >= nearest[ENTRY_CANDIDATES - 1]!.units) continue;
    if (segmentInHazards(start, position, escapable)) continue;
    let at = nearest.length;
    while (at > 0 && nearest[at - 1]!.units > units) at--;
    nearest.splice(at, 0, { node: i, units });
    if (nearest.length > ENTRY_CANDIDATES) nearest.pop();
  }
  return nearest.map(({ node, units }) => ({ node, metres: units / unitsPerMetre }));
}

function stepAt(graph: Graph, node: number): RouteStep {
  const { id, position } = graph.nodes[node]!;
  return { floorId: graph.floors[graph.nodeFloor[node]!]!.floorId, nodeId: id, position: { x: position.x, y: position.y } };
}

/**
 * The point `units` along the path from its start, or where the path leaves the start's floor (a link's two ends lie on
 * different maps, so a bearing across one means nothing), or its end.
 */
function pointAlong(path: readonly RouteStep[], units: number): Point {
  let left = units;
  for (let i = 1; i < path.length; i++) {
    const from = path[i - 1]!.position;
    const to = path[i]!.position;
    if (path[i]!.floorId !== path[0]!.floorId) return from;
    const length = distance(from, to);
    if (length > 0 && length >= left) return { x: from.x + ((to.x - from.x) * left) / length, y: from.y + ((to.y - from.y) * left) / length };
    left -= length;
  }
  return path[path.length - 1]!.position;
}

/** The route's description from its steps (start first, target last). */
function describe(graph: Graph, goal: RouteGoal, start: RouteStart, path: RouteStep[], metres: number, target: number): RouteFound {
  const node = graph.nodes[target]!;
  const floor = graph.nodeFloor[target]!;
  const floors: string[] = [];
  for (const step of path) if (floors[floors.length - 1] !== step.floorId) floors.push(step.floorId);
  const ahead = pointAlong(path, ARROW_LOOK_AHEAD_METRES * graph.floors[graph.floorIndexById.get(start.floorId)!]!.unitsPerMetre);
  const heading = distance(start.position, ahead) < SAME_POINT ? 0 : bearingDegrees(start.position, ahead);
  const relativeBearing = start.facingDegrees === undefined ? null : normaliseDegrees(heading - start.facingDegrees);
  return {
    ok: true,
    goal,
    path,
    metres,
    target: { floorId: graph.floors[floor]!.floorId, node, poi: graph.floorPois[floor]!.get(node.poiId!)! },
    heading,
    relativeBearing,
    arrow: relativeBearing === null ? null : arrowFor(relativeBearing),
    floors,
  };
}

function hazardsKey(goal: RouteGoal, hazards: Hazards): string {
  const canonical = (ids: readonly string[]) => [...new Set(ids)].sort();
  return JSON.stringify([goal, canonical(hazards.areaIds), canonical(hazards.blockedPoiIds)]);
}

export function createRouter(wayfinding: Wayfinding): Router {
  const graph = buildGraph(wayfinding);
  const searches = new Map<string, Search>();

  function searchFor(goal: RouteGoal, hazards: Hazards): Search {
    // Keyed by content, not by object: a caller that edits its hazards object in place must still get a fresh search.
    const key = hazardsKey(goal, hazards);
    let search = searches.get(key);
    if (search) searches.delete(key);
    else search = buildSearch(graph, goal, hazards);
    searches.set(key, search); // most recently used last
    if (searches.size > CACHED_SEARCHES) searches.delete(searches.keys().next().value!);
    return search;
  }

  function locate(start: RouteStart, goal: RouteGoal, hazards: Hazards) {
    const floor = graph.floorIndexById.get(start.floorId);
    if (floor === undefined) return { ok: false, goal, reason: 'unknown-floor' } as const;
    if (graph.nodesOfFloor[floor]!.length === 0) return { ok: false, goal, reason: 'not-on-graph' } as const;
    const search = searchFor(goal, hazards);
    const entries = entriesFor(graph, search, floor, start.position);
    if (entries.length === 0) return { ok: false, goal, reason: 'no-safe-route' } as const;
    return { ok: true, search, entries } as const;
  }

  const startStep = (start: RouteStart): RouteStep => ({ floorId: start.floorId, nodeId: null, position: { x: start.position.x, y: start.position.y } });

  function route(start: RouteStart, goal: RouteGoal, hazards: Hazards = NO_HAZARDS): RouteResult {
    const located = locate(start, goal, hazards);
    if (!located.ok) return located;
    const { search, entries } = located;
    let best = entries[0]!;
    let bestMetres = best.metres + search.metresToTarget[best.node]!;
    for (const entry of entries) {
      const metres = entry.metres + search.metresToTarget[entry.node]!;
      if (metres < bestMetres) [best, bestMetres] = [entry, metres];
    }
    const path = [startStep(start)];
    let node = best.node;
    path.push(stepAt(graph, node));
    while (!search.isTarget[node]) {
      node = search.nextHop[node]!;
      path.push(stepAt(graph, node));
    }
    return describe(graph, goal, start, path, bestMetres, node);
  }

  function alternatives(start: RouteStart, goal: RouteGoal, hazards: Hazards = NO_HAZARDS, count = 2): RouteFound[] {
    const primary = route(start, goal, hazards);
    if (!primary.ok || count < 1) return [];
    const found = [primary];
    const located = locate(start, goal, hazards);
    if (!located.ok) return found;
    const { search, entries } = located;
    // One search from the start reaches every target; each is a candidate end for a different route.
    const { metres, previous } = shortestPaths(graph, search, entries, false);
    const targets: number[] = [];
    search.isTarget.forEach((target, node) => target && metres[node]! < Infinity && targets.push(node));
    targets.sort((a, b) => metres[a]! - metres[b]! || a - b);
    const usedPois = new Set([primary.target.poi.id]);
    for (const target of targets) {
      if (found.length >= count) break;
      const poiId = graph.nodes[target]!.poiId!;
      if (usedPois.has(poiId)) continue; // two nodes of one exit are not two ways out
      usedPois.add(poiId);
      // Walk back to the node the start joined at: only a source has no previous node.
      const nodes = [target];
      for (let n = previous[target]!; n !== -1; n = previous[n]!) nodes.push(n);
      const path = [startStep(start), ...nodes.reverse().map((n) => stepAt(graph, n))];
      found.push(describe(graph, goal, start, path, metres[target]!, target));
    }
    return found;
  }

  function walks(start: RouteStart, points: readonly WalkTarget[], hazards: Hazards = NO_HAZARDS): Walk[] {
    const floor = graph.floorIndexById.get(start.floorId);
    if (floor === undefined) return [];
    // The exit search knows which nodes and connections the hazards leave usable; its targets play no part here.
    const search = searchFor('exit', hazards);
    const sources = entriesFor(graph, search, floor, start.position, false);
    if (sources.length === 0) return [];
    const { metres, previous } = shortestPaths(graph, search, sources, true);
    const reached: Walk[] = [];
    for (const point of points) {
      const pointFloor = graph.floorIndexById.get(point.floorId);
      // Nobody is sent into a hazard to fetch something: a point inside one is out of reach.
      if (pointFloor === undefined || pointInHazards(point.position, search.hazardsByFloor[pointFloor]!)) continue;
      // The point joins the graph at its own nearest nodes, as a start does: the last stretch is a straight walk.
      let best: Entry | null = null;
      for (const join of entriesFor(graph, search, pointFloor, point.position, false)) {
        const total = metres[join.node]! + join.metres;
        if (total < Infinity && (!best || total < best.metres)) best = { node: join.node, metres: total };
      }
      if (!best) continue;
      const nodes = [best.node];
      for (let n = previous[best.node]!; n !== -1; n = previous[n]!) nodes.push(n);
      const path = [startStep(start), ...nodes.reverse().map((n) => stepAt(graph, n)), { floorId: point.floorId, nodeId: null, position: { x: point.position.x, y: point.position.y } }];
      reached.push({ id: point.id, metres: best.metres, path });
    }
    return reached.sort((a, b) => a.metres - b.metres || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  return { route, alternatives, walks };
}
