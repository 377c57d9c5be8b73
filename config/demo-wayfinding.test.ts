// The demo school's floor plans: the wayfinding file is valid and fits demo-school.json, its SVG maps are safe and
// match the plans, everything lies on its map, and the real router finds the routes the demo and the end-to-end
// test rely on (exit and shelter routes from every screen, down the stairs from the 2nd floor, never by elevator,
// around a marked hazard, and none at all when every exit of a building is blocked).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WayfindingSchema, wayfindingProblems } from '../shared/floor-plan.ts';
import type { FloorPlan, Point, Wayfinding } from '../shared/floor-plan.ts';
import { bearingDegrees, pointInPolygon } from '../shared/geometry.ts';
import { arrowDegrees, createRouter } from '../shared/routing.ts';
import type { Hazards, RouteGoal, RouteResult } from '../shared/routing.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface DemoScreen {
  id: string;
  buildingId: string;
  floorId: string;
  location: string;
}
interface DemoSite {
  buildings: { id: string; floors: { id: string }[] }[];
  screens: DemoScreen[];
}
const site = JSON.parse(readFileSync(here('./demo-school.json'), 'utf8')) as DemoSite;
const raw: unknown = JSON.parse(readFileSync(here('./demo-wayfinding.json'), 'utf8'));

function parseWayfinding(): Wayfinding {
  const result = WayfindingSchema.safeParse(raw);
  if (!result.success) throw new Error(`config/demo-wayfinding.json is not valid:\n${z.prettifyError(result.error)}`);
  return result.data;
}
const wayfinding = parseWayfinding();
const router = createRouter(wayfinding);

const floorPlan = (floorId: string): FloorPlan => {
  const plan = wayfinding.floors.find((f) => f.floorId === floorId);
  if (!plan) throw new Error(`no floor plan for ${floorId}`);
  return plan;
};
const spotOf = (screenId: string) => {
  const spot = wayfinding.screens.find((s) => s.screenId === screenId);
  if (!spot) throw new Error(`no screen spot for ${screenId}`);
  return spot;
};
const screen = (id: string) => site.screens.find((s) => s.id === id)!;
const NO_HAZARDS: Hazards = { areaIds: [], blockedPoiIds: [] };

function routeFrom(screenId: string, goal: RouteGoal, hazards: Hazards = NO_HAZARDS): RouteResult {
  const spot = spotOf(screenId);
  return router.route({ floorId: screen(screenId).floorId, position: spot.position, facingDegrees: spot.facingDegrees }, goal, hazards);
}
function found(result: RouteResult) {
  if (!result.ok) throw new Error(`expected a route, got ${result.reason}`);
  return result;
}
const nodeKind = new Map(wayfinding.floors.flatMap((f) => f.nodes.map((n) => [n.id, n.kind] as const)));
const usesElevator = (result: RouteResult) => result.ok && result.path.some((step) => step.nodeId !== null && nodeKind.get(step.nodeId) === 'elevator');
const within = (p: Point, plan: FloorPlan) => p.x >= 0 && p.y >= 0 && p.x <= plan.width && p.y <= plan.height;

/** The scenario the end-to-end evacuation test uses: marking the east end of the 1st-floor east wing hallway. */
const E2E = { screenId: 'main-1-east', hazardAreaId: 'm1-east-hall-end', exitBefore: 'exit-east-doors', exitAfter: 'exit-main-entrance' };

