// Who may know where each kind of point of interest is, and each audience's view of the floor plans. Cameras,
// panic buttons, hardened corners, lockboxes, locking doors, bullet-resistant glass and metal detectors tell an
// intruder what is watched, where people hide and how to get in: staff see them, hallways never do. The hub
// gives every audience its own view before anything leaves it, so a screen never holds what it must not show.
import { POI_TYPES, type FloorPlan, type PoiType, type Wayfinding } from './floor-plan.ts';
import type { Role } from './model.ts';

/**
 * Every kind of point, public or confidential. A record rather than a list, so a new kind cannot be added to
 * POI_TYPES without someone deciding here who may see it.
 */
const POI_SECRECY: Readonly<Record<PoiType, 'public' | 'confidential'>> = {
  exit: 'public',
  stairs: 'public',
  elevator: 'public',
  aed: 'public',
  extinguisher: 'public',
  'first-aid-kit': 'public',
  'bleeding-control-kit': 'public',
  'fire-alarm-pull-station': 'public',
  'shelter-area': 'public',
  'assembly-point': 'public',
  'reunification-site': 'public',
  camera: 'confidential',
  'panic-button': 'confidential',
  'hardened-corner': 'confidential',
  lockbox: 'confidential',
  'locking-door': 'confidential',
  'bullet-resistant-glass': 'confidential',
  'metal-detector': 'confidential',
};

/** The kinds of point only staff may see. */
export const CONFIDENTIAL_POI_TYPES: readonly PoiType[] = POI_TYPES.filter((type) => POI_SECRECY[type] === 'confidential');

export function isConfidential(type: PoiType): boolean {
  return POI_SECRECY[type] === 'confidential';
}

/**
 * Who floor plans are for: a hallway screen (and what is posted in hallways, such as the printed evacuation
 * diagrams), or a signed-in member of staff by role.
 */
export type PlanAudience = 'hallway' | Role;

/** Which audiences see confidential points and staff notes: every account (staff learn where the panic buttons are in /training/). */
const SEES_CONFIDENTIAL: Readonly<Record<PlanAudience, boolean>> = { hallway: false, admin: true, office: true, viewer: true, staff: true };

/**
 * One floor as an audience may see it. A hallway gets the public points without their notes (staff notes, which no
 * screen shows); its areas, graph and map image stay, as routing needs them, but no node names a point it lacks.
 */
export function floorPlanFor(audience: PlanAudience, floor: FloorPlan): FloorPlan {
  if (SEES_CONFIDENTIAL[audience]) return floor;
  const pois = floor.pois.filter((poi) => !isConfidential(poi.type)).map((poi) => ({ ...poi, notes: '' }));
  const kept = new Set(pois.map((poi) => poi.id));
  const nodes = floor.nodes.map((node) => (node.poiId === null || kept.has(node.poiId) ? node : { ...node, poiId: null }));
  return { ...floor, pois, nodes };
}

/** All floor plans as an audience may see them; staff get the very same object. */
export function wayfindingFor(audience: PlanAudience, wayfinding: Wayfinding): Wayfinding {
  if (SEES_CONFIDENTIAL[audience]) return wayfinding;
  return { ...wayfinding, floors: wayfinding.floors.map((floor) => floorPlanFor(audience, floor)) };
}
