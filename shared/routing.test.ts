// Unit tests for exit routing: hazards and blocked exits are never used, routes are shortest, elevators are never
// taken, and arrows point the right way. Random cases are seeded, so a failure reproduces.
import { describe, expect, it } from 'vitest';
import { WayfindingSchema } from './floor-plan.ts';
import type { Area, FloorPlan, GraphNode, Point, Wayfinding } from './floor-plan.ts';
import { pointInPolygon, segmentTouchesPolygon } from './geometry.ts';
import { ARROW_LOOK_AHEAD_METRES, NO_HAZARDS, arrowDegrees, arrowFor, createRouter } from './routing.ts';
import type { Hazards, RouteGoal, RouteResult, RouteStart } from './routing.ts';
import { mulberry32 } from '../test/helpers/seeded-random.ts';

// ── fixtures ─────────────────────────────────────────────────────────────────────────────────────────────────

interface NodeSpec {
  id: string;
  x: number;
  y: number;
  kind?: GraphNode['kind'];
  poi?: string;
}
const POI_TYPE = { exit: 'exit', shelter: 'shelter-area', stairs: 'stairs', elevator: 'elevator' } as const;

function floorPlan(floorId: string, nodes: NodeSpec[], edges: [string, string][], areas: Area[] = [], unitsPerMetre = 10): unknown {
  return {
    floorId,
    width: 1000,
    height: 1000,
    unitsPerMetre,
    image: null,
    pois: nodes.filter((n) => n.poi).map((n) => ({ id: n.poi, type: POI_TYPE[n.kind as keyof typeof POI_TYPE], label: n.poi, position: { x: n.x, y: n.y } })),
    nodes: nodes.map((n) => ({ id: n.id, kind: n.kind ?? 'junction', position: { x: n.x, y: n.y }, poiId: n.poi ?? null })),
    edges: edges.map(([from, to]) => ({ from, to })),
    areas,
  };
}

function wayfinding(floors: unknown[], links: unknown[] = []): Wayfinding {
  return WayfindingSchema.parse({ floors, links, screens: [] });
}

function rect(id: string, x0: number, y0: number, x1: number, y1: number): Area {
  return { id, name: id, polygon: [{ x: x0, y: y0 }, { x: x1, y: y0 }, { x: x1, y: y1 }, { x: x0, y: y1 }] };
}

const hazards = (areaIds: string[], blockedPoiIds: string[] = []): Hazards => ({ areaIds, blockedPoiIds });

function found(result: RouteResult) {
  if (!result.ok) throw new Error(`expected a route, got ${result.reason}`);
  return result;
}

/** A corridor along y = 50: exit-west (x 10) · j1 (30) · j2 (60) · j3 (90) · exit-east (110); 10 units a metre. */
const corridor = wayfinding([
  floorPlan(
    'ground',
    [
      { id: 'exit-west', x: 10, y: 50, kind: 'exit', poi: 'door-west' },
      { id: 'j1', x: 30, y: 50 },
      { id: 'j2', x: 60, y: 50 },
      { id: 'j3', x: 90, y: 50 },
      { id: 'exit-east', x: 110, y: 50, kind: 'exit', poi: 'door-east' },
      { id: 'refuge', x: 60, y: 90, kind: 'shelter', poi: 'refuge-room' },
    ],
    [['exit-west', 'j1'], ['j1', 'j2'], ['j2', 'j3'], ['j3', 'exit-east'], ['j2', 'refuge']],
    [rect('west-end', 0, 40, 20, 60), rect('east-end', 100, 40, 120, 60), rect('lobby', 40, 40, 50, 60), rect('stub', 35, 40, 40, 60)],
  ),
  floorPlan('roof', [], []),
]);
const inHallway: RouteStart = { floorId: 'ground', position: { x: 45, y: 50 } };

// ── examples ─────────────────────────────────────────────────────────────────────────────────────────────────

