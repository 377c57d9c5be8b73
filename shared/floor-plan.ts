// Floor plans for wayfinding: each floor's map and coordinate system, its points of interest, the walkable
// graph (corridors, doors, exits, stairs) and the named areas the office can mark as hazards.
// Coordinates are map units (the SVG's viewBox units or the image's pixels): x to the right, y downwards.
import { z } from 'zod/mini';
import { IdSchema, translationsOf } from './model.ts';

export const POI_TYPES = [
  'exit',
  'stairs',
  'elevator',
  'aed',
  'extinguisher',
  'first-aid-kit',
  'bleeding-control-kit',
  'fire-alarm-pull-station',
  'panic-button',
  'lockbox',
  'locking-door',
  'camera',
  'metal-detector',
  'hardened-corner',
  'shelter-area',
  'assembly-point',
  'reunification-site',
  'bullet-resistant-glass',
] as const;
export const PoiTypeSchema = z.enum(POI_TYPES);
export type PoiType = z.infer<typeof PoiTypeSchema>;

// zod's numbers are finite: Infinity and NaN are refused.
export const PointSchema = z.object({ x: z.number(), y: z.number() });
export type Point = z.infer<typeof PointSchema>;

const LabelSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));
/** The label or name in other screen languages ("Puertas oeste"); see shared/translations.ts. */
const LabelTranslationsSchema = translationsOf(LabelSchema);

export const PoiSchema = z.object({
  id: IdSchema,
  type: PoiTypeSchema,
  label: LabelSchema,
  translations: LabelTranslationsSchema,
  notes: z._default(z.string().check(z.maxLength(1000)), ''),
  position: PointSchema,
});
export type Poi = z.infer<typeof PoiSchema>;

/**
 * A place on the walkable graph. `exit` and `shelter` nodes are where routes may end; they name the POI
 * (exit or shelter area) people are sent to. `stairs` and `elevator` nodes connect floors through links.
 */
export const GRAPH_NODE_KINDS = ['junction', 'door', 'exit', 'stairs', 'elevator', 'shelter'] as const;
export const GraphNodeSchema = z.object({
  id: IdSchema,
  kind: z.enum(GRAPH_NODE_KINDS),
  position: PointSchema,
  /** For exit, shelter, stairs and elevator nodes: the POI they stand for. */
  poiId: z._default(z.nullable(IdSchema), null),
});
export type GraphNode = z.infer<typeof GraphNodeSchema>;

/** A walkable connection on one floor; its length is the straight distance between its nodes. */
export const GraphEdgeSchema = z.object({ from: IdSchema, to: IdSchema, kind: z._default(z.enum(['corridor', 'door']), 'corridor') });
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;

/** A named area (a room, a hallway segment, a courtyard) the office can mark as a hazard. */
export const AreaSchema = z.object({
  id: IdSchema,
  name: LabelSchema,
  translations: LabelTranslationsSchema,
  polygon: z.array(PointSchema).check(z.minLength(3), z.maxLength(200)),
});
export type Area = z.infer<typeof AreaSchema>;

export const MAP_IMAGE_KINDS = ['svg', 'png', 'jpeg'] as const;
/** A map image's file name in the hub's map directory: never a path, so it cannot leave that directory. */
export const MAP_FILE_PATTERN = /^[a-z0-9][a-z0-9-]*\.(svg|png|jpe?g)$/;

export const MapImageSchema = z.object({
  file: z.string().check(z.regex(MAP_FILE_PATTERN, 'a plain file name such as main-1.svg')),
  kind: z.enum(MAP_IMAGE_KINDS),
});

export const FloorPlanSchema = z.object({
  floorId: IdSchema,
  /** The map's extent in map units: the SVG viewBox (from 0,0) or the image's size in pixels. */
  width: z.number().check(z.positive()),
  height: z.number().check(z.positive()),
  /** How many map units make a metre, to tell people distances. */
  unitsPerMetre: z.number().check(z.positive()),
  image: z.nullable(MapImageSchema),
  pois: z.array(PoiSchema).check(z.maxLength(2000)),
  nodes: z.array(GraphNodeSchema).check(z.maxLength(20_000)),
  edges: z.array(GraphEdgeSchema).check(z.maxLength(50_000)),
  areas: z.array(AreaSchema).check(z.maxLength(1000)),
});
export type FloorPlan = z.infer<typeof FloorPlanSchema>;

/** Stairs or an elevator between two floors; walking it counts as `metres` (climbing is slower than walking). */
export const FloorLinkSchema = z.object({
  from: IdSchema,
  to: IdSchema,
  kind: z.enum(['stairs', 'elevator']),
  metres: z.number().check(z.positive(), z.lte(1000)),
});
export type FloorLink = z.infer<typeof FloorLinkSchema>;

