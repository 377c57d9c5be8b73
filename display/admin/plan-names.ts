// Words and colours the floor-plan editor uses for POI types and walkway node kinds, and floor names from the site.
import { GRAPH_NODE_KINDS, type PoiType } from '../../shared/floor-plan.ts';
import type { Site } from '../../shared/model.ts';

export type NodeKind = (typeof GRAPH_NODE_KINDS)[number];

export const POI_TYPE_NAMES: Readonly<Record<PoiType, string>> = {
  exit: 'Exit',
  stairs: 'Stairs',
  elevator: 'Elevator',
  aed: 'AED (defibrillator)',
  extinguisher: 'Fire extinguisher',
  'first-aid-kit': 'First-aid kit',
  'bleeding-control-kit': 'Bleeding-control kit',
  'fire-alarm-pull-station': 'Fire alarm pull station',
  'panic-button': 'Panic button',
  lockbox: 'Lockbox (keys for responders)',
  'locking-door': 'Locking door',
  camera: 'Camera',
  'metal-detector': 'Metal detector',
  'hardened-corner': 'Hardened corner',
  'shelter-area': 'Shelter area',
  'assembly-point': 'Assembly point',
  'reunification-site': 'Reunification site',
  'bullet-resistant-glass': 'Bullet-resistant glass',
};

/** The label a new POI starts with, short enough to read on a hallway screen; the manager refines it. */
export const POI_DEFAULT_LABELS: Readonly<Partial<Record<PoiType, string>>> = {
  aed: 'AED',
  lockbox: 'Lockbox',
};

export const NODE_KIND_NAMES: Readonly<Record<NodeKind, string>> = {
  junction: 'Junction',
  door: 'Door',
  exit: 'Exit',
  stairs: 'Stairs',
  elevator: 'Elevator',
  shelter: 'Shelter',
};

export const NODE_KIND_COLOURS: Readonly<Record<NodeKind, string>> = {
  junction: '#475569',
  door: '#b45309',
  exit: '#15803d',
  stairs: '#7c3aed',
  elevator: '#0e7490',
  shelter: '#1d4ed8',
};

/** Which POI a node of this kind stands for; routes end at exit and shelter nodes only through that POI. */
export const NODE_POI_TYPE: Readonly<Partial<Record<NodeKind, PoiType>>> = {
  exit: 'exit',
  shelter: 'shelter-area',
  stairs: 'stairs',
  elevator: 'elevator',
};

export function floorName(site: Site | null, floorId: string): string {
  for (const building of site?.buildings ?? []) {
    const floor = building.floors.find((f) => f.id === floorId);
    if (floor) return `${building.name}, ${floor.name}`;
  }
  return floorId;
}