describe('route: exits, hazards and blocked exits', () => {
  const router = createRouter(corridor);

  it('goes to the nearest exit, counting metres from the start point', () => {
    const route = found(router.route(inHallway, 'exit'));
    expect(route.target.node.id).toBe('exit-west');
    expect(route.target.poi).toMatchObject({ id: 'door-west', type: 'exit' });
    expect(route.target.floorId).toBe('ground');
    expect(route.metres).toBeCloseTo(3.5, 12);
    expect(route.path[0]).toEqual({ floorId: 'ground', nodeId: null, position: { x: 45, y: 50 } });
    expect(route.path.at(-1)!.nodeId).toBe('exit-west');
    expect(route.floors).toEqual(['ground']);
  });

  it('re-routes to the other exit when the office marks a hazard or blocks the exit, and back when cleared', () => {
    expect(found(router.route(inHallway, 'exit', hazards(['west-end']))).target.node.id).toBe('exit-east');
    expect(found(router.route(inHallway, 'exit', hazards([], ['door-west']))).metres).toBeCloseTo(6.5, 12);
    expect(found(router.route(inHallway, 'exit', NO_HAZARDS)).target.node.id).toBe('exit-west');
  });

  it('does not walk the start across a hazard to reach a node', () => {
    // "stub" sits between the start and j1: the way west is cut, though no node of it is in a hazard.
    const route = found(router.route(inHallway, 'exit', hazards(['stub'])));
    expect(route.target.node.id).toBe('exit-east');
    expect(route.path.map((s) => s.nodeId)).toEqual([null, 'j2', 'j3', 'exit-east']);
  });

  it('still leads people out of the hazard they stand in', () => {
    expect(found(router.route(inHallway, 'exit', hazards(['lobby']))).target.node.id).toBe('exit-west');
    const route = found(router.route(inHallway, 'exit', hazards(['lobby', 'west-end'])));
    expect(route.target.node.id).toBe('exit-east');
    expect(route.metres).toBeCloseTo(6.5, 12);
  });

  it('answers no-safe-route when every exit is blocked or inside a hazard', () => {
    expect(router.route(inHallway, 'exit', hazards([], ['door-west', 'door-east']))).toEqual({ ok: false, goal: 'exit', reason: 'no-safe-route' });
    expect(router.route(inHallway, 'exit', hazards(['west-end', 'east-end']))).toEqual({ ok: false, goal: 'exit', reason: 'no-safe-route' });
    expect(router.route(inHallway, 'exit', hazards(['west-end'], ['door-east']))).toMatchObject({ ok: false, reason: 'no-safe-route' });
  });

  it('ignores hazard and exit ids it does not know', () => {
    const route = found(router.route(inHallway, 'exit', hazards(['gone-area'], ['gone-door'])));
    expect(route.target.node.id).toBe('exit-west');
  });

  it('names unknown floors and floors without a graph', () => {
    expect(router.route({ floorId: 'attic', position: { x: 1, y: 1 } }, 'exit')).toEqual({ ok: false, goal: 'exit', reason: 'unknown-floor' });
    expect(router.route({ floorId: 'roof', position: { x: 1, y: 1 } }, 'exit')).toEqual({ ok: false, goal: 'exit', reason: 'not-on-graph' });
  });

  it('sends people to a shelter for the shelter goal', () => {
    const route = found(router.route(inHallway, 'shelter'));
    expect(route.goal).toBe('shelter');
    expect(route.target.node).toMatchObject({ id: 'refuge', kind: 'shelter' });
    expect(route.target.poi.type).toBe('shelter-area');
    expect(router.route(inHallway, 'shelter', hazards([], ['refuge-room']))).toMatchObject({ ok: false, reason: 'no-safe-route' });
  });

  it('breaks equal-length choices by node id, whatever order the plan lists them in', () => {
    const nodes: NodeSpec[] = [
      { id: 'exit-b', x: 100, y: 0, kind: 'exit', poi: 'door-b' },
      { id: 'j-right', x: 60, y: 0 },
      { id: 'j-mid', x: 50, y: 0 },
      { id: 'j-left', x: 40, y: 0 },
      { id: 'exit-a', x: 0, y: 0, kind: 'exit', poi: 'door-a' },
    ];
    const edges: [string, string][] = [['exit-b', 'j-right'], ['j-right', 'j-mid'], ['j-mid', 'j-left'], ['j-left', 'exit-a']];
    for (const order of [nodes, [...nodes].reverse()]) {
      const route = found(createRouter(wayfinding([floorPlan('f', order, edges)])).route({ floorId: 'f', position: { x: 50, y: 0 } }, 'exit'));
      expect(route.target.node.id).toBe('exit-a');
    }
  });
});