describe('demo wayfinding file', () => {
  it('parses with WayfindingSchema and fits the demo site', () => {
    expect(wayfindingProblems(site, wayfinding)).toEqual([]);
  });

  it('has a floor plan for every floor of the demo site, in map units of 10 per metre', () => {
    const floors = site.buildings.flatMap((b) => b.floors.map((f) => f.id));
    expect(wayfinding.floors.map((f) => f.floorId).sort()).toEqual([...floors].sort());
    for (const plan of wayfinding.floors) expect(plan.unitsPerMetre).toBe(10);
  });

  it('places every demo screen exactly once, on the floor demo-school.json gives it', () => {
    expect(wayfinding.screens.map((s) => s.screenId).sort()).toEqual(site.screens.map((s) => s.id).sort());
    for (const s of site.screens) {
      expect(wayfinding.screens.filter((spot) => spot.screenId === s.id), s.id).toHaveLength(1);
      expect(within(spotOf(s.id).position, floorPlan(s.floorId)), `${s.id} lies on ${s.floorId}`).toBe(true);
    }
  });

  it('keeps every POI, node, screen and area on its floor’s map', () => {
    for (const plan of wayfinding.floors) {
      for (const poi of plan.pois) expect(within(poi.position, plan), `POI ${poi.id}`).toBe(true);
      for (const node of plan.nodes) expect(within(node.position, plan), `node ${node.id}`).toBe(true);
      for (const area of plan.areas) for (const p of area.polygon) expect(within(p, plan), `area ${area.id}`).toBe(true);
    }
  });

  it('gives every exit, stairs and elevator POI its graph node, and links only stairs to stairs and lifts to lifts', () => {
    for (const plan of wayfinding.floors) {
      for (const poi of plan.pois.filter((p) => p.type === 'exit' || p.type === 'stairs' || p.type === 'elevator')) {
        expect(plan.nodes.filter((n) => n.poiId === poi.id && n.kind === poi.type), poi.id).toHaveLength(1);
      }
    }
    for (const link of wayfinding.links) {
      expect(nodeKind.get(link.from), link.from).toBe(link.kind);
      expect(nodeKind.get(link.to), link.to).toBe(link.kind);
    }
    const stairs = wayfinding.links.filter((l) => l.kind === 'stairs');
    const lifts = wayfinding.links.filter((l) => l.kind === 'elevator');
    expect(stairs).toHaveLength(2);
    expect(lifts).toHaveLength(1);
    // The elevator is made the shorter way between floors on purpose: routes must still never take it.
    expect(Math.max(...lifts.map((l) => l.metres))).toBeLessThan(Math.min(...stairs.map((l) => l.metres)));
  });

  it('has no island in the graph: each building’s corridors and stairs form one connected walk', () => {
    // Union-find over corridor edges and stairs links (not elevators): a check of the data, not a router.
    const parent = new Map<string, string>();
    const find = (id: string): string => {
      const up = parent.get(id)!;
      if (up === id) return id;
      const root = find(up);
      parent.set(id, root);
      return root;
    };
    for (const plan of wayfinding.floors) for (const node of plan.nodes) parent.set(node.id, node.id);
    const join = (a: string, b: string) => parent.set(find(a), find(b));
    for (const plan of wayfinding.floors) for (const edge of plan.edges) join(edge.from, edge.to);
    for (const link of wayfinding.links) if (link.kind === 'stairs') join(link.from, link.to);
    for (const building of site.buildings) {
      const floorIds = new Set(building.floors.map((f) => f.id));
      const nodes = wayfinding.floors.filter((f) => floorIds.has(f.floorId)).flatMap((f) => f.nodes.map((n) => n.id));
      const components = new Set(nodes.map(find));
      expect(components.size, `${building.id} is one connected graph`).toBe(1);
    }
  });
});

