// The exercises on the map, made from the school's own plans for one place a person works in: "Evacuate from here:
// tap the exit you would use" (the routing engine's nearest exit), the same with that exit blocked by a hazard (the
// engine's route around it), and "Where is the nearest AED / extinguisher / shelter area / panic button / locking
// door?" (nearest by the walk over the corridors and stairs). Each comes with its answer key, which never leaves the hub.
import type { PoiType } from '../../shared/floor-plan.ts';
import { NO_HAZARDS, type Hazards, type RouteStep } from '../../shared/routing.ts';
import type { TrainingPlace, TrainingPlan } from './training-plans.ts';

/** The kinds of point asked about, in this order, where the place's building has them. */
export const NEAREST_TYPES = ['aed', 'extinguisher', 'shelter-area', 'panic-button', 'locking-door'] as const satisfies readonly PoiType[];
export type NearestType = (typeof NEAREST_TYPES)[number];

export const TYPE_WORDS: Readonly<Record<NearestType, string>> = {
  aed: 'AED',
  extinguisher: 'fire extinguisher',
  'shelter-area': 'shelter area',
  'panic-button': 'panic button',
  'locking-door': 'locking door',
};

/**
 * A point this much further than the nearest is as good an answer: nobody can tell two metres apart from a room,
 * and a plan's drawing is not that exact.
 */
export const EQUALLY_NEAR_METRES = 2;

export interface MapExercise {
  id: string;
  kind: 'evacuate' | 'nearest';
  placeId: string;
  question: string;
  /** The kind of point to tap ('exit' for evacuation). */
  poiType: PoiType;
  start: { floorId: string; position: { x: number; y: number } };
  /** The floors to show, the start's first. */
  floorIds: string[];
  /** The points that may be tapped. */
  candidates: string[];
  /** Exits closed by the exercise's hazard, drawn crossed out. */
  blockedPoiIds: string[];
}

/** A walk to one of the candidates: how far, and the way. */
export interface CandidateWalk {
  poiId: string;
  metres: number;
  path: RouteStep[];
}

/** What the hub keeps to itself: every candidate's walk (nearest first), the right one, and which count as right. */
export interface MapAnswerKey {
  walks: CandidateWalk[];
  best: CandidateWalk;
  accepted: string[];
}

export interface KeyedMapExercise {
  exercise: MapExercise;
  key: MapAnswerKey;
}

export const evacuateId = (placeId: string) => `evacuate:${placeId}`;
export const evacuateBlockedId = (placeId: string) => `evacuate-blocked:${placeId}`;
export const nearestId = (type: NearestType, placeId: string) => `nearest:${type}:${placeId}`;

function keyOf(walks: CandidateWalk[], best: CandidateWalk): MapAnswerKey {
  return { walks, best, accepted: walks.filter((walk) => walk.metres <= best.metres + EQUALLY_NEAR_METRES).map((walk) => walk.poiId) };
}

function floorsFor(plan: TrainingPlan, place: TrainingPlace, candidates: readonly string[]): string[] {
  const holding = new Set(candidates.map((id) => plan.poi(id)?.floorId));
  return [place.floorId, ...plan.floorsOf(place.buildingId).map((floor) => floor.floorId).filter((id) => id !== place.floorId && holding.has(id))];
}

function pointsOfType(plan: TrainingPlan, place: TrainingPlace, type: PoiType): string[] {
  return plan.floorsOf(place.buildingId).flatMap((floor) => floor.pois.filter((poi) => poi.type === type).map((poi) => poi.id));
}

/**
 * Evacuation by the routing engine, as the hallway screens would show it: the nearest exit, and the route to every
 * other exit for the score's "equally near" and for telling someone how far the exit they chose is.
 */
function evacuation(plan: TrainingPlan, place: TrainingPlace, hazards: Hazards): MapAnswerKey | null {
  const start = { floorId: place.floorId, position: place.start };
  const exits = pointsOfType(plan, place, 'exit');
  const routes = plan.router.alternatives(start, 'exit', hazards, exits.length + 1);
  const walks = routes.map((route) => ({ poiId: route.target.poi.id, metres: route.metres, path: route.path })).filter((walk) => exits.includes(walk.poiId));
  return walks[0] ? keyOf(walks, walks[0]) : null;
}

function evacuateExercises(plan: TrainingPlan, place: TrainingPlace): KeyedMapExercise[] {
  const exits = pointsOfType(plan, place, 'exit');
  const primary = evacuation(plan, place, NO_HAZARDS);
  if (!primary) return [];
  const start = { floorId: place.floorId, position: place.start };
  const found: KeyedMapExercise[] = [
    {
      exercise: { id: evacuateId(place.id), kind: 'evacuate', placeId: place.id, question: `Evacuate from ${place.name}. Tap the exit you would use.`, poiType: 'exit', start, floorIds: floorsFor(plan, place, exits), candidates: exits, blockedPoiIds: [] },
      key: primary,
    },
  ];
  // The same walk with the nearest exit blocked, as the office marks it: the engine's secondary route.
  const blocked = primary.best.poiId;
  const secondary = evacuation(plan, place, { areaIds: [], blockedPoiIds: [blocked] });
  if (secondary) {
    const open = exits.filter((id) => id !== blocked);
    const label = plan.poi(blocked)?.poi.label ?? 'The nearest exit';
    found.push({
      exercise: {
        id: evacuateBlockedId(place.id),
        kind: 'evacuate',
        placeId: place.id,
        question: `${label} is blocked by a hazard. Evacuate from ${place.name}. Tap the exit you would use now.`,
        poiType: 'exit',
        start,
        floorIds: floorsFor(plan, place, exits),
        candidates: open,
        blockedPoiIds: [blocked],
      },
      key: secondary,
    });
  }
  return found;
}

function nearestExercise(plan: TrainingPlan, place: TrainingPlace, type: NearestType): KeyedMapExercise | null {
  const candidates = pointsOfType(plan, place, type);
  if (candidates.length === 0) return null;
  const start = { floorId: place.floorId, position: place.start };
  const targets = candidates.map((id) => ({ id, floorId: plan.poi(id)!.floorId, position: plan.poi(id)!.poi.position }));
  const walks: CandidateWalk[] = plan.router.walks(start, targets).map((walk) => ({ poiId: walk.id, metres: walk.metres, path: walk.path }));
  // Shelter areas are routing targets in a Shelter: the nearest is the one the screens would send people to.
  const shelter = type === 'shelter-area' ? plan.router.route(start, 'shelter') : null;
  const best = (shelter?.ok && walks.find((walk) => walk.poiId === shelter.target.poi.id)) || walks[0];
  if (!best) return null;
  return {
    exercise: {
      id: nearestId(type, place.id),
      kind: 'nearest',
      placeId: place.id,
      question: `Where is the nearest ${TYPE_WORDS[type]} to ${place.name}? Tap it on the map.`,
      poiType: type,
      start,
      floorIds: floorsFor(plan, place, candidates),
      candidates,
      blockedPoiIds: [],
    },
    key: keyOf(walks, best),
  };
}

/** Every map exercise for one place, in the order they are asked. */
export function placeExercises(plan: TrainingPlan, place: TrainingPlace): KeyedMapExercise[] {
  return [...evacuateExercises(plan, place), ...NEAREST_TYPES.flatMap((type) => nearestExercise(plan, place, type) ?? [])];
}