describe('route: floors', () => {
  // The screen is upstairs; the elevator is right beside it and short, the stairs far away.
  const building = wayfinding(
    [
      floorPlan(
        'upper',
        [
          { id: 'up-hall', x: 100, y: 100 },
          { id: 'up-lift', x: 110, y: 100, kind: 'elevator', poi: 'lift-upper' },
          { id: 'up-stairs', x: 400, y: 100, kind: 'stairs', poi: 'stairs-upper' },
        ],
        [['up-hall', 'up-lift'], ['up-hall', 'up-stairs']],
      ),
      floorPlan(
        'lower',
        [
          { id: 'low-lift', x: 110, y: 100, kind: 'elevator', poi: 'lift-lower' },
          { id: 'low-stairs', x: 400, y: 100, kind: 'stairs', poi: 'stairs-lower' },
          { id: 'low-exit', x: 110, y: 150, kind: 'exit', poi: 'front-door' },
        ],
        [['low-lift', 'low-exit'], ['low-stairs', 'low-exit']],
      ),
    ],
    [
      { from: 'up-lift', to: 'low-lift', kind: 'elevator', metres: 1 },
      // Listed downwards-to-upwards: stairs links work both ways.
      { from: 'low-stairs', to: 'up-stairs', kind: 'stairs', metres: 12 },
    ],
  );
  const upstairs: RouteStart = { floorId: 'upper', position: { x: 100, y: 100 } };

  it('takes the stairs, never the elevator, and lists the floors in order', () => {
    const route = found(createRouter(building).route(upstairs, 'exit'));
    const nodeIds = route.path.map((s) => s.nodeId);
    expect(nodeIds).toEqual([null, 'up-hall', 'up-stairs', 'low-stairs', 'low-exit']);
    expect(nodeIds).not.toContain('up-lift');
    expect(route.floors).toEqual(['upper', 'lower']);
    expect(route.target.floorId).toBe('lower');
    // 30 m along the hall, 12 m of stairs, then √(290² + 50²) / 10 to the door.
    expect(route.metres).toBeCloseTo(30 + 12 + Math.hypot(290, 50) / 10, 9);
  });

  it('has no route rather than an elevator when the stairs are blocked', () => {
    const router = createRouter(building);
    expect(router.route(upstairs, 'exit', hazards([], ['stairs-lower']))).toMatchObject({ ok: false, reason: 'no-safe-route' });
  });
});

