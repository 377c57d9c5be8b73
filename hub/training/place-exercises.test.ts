// Unit tests for the map exercises: each is made from the plans and scored against the routing engine itself (the
// nearest exit, the route around a blocked one, the nearest point by the walk rather than on the drawing).
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../shared/routing.ts';
import { trainingPlans, trainingSchool } from '../../test/helpers/training-school.ts';
import { EQUALLY_NEAR_METRES, placeExercises, type KeyedMapExercise } from './place-exercises.ts';
import { TrainingPlans } from './training-plans.ts';

const plan = new TrainingPlans(() => trainingSchool, () => trainingPlans).for('staff');
const router = createRouter(trainingPlans);
const place = (id: string) => plan.places.find((p) => p.id === id)!;
const exercisesFrom = (id: string) => new Map(placeExercises(plan, place(id)).map((keyed) => [keyed.exercise.id, keyed]));
const get = (map: Map<string, KeyedMapExercise>, id: string) => {
  const found = map.get(id);
  if (!found) throw new Error(`no exercise ${id}; have ${[...map.keys()].join(', ')}`);
  return found;
};

describe('places', () => {
  it('are the plans’ named areas, each with its building’s and floor’s name and a start inside it', () => {
    expect(plan.places.map((p) => [p.id, p.floorName])).toEqual([
      ['room-101', 'Main, Ground'],
      ['room-105', 'Main, Ground'],
      ['room-201', 'Main, First'],
    ]);
    expect(place('room-101').start).toEqual({ x: 300, y: 140 });
  });
});

describe('evacuation exercises', () => {
  it('asks for the routing engine’s nearest exit from the place, among every exit of the building', () => {
    const { exercise, key } = get(exercisesFrom('room-101'), 'evacuate:room-101');
    const route = router.route({ floorId: 'main-1', position: place('room-101').start }, 'exit');
    if (!route.ok) throw new Error('no route');
    expect(key.best.poiId).toBe(route.target.poi.id);
    expect(key.best.poiId).toBe('west-doors');
    expect(key.best.path).toEqual(route.path);
    expect(key.accepted).toEqual(['west-doors']);
    expect(exercise.candidates.sort()).toEqual(['east-doors', 'west-doors']);
    expect(exercise.question).toBe('Evacuate from Room 101. Tap the exit you would use.');
    expect(exercise).not.toHaveProperty('key');
  });

  it('then blocks that exit with a hazard and asks for the route around it, as the screens would draw it', () => {
    const { exercise, key } = get(exercisesFrom('room-101'), 'evacuate-blocked:room-101');
    const route = router.route({ floorId: 'main-1', position: place('room-101').start }, 'exit', { areaIds: [], blockedPoiIds: ['west-doors'] });
    if (!route.ok) throw new Error('no route');
    expect(key.best.poiId).toBe('east-doors');
    expect(key.best.path).toEqual(route.path);
    expect(exercise.blockedPoiIds).toEqual(['west-doors']);
    expect(exercise.candidates).toEqual(['east-doors']);
    expect(exercise.question).toMatch(/^West doors is blocked by a hazard\. Evacuate from Room 101/);
  });

  it('from the 2nd floor goes down the stairs, and shows both floors, the start’s first', () => {
    const { exercise, key } = get(exercisesFrom('room-201'), 'evacuate:room-201');
    expect(exercise.floorIds).toEqual(['main-2', 'main-1']);
    expect(key.best.poiId).toBe('west-doors');
    expect(new Set(key.best.path.map((step) => step.floorId))).toEqual(new Set(['main-1', 'main-2']));
  });

  it('has no blocked-exit exercise in a building with one exit', () => {
    const oneExit = structuredClone(trainingPlans);
    const ground = oneExit.floors[0]!;
    ground.pois = ground.pois.filter((p) => p.id !== 'east-doors');
    ground.nodes = ground.nodes.map((n) => (n.id === 'exit-e' ? { ...n, kind: 'junction', poiId: null } : n));
    const single = new TrainingPlans(() => trainingSchool, () => oneExit).for('staff');
    const ids = placeExercises(single, single.places[0]!).map((k) => k.exercise.id);
    expect(ids).toContain('evacuate:room-101');
    expect(ids).not.toContain('evacuate-blocked:room-101');
  });
});

describe('nearest-point exercises', () => {
  it('asks only for the kinds of point the building has (no panic button here)', () => {
    expect([...exercisesFrom('room-101').keys()]).toEqual([
      'evacuate:room-101',
      'evacuate-blocked:room-101',
      'nearest:aed:room-101',
      'nearest:extinguisher:room-101',
      'nearest:shelter-area:room-101',
      'nearest:locking-door:room-101',
    ]);
  });

  it('finds the nearest by the walk: the AED upstairs is right above on the drawing but far by the stairs', () => {
    const { exercise, key } = get(exercisesFrom('room-101'), 'nearest:aed:room-101');
    expect(exercise.candidates.sort()).toEqual(['aed-east', 'aed-upstairs']);
    expect(exercise.floorIds).toEqual(['main-1', 'main-2']);
    expect(key.best.poiId).toBe('aed-east');
    expect(key.accepted).toEqual(['aed-east']);
    const upstairs = key.walks.find((w) => w.poiId === 'aed-upstairs')!;
    expect(upstairs.metres).toBeGreaterThan(key.best.metres);
    // The walk ends at the point itself, and starts where the place's walks start.
    expect(key.best.path.at(-1)).toEqual({ floorId: 'main-1', nodeId: null, position: { x: 700, y: 210 } });
    expect(key.best.path[0]).toEqual({ floorId: 'main-1', nodeId: null, position: { x: 300, y: 140 } });
    // From room 201 the same question has the other answer.
    expect(get(exercisesFrom('room-201'), 'nearest:aed:room-201').key.best.poiId).toBe('aed-upstairs');
  });

  it(`counts points within ${EQUALLY_NEAR_METRES} m of the nearest as right too, and no further one`, () => {
    const { key } = get(exercisesFrom('room-101'), 'nearest:extinguisher:room-101');
    expect(key.accepted.sort()).toEqual(['ext-a', 'ext-b']);
    expect(key.walks.at(-1)!.poiId).toBe('ext-far');
  });

  it('answers a shelter area with the routing engine’s shelter route', () => {
    const { key } = get(exercisesFrom('room-105'), 'nearest:shelter-area:room-105');
    const route = router.route({ floorId: 'main-1', position: place('room-105').start }, 'shelter');
    if (!route.ok) throw new Error('no route');
    expect(key.best.poiId).toBe(route.target.poi.id);
  });
});
