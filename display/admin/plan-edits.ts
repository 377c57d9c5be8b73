// The floor-plan editor's changes to a draft, as pure functions: each returns a new Wayfinding and leaves the
// old one untouched, so the draft can be compared with what was loaded and thrown away on reload.
import type { Area, FloorPlan, GraphNode, MapImageSchema, Point, Poi, PoiType, ScreenSpot, Wayfinding } from '../../shared/floor-plan.ts';
import type { z } from 'zod';
import { NODE_POI_TYPE, POI_DEFAULT_LABELS, POI_TYPE_NAMES, type NodeKind } from './plan-names.ts';
import { takenIds, uniqueId } from './plan-ids.ts';

export type MapImage = z.infer<typeof MapImageSchema>;

/** Something on a floor the editor can select: a POI, a walkway node, a named area or a placed screen. */
export interface PlanItem {
  kind: 'poi' | 'node' | 'area' | 'screen';
  id: string;
}

/** Clone, change one floor in place, return the clone. */
function onFloor(wayfinding: Wayfinding, floorId: string, change: (floor: FloorPlan, all: Wayfinding) => void): Wayfinding {
  const next = structuredClone(wayfinding);
  const floor = next.floors.find((f) => f.floorId === floorId);
  if (floor) change(floor, next);
  return next;
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

export function nearestPoi(floor: FloorPlan, type: PoiType, near: Point): Poi | null {
  let best: Poi | null = null;
  for (const poi of floor.pois) {
    if (poi.type === type && (!best || distance(poi.position, near) < distance(best.position, near))) best = poi;
  }
  return best;
}

export function addPoi(wayfinding: Wayfinding, floorId: string, type: PoiType, position: Point): { wayfinding: Wayfinding; id: string } {
  const id = uniqueId(`${floorId}-${type}-`, takenIds(wayfinding));
  const label = POI_DEFAULT_LABELS[type] ?? POI_TYPE_NAMES[type];
  return { id, wayfinding: onFloor(wayfinding, floorId, (floor) => void floor.pois.push({ id, type, label, notes: '', position })) };
}

export function updatePoi(wayfinding: Wayfinding, floorId: string, id: string, patch: Partial<Omit<Poi, 'id'>>): Wayfinding {
  return onFloor(wayfinding, floorId, (floor) => {
    const poi = floor.pois.find((p) => p.id === id);
    if (poi) Object.assign(poi, patch);
  });
}

export function addNode(wayfinding: Wayfinding, floorId: string, kind: NodeKind, position: Point): { wayfinding: Wayfinding; id: string } {
  const id = uniqueId(`${floorId}-n`, takenIds(wayfinding));
  return {
    id,
    wayfinding: onFloor(wayfinding, floorId, (floor) => {
      // An exit or stairs node is useless until it names its POI; the nearest one is almost always meant.
      const poiType = NODE_POI_TYPE[kind];
      const poiId = poiType ? (nearestPoi(floor, poiType, position)?.id ?? null) : null;
      floor.nodes.push({ id, kind, position, poiId });
    }),
  };
}

export function updateNode(wayfinding: Wayfinding, floorId: string, id: string, patch: Partial<Omit<GraphNode, 'id'>>): Wayfinding {
  return onFloor(wayfinding, floorId, (floor) => {
    const node = floor.nodes.find((n) => n.id === id);
    if (!node) return;
    Object.assign(node, patch);
    // Changing the kind re-links the node when its POI no longer fits (an exit node cannot name stairs).
    const poiType = NODE_POI_TYPE[node.kind];
    const linked = floor.pois.find((p) => p.id === node.poiId);
    if (patch.kind && (!poiType || linked?.type !== poiType)) node.poiId = poiType ? (nearestPoi(floor, poiType, node.position)?.id ?? null) : null;
  });
}

const sameEdge = (edge: { from: string; to: string }, a: string, b: string) => (edge.from === a && edge.to === b) || (edge.from === b && edge.to === a);

/** Connects two nodes with a corridor (a door edge when either end is a door); nothing when already connected. */
export function connectNodes(wayfinding: Wayfinding, floorId: string, from: string, to: string): Wayfinding {
  if (from === to) return wayfinding;
  return onFloor(wayfinding, floorId, (floor) => {
    if (floor.edges.some((edge) => sameEdge(edge, from, to))) return;
    const isDoor = floor.nodes.some((n) => (n.id === from || n.id === to) && n.kind === 'door');
    floor.edges.push({ from, to, kind: isDoor ? 'door' : 'corridor' });
  });
}

export function removeEdge(wayfinding: Wayfinding, floorId: string, from: string, to: string): Wayfinding {
  return onFloor(wayfinding, floorId, (floor) => {
    floor.edges = floor.edges.filter((edge) => !sameEdge(edge, from, to));
  });
}

export function addArea(wayfinding: Wayfinding, floorId: string, polygon: Point[]): { wayfinding: Wayfinding; id: string } {
  const id = uniqueId(`${floorId}-area-`, takenIds(wayfinding));
  const name = `Area ${id.slice(id.lastIndexOf('-') + 1)}`;
  return { id, wayfinding: onFloor(wayfinding, floorId, (floor) => void floor.areas.push({ id, name, polygon })) };
}

/** Renames an area or changes its name's translations. */
export function changeArea(wayfinding: Wayfinding, floorId: string, id: string, change: Partial<Pick<Area, 'name' | 'translations'>>): Wayfinding {
  return onFloor(wayfinding, floorId, (floor) => {
    const area = floor.areas.find((a) => a.id === id);
    if (area) Object.assign(area, change);
  });
}

/** Puts a screen on the map, or moves it when it is already placed (a screen hangs in one place only). */
export function placeScreen(wayfinding: Wayfinding, screenId: string, position: Point, facingDegrees: number): Wayfinding {
  const next = structuredClone(wayfinding);
  const spot = next.screens.find((s) => s.screenId === screenId);
  if (spot) Object.assign(spot, { position, facingDegrees });
  else next.screens.push({ screenId, position, facingDegrees });
  return next;
}

export function updateScreen(wayfinding: Wayfinding, screenId: string, patch: Partial<Omit<ScreenSpot, 'screenId'>>): Wayfinding {
  const next = structuredClone(wayfinding);
  const spot = next.screens.find((s) => s.screenId === screenId);
  if (spot) Object.assign(spot, patch);
  return next;
}

export function moveItem(wayfinding: Wayfinding, floorId: string, item: PlanItem, to: Point): Wayfinding {
  if (item.kind === 'screen') return updateScreen(wayfinding, item.id, { position: to });
  return onFloor(wayfinding, floorId, (floor) => {
    if (item.kind === 'area') {
      // An area moves as a whole: its centre goes where the manager clicked.
      const area = floor.areas.find((a) => a.id === item.id);
      if (!area) return;
      const cx = area.polygon.reduce((sum, p) => sum + p.x, 0) / area.polygon.length;
      const cy = area.polygon.reduce((sum, p) => sum + p.y, 0) / area.polygon.length;
      area.polygon = area.polygon.map((p) => ({ x: Math.round((p.x + to.x - cx) * 10) / 10, y: Math.round((p.y + to.y - cy) * 10) / 10 }));
      return;
    }
    const target = item.kind === 'poi' ? floor.pois.find((p) => p.id === item.id) : floor.nodes.find((n) => n.id === item.id);
    if (target) target.position = to;
  });
}

/** Removes an item and what only made sense with it: a node's edges and stair links; an exit POI's exit nodes. */
export function removeItem(wayfinding: Wayfinding, floorId: string, item: PlanItem): Wayfinding {
  if (item.kind === 'screen') {
    const next = structuredClone(wayfinding);
    next.screens = next.screens.filter((s) => s.screenId !== item.id);
    return next;
  }
  return onFloor(wayfinding, floorId, (floor, all) => {
    if (item.kind === 'poi') {
      floor.pois = floor.pois.filter((p) => p.id !== item.id);
      for (const node of floor.nodes) {
        if (node.poiId !== item.id) continue;
        node.poiId = null;
        // With its exit gone the node is just a point on the corridor; routes must not end there any more.
        if (node.kind === 'exit' || node.kind === 'shelter') node.kind = 'junction';
      }
    } else if (item.kind === 'node') {
      floor.nodes = floor.nodes.filter((n) => n.id !== item.id);
      floor.edges = floor.edges.filter((e) => e.from !== item.id && e.to !== item.id);
      all.links = all.links.filter((l) => l.from !== item.id && l.to !== item.id);
    } else {
      floor.areas = floor.areas.filter((a) => a.id !== item.id);
    }
  });
}

/** A floor's first plan, made when its map is uploaded: the map's size, the scale given, nothing on it yet. */
export function createFloorPlan(
  wayfinding: Wayfinding,
  floorId: string,
  plan: { width: number; height: number; unitsPerMetre: number; image: MapImage },
): Wayfinding {
  const next = structuredClone(wayfinding);
  next.floors.push({ floorId, ...plan, pois: [], nodes: [], edges: [], areas: [] });
  return next;
}

export function updateFloor(wayfinding: Wayfinding, floorId: string, patch: Partial<Pick<FloorPlan, 'image' | 'unitsPerMetre'>>): Wayfinding {
  return onFloor(wayfinding, floorId, (floor) => void Object.assign(floor, patch));
}

/** Whether the item is still in the draft (after a reload or another edit removed it). */
export function itemExists(wayfinding: Wayfinding, floorId: string, item: PlanItem): boolean {
  if (item.kind === 'screen') return wayfinding.screens.some((s) => s.screenId === item.id);
  const floor = wayfinding.floors.find((f) => f.floorId === floorId);
  if (!floor) return false;
  const list = item.kind === 'poi' ? floor.pois : item.kind === 'node' ? floor.nodes : floor.areas;
  return list.some((x) => x.id === item.id);
}