describe('bearings and arrows', () => {
  it('arrowFor divides the circle into eight sectors centred on the directions', () => {
    const expected = ['ahead', 'ahead-right', 'right', 'behind-right', 'behind', 'behind-left', 'left', 'ahead-left'];
    expected.forEach((arrow, i) => {
      expect(arrowFor(i * 45)).toBe(arrow);
      expect(arrowFor(i * 45 + 22)).toBe(arrow);
      expect(arrowFor(i * 45 - 22)).toBe(arrow);
    });
    expect(arrowFor(359)).toBe('ahead');
    expect(arrowFor(-90)).toBe('left');
  });

  // A plus-shaped floor: the centre node with one exit in each direction at different distances.
  const plus = wayfinding([
    floorPlan(
      'f',
      [
        { id: 'centre', x: 50, y: 50 },
        { id: 'east', x: 60, y: 50, kind: 'exit', poi: 'door-east' },
        { id: 'north', x: 50, y: 30, kind: 'exit', poi: 'door-north' },
      ],
      [['centre', 'east'], ['centre', 'north']],
    ),
  ]);
  const router = createRouter(plus);

  it('facing 0 (map up) with the exit to the right: bearing 90, arrow right', () => {
    const route = found(router.route({ floorId: 'f', position: { x: 50, y: 50 }, facingDegrees: 0 }, 'exit'));
    expect(route.target.node.id).toBe('east');
    expect(route.heading).toBeCloseTo(90, 9);
    expect(route.relativeBearing).toBeCloseTo(90, 9);
    expect(route.arrow).toBe('right');
  });

  it('facing 270 (map left) with the way going up: arrow right', () => {
    const route = found(router.route({ floorId: 'f', position: { x: 50, y: 50 }, facingDegrees: 270 }, 'exit', hazards([], ['door-east'])));
    expect(route.heading).toBeCloseTo(0, 9);
    expect(route.relativeBearing).toBeCloseTo(90, 9);
    expect(route.arrow).toBe('right');
  });

  it('turns the bearing by the facing for the other sectors too', () => {
    const start = (facingDegrees: number): RouteStart => ({ floorId: 'f', position: { x: 50, y: 50 }, facingDegrees });
    const goingUp = hazards([], ['door-east']);
    expect(found(router.route(start(90), 'exit', goingUp)).arrow).toBe('left');
    expect(found(router.route(start(135), 'exit', goingUp)).arrow).toBe('behind-left');
    expect(found(router.route(start(45), 'exit')).arrow).toBe('ahead-right');
    expect(found(router.route(start(270), 'exit')).arrow).toBe('behind');
    expect(found(router.route(start(90), 'exit')).arrow).toBe('ahead');
  });

  it('heads for the route beyond the node the start stands on, and along a short route to its end', () => {
    const onNode = found(router.route({ floorId: 'f', position: { x: 50, y: 50 } }, 'exit'));
    expect(onNode.path.map((s) => s.nodeId)).toEqual([null, 'centre', 'east']);
    expect(onNode.heading).toBeCloseTo(90, 9);
    const below = found(router.route({ floorId: 'f', position: { x: 50, y: 60 } }, 'exit', hazards([], ['door-east'])));
    expect(below.heading).toBeCloseTo(0, 9);
  });

  // A screen on a corridor's wall, 2 m off the walkway; the exit is 40 m west.
  const hallway = wayfinding([
    floorPlan(
      'h',
      [
        { id: 'exit', x: 0, y: 100, kind: 'exit', poi: 'door' },
        { id: 'a', x: 200, y: 100 },
        { id: 'b', x: 350, y: 100 },
        { id: 'c', x: 400, y: 100 },
        { id: 'd', x: 450, y: 100 },
        { id: 'e', x: 500, y: 100 },
      ],
      [['exit', 'a'], ['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e']],
    ),
  ]);

  it('points the way along the walkway, not along the hop onto it from the wall', () => {
    const route = found(createRouter(hallway).route({ floorId: 'h', position: { x: 400, y: 80 }, facingDegrees: 0 }, 'exit'));
    // The start joins the walkway diagonally at b, 5 m west: that hop alone points 22° off west.
    expect(route.path.map((s) => s.nodeId)).toEqual([null, 'b', 'a', 'exit']);
    const hop = Math.hypot(50, 20);
    const ahead = { x: 350 - (ARROW_LOOK_AHEAD_METRES * 10 - hop), y: 100 };
    expect(route.heading).toBeCloseTo(270 - (Math.atan2(20, 400 - ahead.x) * 180) / Math.PI, 6);
    expect(Math.abs(route.heading - 270)).toBeLessThan(16);
    expect(route.arrow).toBe('left');
    expect(arrowDegrees(route.arrow!)).toBe(270);
  });

  it('does not look past the stairs: the heading stays on the start’s floor', () => {
    const twoFloors = wayfinding(
      [
        floorPlan('up', [{ id: 'up-hall', x: 100, y: 100 }, { id: 'up-stairs', x: 100, y: 130, kind: 'stairs', poi: 'st-up' }], [['up-hall', 'up-stairs']]),
        floorPlan('down', [{ id: 'down-stairs', x: 900, y: 900, kind: 'stairs', poi: 'st-down' }, { id: 'down-exit', x: 0, y: 900, kind: 'exit', poi: 'exit' }], [['down-stairs', 'down-exit']]),
      ],
      [{ from: 'up-stairs', to: 'down-stairs', kind: 'stairs', metres: 10 }],
    );
    const route = found(createRouter(twoFloors).route({ floorId: 'up', position: { x: 100, y: 100 }, facingDegrees: 0 }, 'exit'));
    expect(route.floors).toEqual(['up', 'down']);
    expect(route.heading).toBeCloseTo(180, 9);
    expect(route.arrow).toBe('behind');
  });

  it('draws each arrow at its own one of eight angles', () => {
    expect(['ahead', 'ahead-right', 'right', 'behind-right', 'behind', 'behind-left', 'left', 'ahead-left'].map((a) => arrowDegrees(a as never))).toEqual([0, 45, 90, 135, 180, 225, 270, 315]);
  });

  it('gives no relative bearing and no arrow without a facing', () => {
    const route = found(router.route({ floorId: 'f', position: { x: 45, y: 50 } }, 'exit'));
    expect(route.relativeBearing).toBeNull();
    expect(route.arrow).toBeNull();
  });
});

