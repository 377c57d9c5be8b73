// Unit tests for each audience's view of the floor plans: a hallway gets no confidential point (nor its label, notes,
// id or spot) and no staff notes, yet routes exactly as before; every staff role gets the plans untouched.
import { describe, expect, it } from 'vitest';
import { CONFIDENTIAL_POI_TYPES, floorPlanFor, isConfidential, wayfindingFor } from './confidential-points.ts';
import { POI_TYPES, WayfindingSchema, type Poi, type Wayfinding } from './floor-plan.ts';
import { ROLES } from './model.ts';
import { PUBLIC_POI_TYPES } from './poi-markers.ts';
import { createRouter } from './routing.ts';

const poi = (id: string, type: Poi['type'], x: number, y: number, notes = ''): Poi => ({ id, type, label: `Label of ${id}`, translations: { es: `Etiqueta de ${id}` }, notes, position: { x, y } });

/** A hallway with an exit at each end, a door half way that locks, a camera over it and a hardened corner beside it. */
const plans: Wayfinding = WayfindingSchema.parse({
  floors: [
    {
      floorId: 'ground',
      width: 1000,
      height: 200,
      unitsPerMetre: 10,
      image: null,
      pois: [
        poi('exit-west', 'exit', 0, 100),
        poi('exit-east', 'exit', 1000, 100, 'Sticks in winter: push hard.'),
        poi('aed-hall', 'aed', 400, 90, 'Alarms the office when opened.'),
        poi('door-lock-middle', 'locking-door', 517, 100, 'Released from the office.'),
        poi('camera-middle', 'camera', 523.5, 61.25),
        poi('corner-room-3', 'hardened-corner', 611.75, 163.5, 'Out of sight from the door window.'),
        poi('panic-office', 'panic-button', 733.25, 37.5),
      ],
      nodes: [
        { id: 'n-exit-west', kind: 'exit', position: { x: 0, y: 100 }, poiId: 'exit-west' },
        { id: 'n-here', kind: 'junction', position: { x: 300, y: 100 } },
        { id: 'n-door', kind: 'door', position: { x: 517, y: 100 }, poiId: 'door-lock-middle' },
        { id: 'n-exit-east', kind: 'exit', position: { x: 1000, y: 100 }, poiId: 'exit-east' },
      ],
      edges: [
        { from: 'n-exit-west', to: 'n-here' },
        { from: 'n-here', to: 'n-door' },
        { from: 'n-door', to: 'n-exit-east', kind: 'door' },
      ],
      areas: [{ id: 'room-3', name: 'Room 3', polygon: [{ x: 550, y: 120 }, { x: 650, y: 120 }, { x: 650, y: 200 }, { x: 550, y: 200 }] }],
    },
  ],
  links: [],
  screens: [{ screenId: 'hall', position: { x: 300, y: 100 }, facingDegrees: 90 }],
});
const confidential = plans.floors[0]!.pois.filter((p) => isConfidential(p.type));

describe('confidential points', () => {
  it('are exactly the cameras, panic buttons, hardened corners, lockboxes, locking doors, bullet-resistant glass and metal detectors', () => {
    expect([...CONFIDENTIAL_POI_TYPES].sort()).toEqual(
      ['bullet-resistant-glass', 'camera', 'hardened-corner', 'lockbox', 'locking-door', 'metal-detector', 'panic-button'].sort(),
    );
    expect(POI_TYPES.filter((type) => !isConfidential(type))).toEqual(expect.arrayContaining(['exit', 'aed', 'shelter-area', 'assembly-point']));
  });

  it('are never among the kinds a screen draws', () => {
    expect(PUBLIC_POI_TYPES.filter(isConfidential)).toEqual([]);
  });
});

describe("a hallway's view of the floor plans", () => {
  const hallway = wayfindingFor('hallway', plans);
  const text = JSON.stringify(hallway);

  it('holds no confidential point: not its kind, id, label, notes or spot', () => {
    expect(hallway.floors[0]!.pois.map((p) => p.id)).toEqual(['exit-west', 'exit-east', 'aed-hall']);
    for (const type of CONFIDENTIAL_POI_TYPES) expect(text).not.toContain(`"${type}"`);
    for (const point of confidential) {
      for (const secret of [point.id, point.label, point.translations?.es, point.notes].filter((s): s is string => !!s)) expect(text).not.toContain(secret);
    }
    // The camera, corner and panic button sit where nothing public does: not one of their coordinates is sent.
    for (const value of [523.5, 61.25, 611.75, 163.5, 733.25, 37.5]) expect(text).not.toMatch(new RegExp(`:${value}[,}]`));
  });

  it('keeps the public points with their names and spots, but not staff notes, which no screen shows', () => {
    const exit = hallway.floors[0]!.pois.find((p) => p.id === 'exit-east')!;
    expect(exit).toEqual({ ...plans.floors[0]!.pois[1], notes: '' });
    expect(text).not.toContain('Sticks in winter');
    expect(text).not.toContain('Alarms the office');
  });

  it('keeps the graph, areas, links and screen spots, and no node names a point it lacks', () => {
    const [floor, original] = [hallway.floors[0]!, plans.floors[0]!];
    expect(floor.areas).toEqual(original.areas);
    expect(floor.edges).toEqual(original.edges);
    expect(floor.nodes.map((n) => n.id)).toEqual(original.nodes.map((n) => n.id));
    expect(floor.nodes.find((n) => n.id === 'n-door')).toEqual({ id: 'n-door', kind: 'door', position: { x: 517, y: 100 }, poiId: null });
    expect(floor.nodes.find((n) => n.id === 'n-exit-east')!.poiId).toBe('exit-east');
    expect(hallway.screens).toEqual(plans.screens);
    expect(WayfindingSchema.safeParse(hallway).success).toBe(true);
  });

  it('routes exactly as the whole plans do', () => {
    const from = { floorId: 'ground', position: { x: 300, y: 100 }, facingDegrees: 90 };
    const blocked = { areaIds: [], blockedPoiIds: ['exit-west'] };
    const [full, seen] = [createRouter(plans).route(from, 'exit', blocked), createRouter(hallway).route(from, 'exit', blocked)];
    expect(seen.ok && seen.target.poi.id).toBe('exit-east');
    expect(seen.ok && seen.path.map((s) => s.position)).toEqual(full.ok && full.path.map((s) => s.position));
  });

  it('leaves the plans it was given alone', () => {
    expect(plans.floors[0]!.pois).toHaveLength(7);
    expect(plans.floors[0]!.nodes.find((n) => n.id === 'n-door')!.poiId).toBe('door-lock-middle');
    expect(floorPlanFor('hallway', plans.floors[0]!)).toEqual(hallway.floors[0]);
  });
});

describe("staff's view of the floor plans", () => {
  it('is the whole plans, for every role', () => {
    for (const role of ROLES) expect(wayfindingFor(role, plans)).toBe(plans);
  });
});