describe('demo floor maps (SVG)', () => {
  for (const plan of parseWayfinding().floors) {
    it(`${plan.image?.file ?? plan.floorId} exists, matches its plan's extent and is safe to show`, () => {
      expect(plan.image?.kind).toBe('svg');
      const path = here(`./maps/${plan.image!.file}`);
      expect(existsSync(path), path).toBe(true);
      const svg = readFileSync(path, 'utf8');
      const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
      expect(root).toContain(`viewBox="0 0 ${plan.width} ${plan.height}"`);
      expect(root).toContain(`width="${plan.width}"`);
      expect(root).toContain(`height="${plan.height}"`);
      expect(svg).not.toMatch(/<script/i);
      expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
      expect(svg).not.toMatch(/<foreignObject/i);
      expect(svg).not.toMatch(/javascript:/i);
      expect(svg).not.toMatch(/@import/i);
      // The SVG namespace is a name, not a reference; any other URL would be.
      expect(svg.replace(/\sxmlns(:[a-z]+)?="http:\/\/www\.w3\.org\/[^"]*"/g, '')).not.toMatch(/https?:\/\//i);
      // Only references inside the file (patterns in <defs>).
      for (const ref of svg.matchAll(/href\s*=\s*["']([^"']*)["']/gi)) expect(ref[1]!.startsWith('#'), ref[0]).toBe(true);
      for (const ref of svg.matchAll(/url\(\s*([^)]*)\)/gi)) expect(ref[1]!.replace(/["']/g, '').startsWith('#'), ref[0]).toBe(true);
    });
  }
});

describe('routing on the demo plans', () => {
  it('gives every demo screen an exit route that never uses the elevator', () => {
    for (const s of site.screens) {
      const result = found(routeFrom(s.id, 'exit'));
      expect(result.target.poi.type, s.id).toBe('exit');
      expect(usesElevator(result), `${s.id} uses the elevator`).toBe(false);
    }
  });

  it('gives every main-building screen a shelter route to a tornado shelter area on the 1st floor', () => {
    // The annex is a one-storey building with windows in every room and glass doors at both ends of its short
    // hallway: it has no tornado shelter area, so its occupants go to the main building and its screen is skipped.
    for (const s of site.screens.filter((x) => x.buildingId === 'main')) {
      const result = found(routeFrom(s.id, 'shelter'));
      expect(result.target.poi.type, s.id).toBe('shelter-area');
      expect(result.target.floorId, s.id).toBe('main-1');
      expect(usesElevator(result), `${s.id} uses the elevator`).toBe(false);
    }
  });

  it('takes 2nd-floor screens down the stairs to an exit on the 1st floor', () => {
    for (const s of site.screens.filter((x) => x.floorId === 'main-2')) {
      for (const goal of ['exit', 'shelter'] as const) {
        const result = found(routeFrom(s.id, goal));
        expect(result.floors, `${s.id} ${goal}`).toEqual(['main-2', 'main-1']);
        expect(result.target.floorId).toBe('main-1');
        const changeOfFloor = result.path.findIndex((step) => step.floorId === 'main-1');
        expect(nodeKind.get(result.path[changeOfFloor - 1]!.nodeId!)).toBe('stairs');
        expect(nodeKind.get(result.path[changeOfFloor]!.nodeId!)).toBe('stairs');
      }
    }
  });

  it('points each screen’s arrow the way to go, snapped to eight directions (facing = where the reader looks)', () => {
    const expected: Record<string, string> = {
      'main-1-east': 'left', // reader faces south; the east doors are along the hallway to the east, on the left
      'main-1-west': 'right', // reader faces south; the west doors are on the right
      'main-2-east': 'left', // as main-1-east, to the east stairs
      'main-2-west': 'left', // reader faces north (library wall); the west stairs are along the hallway on the left
      gym: 'left', // reader faces the gym's north wall; the doors are just to the west
      cafeteria: 'ahead-left', // reader faces north; the courtyard doors are north-west
      'front-office': 'behind-right', // reader faces the lobby's east wall; the vestibule is south-west
      'annex-hall': 'left', // reader faces north; the west doors are along the hallway on the left
    };
    expect(Object.keys(expected).sort()).toEqual(site.screens.map((s) => s.id).sort());
    for (const s of site.screens) {
      const route = found(routeFrom(s.id, 'exit'));
      expect(route.arrow, s.id).toBe(expected[s.id]);
      // Not a coin toss: the way to go lies well inside its 45° sector, not on an edge where a small edit flips it.
      const offCentre = Math.abs(((route.relativeBearing! - arrowDegrees(route.arrow!) + 540) % 360) - 180);
      expect(offCentre, s.id).toBeLessThan(18);
    }
  });

  it('points main-2-west along its hallway, not along the hop from the wall onto it', () => {
    const route = found(routeFrom('main-2-west', 'exit'));
    const [start, entry] = route.path;
    // The hop to the walkway's first node points about 19° south of west…
    expect(Math.abs(bearingDegrees(start!.position, entry!.position) - 270)).toBeGreaterThan(15);
    // …the way to go is west along the hallway.
    expect(Math.abs(route.heading - 270)).toBeLessThan(13);
    expect(route.arrow).toBe('left');
  });

  it('sends main-1-east to a different exit when the east end of its hallway is marked (the end-to-end scenario)', () => {
    const area = floorPlan('main-1').areas.find((a) => a.id === E2E.hazardAreaId)!;
    expect(area).toBeDefined();
    expect(pointInPolygon(spotOf(E2E.screenId).position, area.polygon)).toBe(false);

    const before = found(routeFrom(E2E.screenId, 'exit'));
    expect(before.target.poi.id).toBe(E2E.exitBefore);
    expect(before.path.some((step) => pointInPolygon(step.position, area.polygon))).toBe(true);

    const after = found(routeFrom(E2E.screenId, 'exit', { areaIds: [E2E.hazardAreaId], blockedPoiIds: [] }));
    expect(after.target.poi.id).toBe(E2E.exitAfter);
    expect(after.path.some((step) => pointInPolygon(step.position, area.polygon))).toBe(false);
  });

  it('takes main-2-east down the west stairs when the east stairs are blocked', () => {
    const result = found(routeFrom('main-2-east', 'exit', { areaIds: [], blockedPoiIds: ['stairs-east-2'] }));
    expect(result.path.map((step) => step.nodeId)).toContain('m2-stairs-west');
    expect(result.target.floorId).toBe('main-1');
  });

  it('leaves every screen a way out when any one area it is not in is marked as a hazard', () => {
    for (const plan of wayfinding.floors) {
      for (const area of plan.areas) {
        for (const s of site.screens) {
          if (s.floorId === plan.floorId && pointInPolygon(spotOf(s.id).position, area.polygon)) continue;
          const result = found(routeFrom(s.id, 'exit', { areaIds: [area.id], blockedPoiIds: [] }));
          const inside = result.path.filter((step) => step.floorId === plan.floorId && pointInPolygon(step.position, area.polygon));
          expect(inside, `${s.id} with ${area.id} marked`).toEqual([]);
        }
      }
    }
  });

  it('finds no safe route for a building’s screens when every exit of that building is blocked', () => {
    for (const building of site.buildings) {
      const floorIds = new Set(building.floors.map((f) => f.id));
      const exits = wayfinding.floors.filter((f) => floorIds.has(f.floorId)).flatMap((f) => f.pois.filter((p) => p.type === 'exit').map((p) => p.id));
      expect(exits.length, building.id).toBeGreaterThanOrEqual(2);
      const blocked: Hazards = { areaIds: [], blockedPoiIds: exits };
      for (const s of site.screens) {
        const result = routeFrom(s.id, 'exit', blocked);
        if (s.buildingId === building.id) expect(result, s.id).toMatchObject({ ok: false, reason: 'no-safe-route' });
        else expect(result.ok, `${s.id} is in another building`).toBe(true);
      }
    }
  });
});