describe('alternatives', () => {
  const router = createRouter(corridor);

  it('lists routes to different exits, best first, the first being the route itself', () => {
    const routes = router.alternatives(inHallway, 'exit');
    expect(routes.map((r) => r.target.node.id)).toEqual(['exit-west', 'exit-east']);
    expect(routes[0]).toEqual(router.route(inHallway, 'exit'));
    expect(routes[1]!.metres).toBeCloseTo(6.5, 12);
    expect(routes[1]!.path.map((s) => s.nodeId)).toEqual([null, 'j2', 'j3', 'exit-east']);
  });

  it('respects count and hazards', () => {
    expect(router.alternatives(inHallway, 'exit', NO_HAZARDS, 1)).toHaveLength(1);
    expect(router.alternatives(inHallway, 'exit', hazards([], ['door-east'])).map((r) => r.target.node.id)).toEqual(['exit-west']);
    expect(router.alternatives(inHallway, 'exit', hazards(['west-end', 'east-end']))).toEqual([]);
  });
});

describe('walks to points that are not targets', () => {
  const router = createRouter(corridor);
  const nearEast = { id: 'aed-east', floorId: 'ground', position: { x: 95, y: 52 } };
  const nearWest = { id: 'aed-west', floorId: 'ground', position: { x: 12, y: 52 } };

  it('walks over the graph to each point, nearest first, the last stretch straight to the point', () => {
    const walks = router.walks(inHallway, [nearWest, nearEast]);
    expect(walks.map((w) => w.id)).toEqual(['aed-west', 'aed-east']);
    const east = walks[1]!;
    // The point joins the graph as a start does, at its nearest nodes in a straight line: here from j2.
    expect(east.metres).toBeCloseTo(1.5 + Math.hypot(35, 2) / 10, 9);
    expect(east.path[0]).toEqual({ floorId: 'ground', nodeId: null, position: inHallway.position });
    expect(east.path.at(-1)).toEqual({ floorId: 'ground', nodeId: null, position: { x: 95, y: 52 } });
  });

  it('never walks into a hazard, leaves out points no walk reaches, and knows no unknown floor', () => {
    expect(router.walks(inHallway, [nearWest, nearEast], hazards(['west-end'])).map((w) => w.id)).toEqual(['aed-east']);
    // With the stub between j1 and j2 marked, the west point is reached the long way, by the refuge's corridor.
    const around = router.walks(inHallway, [nearWest], hazards(['stub']))[0]!;
    expect(around.path.map((s) => s.nodeId)).toContain('refuge');
    expect(router.walks({ floorId: 'attic', position: { x: 0, y: 0 } }, [nearEast])).toEqual([]);
    expect(router.walks(inHallway, [{ ...nearEast, floorId: 'attic' }])).toEqual([]);
  });
});

// ── random cases against independent references ──────────────────────────────────────────────────────────────

/** The test's own reading of the rules, built straight from geometry.ts: usable nodes, safe edges, targets. */
function reference(plan: FloorPlan, goal: RouteGoal, marked: Hazards) {
  const polygons = plan.areas.filter((a) => marked.areaIds.includes(a.id)).map((a) => a.polygon);
  const usable = new Set(
    plan.nodes.filter((n) => !(n.poiId && marked.blockedPoiIds.includes(n.poiId)) && !polygons.some((poly) => pointInPolygon(n.position, poly))).map((n) => n.id),
  );
  const position = new Map(plan.nodes.map((n) => [n.id, n.position]));
  const neighbours = new Map<string, { to: string; metres: number }[]>(plan.nodes.map((n) => [n.id, []]));
  for (const { from, to } of plan.edges) {
    const a = position.get(from)!;
    const b = position.get(to)!;
    if (!usable.has(from) || !usable.has(to) || polygons.some((poly) => segmentTouchesPolygon(a, b, poly))) continue;
    const metres = Math.hypot(a.x - b.x, a.y - b.y) / plan.unitsPerMetre;
    neighbours.get(from)!.push({ to, metres });
    neighbours.get(to)!.push({ to: from, metres });
  }
  const targets = new Set(plan.nodes.filter((n) => usable.has(n.id) && n.kind === goal).map((n) => n.id));
  return { plan, polygons, usable, position, neighbours, targets };
}
type Reference = ReturnType<typeof reference>;

