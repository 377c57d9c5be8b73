// The printable evacuation diagram as one self-contained HTML page (map image inlined, no scripts): the floor
// plan turned heads-up, You are here, a primary and a secondary route to different exits, the public safety
// equipment and a legend. Markers and writing stay upright and clear of each other (shared/map-layout.ts, as on
// the screens), and a plan that stands taller than wide once turned is printed on a portrait page, so it fills it.
// hono's `html` escapes every interpolated text, so labels cannot inject markup.
import { html } from 'hono/html';
import type { FloorPlan, Point, Poi, PoiType } from '../../shared/floor-plan.ts';
import type { Bounds } from '../../shared/geometry.ts';
import { type MapLayout, hereId, mapLayout, poiId } from '../../shared/map-layout.ts';
import { headsUpTurn } from '../../shared/map-orientation.ts';
import type { PlacedMarker } from '../../shared/map-placement.ts';
import { POI_MARKERS, PUBLIC_POI_TYPES } from '../../shared/poi-markers.ts';
import type { RouteResult } from '../../shared/routing.ts';
import { distanceInWords } from '../../shared/distances.ts';
import type { Units } from '../../shared/model.ts';

type RouteFound = Extract<RouteResult, { ok: true }>;

export interface DiagramInput {
  schoolName: string;
  /** Feet or metres, as the school tells distances. */
  units: Units;
  /** "Building · floor". */
  floorTitle: string;
  /** What the diagram is for: a screen's location or a room. */
  placeLabel: string;
  floor: FloorPlan;
  position: Point;
  facingDegrees: number;
  /** Best first: the primary route, then a secondary one to another exit. */
  routes: RouteFound[];
  /** Assembly points and reunification sites anywhere in the building. */
  gatheringPoints: Poi[];
  /** The map image as a data: URL with its writing upright (and where that writing lies), or null when the floor has none. */
  mapImage: { href: string; labels: Bounds[] } | null;
  generatedAt: Date;
  timeZone: string;
}

const ROUTE_STYLES = [
  { colour: '#15803d', dash: 'none', name: 'Primary route' },
  { colour: '#c2410c', dash: '18 12', name: 'Secondary route' },
] as const;

const LEGEND_TYPES: readonly PoiType[] = ['exit', 'aed', 'extinguisher', 'fire-alarm-pull-station', 'first-aid-kit', 'stairs', 'assembly-point'];
const LEGEND_NAMES: Partial<Record<PoiType, string>> = {
  exit: 'Exit',
  aed: 'AED (defibrillator)',
  extinguisher: 'Fire extinguisher',
  'fire-alarm-pull-station': 'Fire alarm pull station',
  'first-aid-kit': 'First aid kit',
  stairs: 'Stairs',
  'assembly-point': 'Assembly point',
};

function marker(type: PoiType, size: number) {
  const { colour, glyph } = POI_MARKERS[type];
  const half = size / 2;
  return html`<rect x="${-half}" y="${-half}" width="${size}" height="${size}" rx="${size * 0.18}" fill="${colour}" stroke="#fff" stroke-width="${size * 0.08}"/>
    <svg x="${-half * 0.8}" y="${-half * 0.8}" width="${size * 0.8}" height="${size * 0.8}" viewBox="0 0 24 24"><path d="${glyph}" fill="#fff"/></svg>`;
}

/** Markers and writing are sized to the plan, so a small annex and a large campus print alike. */
const unitOf = (floor: FloorPlan) => Math.max(floor.width, floor.height) / 55;

