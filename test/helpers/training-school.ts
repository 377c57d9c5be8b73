// A school's plans built in code for the training tests: two floors joined by stairs, two classrooms (one on each
// floor), two exits at different distances, and points whose nearest by the walk is not the nearest on the drawing.
//
//   1st floor (y = 200 corridor, 10 units a metre)          2nd floor
//   west-doors ── j1 ───── j2 ───── j3 ──────── east-doors   m1 ───── m2
//   (100)        (300)    (500)    (700)        (950)        (300)   (500)
//                 │        │  └ stairs s1 (500,250) ═══ 12 m ═══ s2 ┘
//      room-101 above j1; shelter node above j2               room-201 above m1, aed-upstairs in it
import type { Wayfinding } from '../../shared/floor-plan.ts';
import { WayfindingSchema } from '../../shared/floor-plan.ts';
import type { Site } from '../../shared/model.ts';
import { smallSchool } from './small-school.ts';

const rect = (x0: number, y0: number, x1: number, y1: number) => [
  { x: x0, y: y0 },
  { x: x1, y: y0 },
  { x: x1, y: y1 },
  { x: x0, y: y1 },
];
const node = (id: string, x: number, y: number, kind = 'junction', poiId: string | null = null) => ({ id, kind, position: { x, y }, poiId });
const poi = (id: string, type: string, label: string, x: number, y: number) => ({ id, type, label, position: { x, y } });

export const trainingSchool: Site = smallSchool(0);

export const trainingPlans: Wayfinding = WayfindingSchema.parse({
  floors: [
    {
      floorId: 'main-1',
      width: 1000,
      height: 400,
      unitsPerMetre: 10,
      image: null,
      pois: [
        poi('west-doors', 'exit', 'West doors', 100, 200),
        poi('east-doors', 'exit', 'East doors', 950, 200),
        poi('stairs-1', 'stairs', 'Stairs', 500, 250),
        poi('aed-east', 'aed', 'AED by room 105', 700, 210),
        poi('ext-a', 'extinguisher', 'Extinguisher A', 290, 210),
        poi('ext-b', 'extinguisher', 'Extinguisher B', 310, 210),
        poi('ext-far', 'extinguisher', 'Extinguisher by the east doors', 930, 210),
        poi('shelter-1', 'shelter-area', 'Shelter: middle hall', 500, 150),
        poi('lock-101', 'locking-door', 'Room 101 door', 300, 185),
      ],
      nodes: [
        node('exit-w', 100, 200, 'exit', 'west-doors'),
        node('j1', 300, 200),
        node('j2', 500, 200),
        node('j3', 700, 200),
        node('exit-e', 950, 200, 'exit', 'east-doors'),
        node('s1', 500, 250, 'stairs', 'stairs-1'),
        node('shelter-node', 500, 150, 'shelter', 'shelter-1'),
      ],
      edges: [
        { from: 'exit-w', to: 'j1' },
        { from: 'j1', to: 'j2' },
        { from: 'j2', to: 'j3' },
        { from: 'j3', to: 'exit-e' },
        { from: 'j2', to: 's1' },
        { from: 'j2', to: 'shelter-node' },
      ],
      areas: [
        { id: 'room-101', name: 'Room 101', polygon: rect(200, 100, 400, 180) },
        { id: 'room-105', name: 'Room 105', polygon: rect(600, 100, 800, 180) },
      ],
    },
    {
      floorId: 'main-2',
      width: 1000,
      height: 400,
      unitsPerMetre: 10,
      image: null,
      pois: [poi('stairs-2', 'stairs', 'Stairs', 500, 250), poi('aed-upstairs', 'aed', 'AED in room 201', 300, 150)],
      nodes: [node('m1', 300, 200), node('m2', 500, 200), node('s2', 500, 250, 'stairs', 'stairs-2')],
      edges: [
        { from: 'm1', to: 'm2' },
        { from: 'm2', to: 's2' },
      ],
      areas: [{ id: 'room-201', name: 'Room 201', polygon: rect(200, 100, 400, 180) }],
    },
  ],
  links: [{ from: 's1', to: 's2', kind: 'stairs', metres: 12 }],
  screens: [],
});