/** Every simple path from every node, the shortest ending at a target. Exponential: small graphs only. */
function bruteForceToTarget(ref: Reference): Map<string, number> {
  const best = new Map<string, number>();
  for (const origin of ref.usable) {
    let shortest = Infinity;
    const visited = new Set([origin]);
    const walk = (node: string, metres: number) => {
      if (ref.targets.has(node)) shortest = Math.min(shortest, metres);
      for (const { to, metres: step } of ref.neighbours.get(node)!) {
        if (visited.has(to)) continue;
        visited.add(to);
        walk(to, metres + step);
        visited.delete(to);
      }
    };
    walk(origin, 0);
    best.set(origin, shortest);
  }
  return best;
}

/** Plain O(n²) Dijkstra from all targets. */
function dijkstraToTarget(ref: Reference): Map<string, number> {
  const metres = new Map([...ref.usable].map((id) => [id, ref.targets.has(id) ? 0 : Infinity]));
  const open = new Set(ref.usable);
  while (open.size > 0) {
    let u = '';
    for (const id of open) if (u === '' || metres.get(id)! < metres.get(u)!) u = id;
    open.delete(u);
    for (const { to, metres: step } of ref.neighbours.get(u)!) metres.set(to, Math.min(metres.get(to)!, metres.get(u)! + step));
  }
  return metres;
}

/** The expected length: join at the 4 nearest usable nodes that lead out and that the start reaches safely. */
function expectedMetres(ref: Reference, start: Point, toTarget: Map<string, number>): number | 'no-safe-route' {
  const escapable = ref.polygons.filter((poly) => !pointInPolygon(start, poly));
  const straight = (id: string) => Math.hypot(ref.position.get(id)!.x - start.x, ref.position.get(id)!.y - start.y);
  const entries = [...ref.usable]
    .filter((id) => toTarget.get(id)! < Infinity && !escapable.some((poly) => segmentTouchesPolygon(start, ref.position.get(id)!, poly)))
    .sort((a, b) => straight(a) - straight(b) || (a < b ? -1 : 1))
    .slice(0, 4);
  if (entries.length === 0) return 'no-safe-route';
  return Math.min(...entries.map((id) => straight(id) / ref.plan.unitsPerMetre + toTarget.get(id)!));
}

/** Checks every rule a found route must keep, whatever the graph. */
function expectSafeRoute(ref: Reference, start: Point, route: Extract<RouteResult, { ok: true }>): void {
  const { path } = route;
  expect(ref.targets.has(route.target.node.id)).toBe(true);
  expect(path.at(-1)!.nodeId).toBe(route.target.node.id);
  let metres = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!.position;
    const b = path[i]!.position;
    metres += Math.hypot(a.x - b.x, a.y - b.y) / ref.plan.unitsPerMetre;
    expect(ref.usable.has(path[i]!.nodeId!)).toBe(true);
    // Only the first leg may start inside a hazard, and only the one the start is in.
    const crossed = ref.polygons.filter((poly) => segmentTouchesPolygon(a, b, poly) && !(i === 1 && pointInPolygon(start, poly)));
    expect(crossed).toEqual([]);
    if (i >= 2) expect(ref.neighbours.get(path[i - 1]!.nodeId!)!.some((n) => n.to === path[i]!.nodeId)).toBe(true);
  }
  expect(route.metres).toBeCloseTo(metres, 9);
}