function layoutOf(input: DiagramInput): MapLayout {
  const { floor } = input;
  const unit = unitOf(floor);
  const visible = new Set<PoiType>(PUBLIC_POI_TYPES);
  const routes = input.routes.slice(0, 2).map((route) => route.path.filter((step) => step.floorId === floor.floorId).map((step) => step.position));
  return mapLayout({
    floor,
    turn: headsUpTurn(input.facingDegrees),
    sizes: { marker: unit * 1.3, target: unit * 1.9, here: unit * 1.25, label: unit * 0.9, hereLabel: unit * 1.1 },
    pois: floor.pois.filter((poi) => visible.has(poi.type)),
    targets: new Set(input.routes.slice(0, 2).map((r) => r.target.poi.id)),
    here: { position: input.position, label: 'YOU ARE HERE' },
    hazardTags: [],
    routes,
    planLabels: input.mapImage?.labels ?? [],
  });
}

function placedSvg(placed: PlacedMarker, unit: number, types: ReadonlyMap<string, PoiType>) {
  const { request, label } = placed;
  const writing = label
    ? html`<text x="${label.x}" y="${label.baseline}" text-anchor="middle" font-size="${label.fontSize}" font-weight="${placed.id === hereId ? 900 : 800}"
        fill="${placed.id === hereId ? '#b91c1c' : '#14532d'}" stroke="#fff" stroke-width="${unit * 0.25}" paint-order="stroke" data-label="${placed.id}">${label.lines.map(
          (line, i) => html`<tspan x="${label.x}" dy="${i === 0 ? 0 : label.lineHeight}">${line}</tspan>`,
        )}</text>`
    : '';
  const size = request.radius * 2 * placed.scale;
  const shape =
    placed.id === hereId
      ? html`<circle cx="${placed.at.x}" cy="${placed.at.y}" r="${size * 0.44}" fill="#dc2626" stroke="#fff" stroke-width="${unit * 0.3}"/>`
      : html`${placed.nudged
          ? html`<line x1="${request.at.x}" y1="${request.at.y}" x2="${placed.at.x}" y2="${placed.at.y}" stroke="#334155" stroke-width="${unit * 0.1}"/><circle cx="${request.at.x}" cy="${request.at.y}" r="${unit * 0.2}" fill="#334155"/>`
          : ''}<g transform="translate(${placed.at.x} ${placed.at.y})">${marker(types.get(placed.id)!, size)}</g>`;
  return html`${shape}${writing}`;
}