/** Where a screen hangs on its floor's map, and which way it faces (degrees clockwise from map "up"). */
export const ScreenSpotSchema = z.object({
  screenId: IdSchema,
  position: PointSchema,
  facingDegrees: z.number().check(z.gte(0), z.lt(360)),
});
export type ScreenSpot = z.infer<typeof ScreenSpotSchema>;

/** Everything a screen or the hub needs to route people: the plans of every floor and how floors connect. */
export const WayfindingSchema = z
  .object({
    floors: z.array(FloorPlanSchema).check(z.maxLength(500)),
    links: z.array(FloorLinkSchema).check(z.maxLength(10_000)),
    screens: z.array(ScreenSpotSchema).check(z.maxLength(10_000)),
  })
  .check(z.superRefine((wayfinding, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const nodeFloor = new Map<string, string>();
    const seenPois = new Set<string>();
    const seenAreas = new Set<string>();
    wayfinding.floors.forEach((floor, f) => {
      const pois = new Map(floor.pois.map((p) => [p.id, p]));
      floor.pois.forEach((poi, i) => {
        if (seenPois.has(poi.id)) problem(['floors', f, 'pois', i, 'id'], `duplicate POI id "${poi.id}"`);
        seenPois.add(poi.id);
      });
      floor.areas.forEach((area, i) => {
        if (seenAreas.has(area.id)) problem(['floors', f, 'areas', i, 'id'], `duplicate area id "${area.id}"`);
        seenAreas.add(area.id);
      });
      floor.nodes.forEach((node, i) => {
        if (nodeFloor.has(node.id)) problem(['floors', f, 'nodes', i, 'id'], `duplicate node id "${node.id}"`);
        nodeFloor.set(node.id, floor.floorId);
        const wanted = node.kind === 'exit' ? 'exit' : node.kind === 'shelter' ? 'shelter-area' : null;
        if (wanted && node.poiId === null) problem(['floors', f, 'nodes', i, 'poiId'], `a ${node.kind} node must name its ${wanted} POI`);
        if (node.poiId !== null) {
          const poi = pois.get(node.poiId);
          if (!poi) problem(['floors', f, 'nodes', i, 'poiId'], `no POI "${node.poiId}" on floor "${floor.floorId}"`);
          else if (wanted && poi.type !== wanted) problem(['floors', f, 'nodes', i, 'poiId'], `POI "${poi.id}" is a ${poi.type}, not a ${wanted}`);
        }
      });
      floor.edges.forEach((edge, i) => {
        for (const end of [edge.from, edge.to]) {
          if (nodeFloor.get(end) !== floor.floorId || !floor.nodes.some((n) => n.id === end)) {
            problem(['floors', f, 'edges', i], `edge end "${end}" is not a node of floor "${floor.floorId}"`);
          }
        }
      });
    });
    wayfinding.links.forEach((link, i) => {
      const from = nodeFloor.get(link.from);
      const to = nodeFloor.get(link.to);
      if (!from || !to) problem(['links', i], `link "${link.from}" ↔ "${link.to}" names an unknown node`);
      else if (from === to) problem(['links', i], `link "${link.from}" ↔ "${link.to}" stays on one floor; use an edge`);
    });
  }));
export type Wayfinding = z.infer<typeof WayfindingSchema>;

export const EMPTY_WAYFINDING: Wayfinding = { floors: [], links: [], screens: [] };

/** What in the floor plans does not fit the site: unknown floors or screens, a screen placed twice. */
export function wayfindingProblems(site: { buildings: { floors: { id: string }[] }[]; screens: { id: string }[] }, wayfinding: Wayfinding): string[] {
  const problems: string[] = [];
  const floors = new Set(site.buildings.flatMap((b) => b.floors.map((f) => f.id)));
  const screens = new Set(site.screens.map((s) => s.id));
  const planned = new Set<string>();
  for (const floor of wayfinding.floors) {
    if (!floors.has(floor.floorId)) problems.push(`floor plan for unknown floor "${floor.floorId}"`);
    if (planned.has(floor.floorId)) problems.push(`two floor plans for floor "${floor.floorId}"`);
    planned.add(floor.floorId);
  }
  const placed = new Set<string>();
  for (const spot of wayfinding.screens) {
    if (!screens.has(spot.screenId)) problems.push(`position for unknown screen "${spot.screenId}"`);
    if (placed.has(spot.screenId)) problems.push(`screen "${spot.screenId}" is placed twice`);
    placed.add(spot.screenId);
  }
  return problems;
}