describe('random grids with random hazards', () => {
  it('never crosses a hazard or uses a blocked exit, and is as short as a plain Dijkstra says', () => {
    const random = mulberry32(20240611);
    const size = 8;
    const id = (r: number, c: number) => `n-${r}-${c}`;
    const nodes: NodeSpec[] = [];
    const edges: [string, string][] = [];
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        nodes.push({ id: id(r, c), x: 20 + c * 20, y: 20 + r * 20 });
        if (c > 0) edges.push([id(r, c - 1), id(r, c)]);
        if (r > 0) edges.push([id(r - 1, c), id(r, c)]);
        if (r > 0 && c > 0 && random() < 0.2) edges.push([id(r - 1, c - 1), id(r, c)]);
      }
    }
    for (let e = 0; e < 6; e++) {
      const along = 20 + Math.floor(random() * size) * 20;
      const side = e % 4;
      const [x, y, joins] =
        side === 0 ? [along, 5, id(0, (along - 20) / 20)] : side === 1 ? [along, 175, id(size - 1, (along - 20) / 20)]
        : side === 2 ? [5, along, id((along - 20) / 20, 0)] : [175, along, id((along - 20) / 20, size - 1)];
      nodes.push({ id: `exit-${e}`, x, y, kind: 'exit', poi: `door-${e}` });
      edges.push([`exit-${e}`, joins]);
    }
    const areas = Array.from({ length: 12 }, (_, i) => {
      const x = random() * 170;
      const y = random() * 170;
      return rect(`area-${i}`, x, y, x + 5 + random() * 35, y + 5 + random() * 35);
    });
    const plan = wayfinding([floorPlan('grid', nodes, edges, areas, 4)]);
    const router = createRouter(plan);
    let routed = 0;
    let refused = 0;
    for (let trial = 0; trial < 40; trial++) {
      // Every tenth trial blocks every door, so "no safe route" is checked as well as found routes.
      const doors = ['door-0', 'door-1', 'door-2', 'door-3', 'door-4', 'door-5'];
      const marked = hazards(
        areas.filter(() => random() < 0.35).map((a) => a.id),
        trial % 10 === 9 ? doors : doors.filter(() => random() < 0.3),
      );
      const ref = reference(plan.floors[0]!, 'exit', marked);
      const toTarget = dijkstraToTarget(ref);
      for (let s = 0; s < 25; s++) {
        const start = { x: 10 + random() * 170, y: 10 + random() * 170 };
        const result = router.route({ floorId: 'grid', position: start }, 'exit', marked);
        const expected = expectedMetres(ref, start, toTarget);
        if (expected === 'no-safe-route') {
          expect(result).toMatchObject({ ok: false, reason: 'no-safe-route' });
          refused++;
          continue;
        }
        const route = found(result);
        expect(marked.blockedPoiIds).not.toContain(route.target.poi.id);
        expectSafeRoute(ref, start, route);
        expect(route.metres).toBeCloseTo(expected, 9);
        routed++;
      }
    }
    // Both outcomes must actually occur, or the checks above prove little.
    expect(routed).toBeGreaterThan(500);
    expect(refused).toBeGreaterThanOrEqual(100);
  });
});

describe('random small graphs against brute force', () => {
  it('finds the shortest route: equal to the best of all simple paths within 1e-9', () => {
    const random = mulberry32(7);
    let compared = 0;
    let refused = 0;
    for (let graph = 0; graph < 300; graph++) {
      const count = 4 + Math.floor(random() * 9);
      const exits = 1 + Math.floor(random() * 3);
      const nodes: NodeSpec[] = Array.from({ length: count }, (_, i) =>
        i < exits ? { id: `n${i}`, x: random() * 100, y: random() * 100, kind: 'exit', poi: `door-${i}` } : { id: `n${i}`, x: random() * 100, y: random() * 100 },
      );
      const edges: [string, string][] = [];
      for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) if (random() < 0.3) edges.push([`n${a}`, `n${b}`]);
      const [hazardX, hazardY] = [random() * 80, random() * 80];
      const areas = [rect('hazard', hazardX, hazardY, hazardX + 20, hazardY + 20)];
      const unitsPerMetre = random() < 0.5 ? 1 : 2.5;
      const plan = wayfinding([floorPlan('f', nodes, edges, areas, unitsPerMetre)]);
      const router = createRouter(plan);
      const marked = hazards(random() < 0.5 ? ['hazard'] : [], random() < 0.2 ? ['door-0'] : []);
      const ref = reference(plan.floors[0]!, 'exit', marked);
      const toTarget = bruteForceToTarget(ref);
      for (let s = 0; s < 5; s++) {
        const start = { x: random() * 100, y: random() * 100 };
        const result = router.route({ floorId: 'f', position: start }, 'exit', marked);
        const expected = expectedMetres(ref, start, toTarget);
        if (expected === 'no-safe-route') {
          expect(result).toMatchObject({ ok: false, reason: 'no-safe-route' });
          refused++;
          continue;
        }
        const route = found(result);
        expectSafeRoute(ref, start, route);
        expect(Math.abs(route.metres - expected)).toBeLessThanOrEqual(1e-9);
        compared++;
      }
    }
    // Both outcomes must actually occur, or the checks above prove little.
    expect(compared).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(50);
  });
});