function mapSvg(input: DiagramInput, layout: MapLayout) {
  const { floor } = input;
  const unit = unitOf(floor);
  const turn = headsUpTurn(input.facingDegrees);
  const routes = input.routes.slice(0, 2).map((route, index) => {
    const style = ROUTE_STYLES[index]!;
    const points = route.path.filter((step) => step.floorId === floor.floorId).map((step) => `${step.position.x},${step.position.y}`).join(' ');
    return html`<polyline points="${points}" fill="none" stroke="#fff" stroke-width="${unit * 1.1}" stroke-linejoin="round" stroke-linecap="round"/>
      <polyline points="${points}" fill="none" stroke="${style.colour}" stroke-width="${unit * 0.6}" stroke-dasharray="${style.dash}" stroke-linejoin="round" stroke-linecap="round"/>`;
  });
  const types = new Map(floor.pois.map((poi) => [poiId(poi.id), poi.type]));
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${layout.viewBox}" preserveAspectRatio="xMidYMid meet">
    <g transform="rotate(${-turn})">
      <rect width="${floor.width}" height="${floor.height}" fill="#fff"/>
      ${input.mapImage ? html`<image href="${input.mapImage.href}" width="${floor.width}" height="${floor.height}"/>` : ''}
      ${routes}
    </g>
    ${[...layout.placement.placed].reverse().map((placed) => placedSvg(placed, unit, types))}
  </svg>`;
}

export function diagramHtml(input: DiagramInput): string {
  const [primary, secondary] = input.routes;
  const layout = layoutOf(input);
  // A plan that stands taller than wide once turned fills a portrait page twice as well as a landscape one.
  const portrait = layout.view.maxY - layout.view.minY > layout.view.maxX - layout.view.minX;
  const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: input.timeZone }).format(input.generatedAt);
  const routeLine = (route: RouteFound | undefined, index: number) =>
    route
      ? html`<li><span class="swatch" style="border-color:${ROUTE_STYLES[index]!.colour};border-style:${index === 0 ? 'solid' : 'dashed'}"></span>
          <strong>${ROUTE_STYLES[index]!.name}:</strong> ${route.target.poi.label}, about ${distanceInWords(route.metres, input.units)}${route.floors.length > 1 ? ' (by the stairs)' : ''}</li>`
      : '';
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Evacuation diagram: ${input.placeLabel}</title>
<style>
  @page { size: letter ${portrait ? 'portrait' : 'landscape'}; margin: 0.4in; }
  body { margin: 0; font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #0f172a; }
  .sheet { display: grid; grid-template-columns: 1fr 2.6in; grid-template-rows: auto minmax(0, 1fr) auto; gap: 0.2in; height: ${portrait ? '10.1in' : '7.6in'}; overflow: hidden; }
  header { grid-column: 1 / -1; display: flex; justify-content: space-between; align-items: baseline; border-bottom: 4px solid #15803d; padding-bottom: 0.08in; }
  h1 { margin: 0; font-size: 26pt; }
  h1 small { font-size: 14pt; font-weight: 600; color: #334155; }
  .map { border: 2px solid #334155; min-height: 0; overflow: hidden; }
  .map svg { width: 100%; height: 100%; display: block; }
  aside { font-size: 9.5pt; display: flex; flex-direction: column; gap: 0.1in; min-height: 0; overflow: hidden; }
  aside h2 { margin: 0; font-size: 12pt; text-transform: uppercase; letter-spacing: 0.04em; color: #334155; }
  ul { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.06in; }
  .swatch { display: inline-block; width: 0.4in; height: 0; border-top-width: 4px; vertical-align: middle; margin-right: 0.06in; }
  .legend { grid-template-columns: 1fr 1fr; }
  .legend li { display: flex; align-items: center; gap: 0.06in; font-size: 8.5pt; }
  .legend svg { width: 0.22in; height: 0.22in; }
  .here { font-size: 12pt; font-weight: 800; color: #b91c1c; }
  .rules { font-weight: 700; }
  footer { grid-column: 1 / -1; font-size: 8pt; color: #475569; }
</style></head>
<body><div class="sheet">
  <header><h1>Evacuation diagram <small>${input.schoolName} · ${input.floorTitle}</small></h1></header>
  <div class="map" data-orientation="${portrait ? 'portrait' : 'landscape'}">${mapSvg(input, layout)}</div>
  <aside>
    <div><h2>You are here</h2><div class="here" data-test="place">${input.placeLabel}</div></div>
    <div><h2>Routes</h2><ul>${routeLine(primary, 0)}${routeLine(secondary, 1)}${primary ? '' : html`<li><strong>No route to an exit is known from here.</strong></li>`}</ul></div>
    ${input.gatheringPoints.length > 0 ? html`<div><h2>Assembly</h2><ul>${input.gatheringPoints.map((p) => html`<li>${p.label}</li>`)}</ul></div>` : ''}
    <div class="rules">Walk, do not run. Do not use elevators. Close doors behind you. Report to your teacher at the assembly point.</div>
    <div><h2>Legend</h2><ul class="legend">
      <li><svg viewBox="-12 -12 24 24"><circle r="8" fill="#dc2626" stroke="#fff" stroke-width="3"/></svg> You are here</li>
      ${LEGEND_TYPES.map((type) => html`<li><svg viewBox="-12 -12 24 24">${marker(type, 22)}</svg> ${LEGEND_NAMES[type] ?? type}</li>`)}
    </ul></div>
  </aside>
  <footer>Generated by Muster from the school's current floor plans on ${when}. The map is turned so that the
    direction you face when reading this sheet is up. Check it against the evacuation plan approved by your
    fire authority; Muster does not replace it.</footer>
</div></body></html>`;
  // Every interpolation above is synchronous, so the template is a string, never a promise.
  return String(page as unknown as string);
}
