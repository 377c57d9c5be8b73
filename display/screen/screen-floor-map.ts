// <screen-floor-map>: a floor's map with "You are here", the public points of interest (exits, AEDs,
// extinguishers...), hazards the office marked, and the route to follow. Confidential points (cameras, hardened
// corners...) never reach a screen (the hub leaves them out, shared/confidential-points.ts); drawing only the public
// kinds keeps them off the map even if a plan held one.
// The map is turned "heads-up": the direction the reader faces is up, so the route on the map and the big arrow
// beside it agree (a north-up map read facing south sends people the wrong way). It turns in quarter turns so the
// plan keeps filling its frame. Only the geometry turns: markers and labels are drawn upright where their spots
// land (shared/map-layout.ts places them clear of each other), and the writing in an SVG map is turned back
// upright (shared/upright-map-labels.ts) in a copy of the image made on the screen.
import { LitElement, css, nothing, svg, type PropertyValues, type SVGTemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FloorPlan, PoiType, ScreenSpot } from '../../shared/floor-plan.ts';
import { pointsAlong, type Bounds } from '../../shared/geometry.ts';
import { type MapLayout, mapLayout, middleOf, placedThing } from '../../shared/map-layout.ts';
import { headsUpTurn, type QuarterTurn } from '../../shared/map-orientation.ts';
import type { PlacedMarker } from '../../shared/map-placement.ts';
import type { Hazards, Language } from '../../shared/model.ts';
import { POI_MARKERS, PUBLIC_POI_TYPES } from '../../shared/poi-markers.ts';
import { nameIn } from '../../shared/translations.ts';
import type { RouteResult } from '../../shared/routing.ts';
import { uprightMapLabels } from '../../shared/upright-map-labels.ts';
import { SCREEN_WORDS } from './screen-words.ts';

/** A copy of an SVG map with its writing turned upright for one turn, and where that writing lies. */
interface UprightImage {
  key: string;
  href: string;
  labels: Bounds[];
}

/**
 * Upright copies by plan, image and turn, made once per page: a screen draws a new map element at every change of
 * view (normal, each mode), and parsing and turning an SVG plan again each time would sit on the path to the paint.
 * A screen has a few plans at most, so the copies are kept for the page's life.
 */
const uprightCopies = new Map<string, Promise<UprightImage | null>>();
/** The copies made so far, for a new map element to draw its first paint with (and lay out its labels once). */
const uprightReady = new Map<string, UprightImage>();

function uprightCopy(key: string, floor: FloorPlan, turn: QuarterTurn): Promise<UprightImage | null> {
  let copy = uprightCopies.get(key);
  if (!copy) {
    // On a screen's very first load the service worker does not control the page yet, so this fetch does not reach
    // its cache: such a copy is not kept, and the next map element fetches again, through the worker, for offline.
    const keep = typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller;
    copy = fetch(`/maps/${floor.image!.file}`)
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`map ${response.status}`))))
      .then((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        if (doc.documentElement.localName !== 'svg') return null;
        const labels = uprightMapLabels<Element>(doc.documentElement, turn, floor.width, floor.height).map((label) => label.box);
        const blob = new Blob([new XMLSerializer().serializeToString(doc)], { type: 'image/svg+xml' });
        const made = { key, href: URL.createObjectURL(blob), labels };
        if (keep) uprightReady.set(key, made);
        else uprightCopies.delete(key);
        return made;
      })
      .catch(() => {
        // Not now (offline, say): the next map element tries again.
        uprightCopies.delete(key);
        return null;
      });
    uprightCopies.set(key, copy);
  }
  return copy;
}

@customElement('screen-floor-map')
export class ScreenFloorMap extends LitElement {
  static override styles = css`
    :host {
      display: block;
      min-width: 0;
      min-height: 0;
    }
    svg {
      display: block;
      width: 100%;
      height: 100%;
    }
    .label {
      font-family: system-ui, sans-serif;
      font-weight: 900;
      paint-order: stroke;
      stroke: #fff;
      stroke-linejoin: round;
    }
    .route {
      fill: none;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    /* The way's direction is drawn, not animated: a moving line would have the screen paint every frame, for as long
       as the route shows (half a core of a small player, and the next mode's paint waits behind it). */
    .chevrons {
      fill: none;
      stroke: #fff;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
  `;

  @property({ attribute: false }) floor!: FloorPlan;
  /** Where this screen hangs; null for a plan of another floor (a slide): north up, no "you are here". */
  @property({ attribute: false }) spot: ScreenSpot | null = null;
  @property({ attribute: false }) route: RouteResult | null = null;
  @property({ attribute: false }) hazards: Hazards = { areaIds: [], blockedPoiIds: [] };
  @property() language: Language = 'en';
  /** Show shelter areas (shelter mode) as well as the everyday public points. */
  @property({ type: Boolean }) shelters = false;
  /** A faint route in normal times; a bold one during an evacuation. */
  @property({ type: Boolean }) urgent = false;

  /** The plan's SVG with upright writing, once made; until then (and for PNG or JPEG maps) the image as stored. */
  @state() private _upright: UprightImage | null = null;

  get turn(): QuarterTurn {
    return this.spot ? headsUpTurn(this.spot.facingDegrees) : 0;
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('floor') || changed.has('spot')) this.#makeUpright();
  }

  /** The key of the upright copy this plan and turn need, or null when the stored image does (none, or not SVG). */
  get #uprightKey(): string | null {
    const image = this.floor?.image;
    return image?.kind === 'svg' ? `${image.file} ${this.turn} ${this.floor.width}×${this.floor.height}` : null;
  }

  /** The upright copy when it is the one the current plan and turn need. */
  get #upright(): UprightImage | null {
    return this._upright && this._upright.key === this.#uprightKey ? this._upright : null;
  }

  #makeUpright() {
    const key = this.#uprightKey;
    if (key === this._upright?.key) return;
    this._upright = (key && uprightReady.get(key)) || null;
    if (!key || this._upright) return;
    // The map is drawn at once from the stored image; the upright copy replaces it when ready, and a failure
    // (offline without a cached copy, an unreadable file) leaves the stored image in place.
    void uprightCopy(key, this.floor, this.turn).then((copy) => {
      if (copy && this.#uprightKey === key) this._upright = copy;
    });
  }

  override render() {
    const { floor } = this;
    const turn = this.turn;
    // Markers are sized to the map, so a small annex plan and a large campus read the same from 10 m.
    const unit = Math.max(floor.width, floor.height) / 50;
    const words = SCREEN_WORDS[this.language];
    const layout = this.#layout(unit);
    const upright = this.#upright;
    const href = upright?.href ?? (floor.image ? `/maps/${floor.image.file}` : null);
    return svg`<svg viewBox=${layout.viewBox} preserveAspectRatio="xMidYMid meet" role="img" data-turn=${turn}
      aria-label=${words.mapOf(floor.floorId)} data-test="floor-map" data-floor=${floor.floorId} data-upright-image=${upright ? 'true' : 'false'}>
      <defs>
        <pattern id="hazard-hatch" width="16" height="16" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="16" height="16" fill="rgb(220 38 38 / 0.35)"></rect>
          <rect width="7" height="16" fill="rgb(220 38 38 / 0.55)"></rect>
        </pattern>
      </defs>
      <g transform="rotate(${-turn})">
        <rect width=${floor.width} height=${floor.height} fill="#f8fafc"></rect>
        ${href ? svg`<image href=${href} width=${floor.width} height=${floor.height} data-test="map-image"></image>` : nothing}
        ${this.#hazardAreas(unit)}
        ${this.#route(unit)}
      </g>
      <g data-test="map-overlay">${[...layout.placement.placed].reverse().map((placed) => this.#placed(placed, unit))}</g>
    </svg>`;
  }

  #visiblePois() {
    const visible = new Set<PoiType>(PUBLIC_POI_TYPES);
    if (this.shelters) visible.add('shelter-area');
    return this.floor.pois.filter((poi) => visible.has(poi.type));
  }

  /** The exit (or shelter) the route ends at, when it is on this floor. */
  get #targetId(): string | null {
    const route = this.route;
    return route?.ok && route.target.floorId === this.floor.floorId ? route.target.poi.id : null;
  }

  #routeLine() {
    const route = this.route;
    if (!route?.ok) return [];
    return route.path.filter((step) => step.floorId === this.floor.floorId).map((step) => step.position);
  }

  #layout(unit: number): MapLayout {
    const words = SCREEN_WORDS[this.language];
    const marked = new Set(this.hazards.areaIds);
    return mapLayout({
      floor: this.floor,
      turn: this.turn,
      sizes: { marker: unit * 1.6, target: unit * 2.4, here: unit * 1.45, label: unit * 1.1, hereLabel: unit * 1.2 },
      // The school's own names in the screen's language.
      pois: this.#visiblePois().map((poi) => ({ ...poi, label: nameIn(poi, this.language) })),
      targets: new Set(this.#targetId ? [this.#targetId] : []),
      here: this.spot ? { position: this.spot.position, label: words.youAreHere } : null,
      hazardTags: this.floor.areas.filter((area) => marked.has(area.id)).map((area) => ({ id: area.id, at: middleOf(area.polygon), text: words.hazard })),
      routes: [this.#routeLine()],
      planLabels: this.#upright?.labels ?? [],
    });
  }

  #hazardAreas(unit: number) {
    const marked = new Set(this.hazards.areaIds);
    return this.floor.areas
      .filter((area) => marked.has(area.id))
      .map(
        (area) => svg`<polygon data-test="hazard-area" data-area=${area.id} points=${area.polygon.map((p) => `${p.x},${p.y}`).join(' ')}
          fill="url(#hazard-hatch)" stroke="#b91c1c" stroke-width=${unit * 0.2}></polygon>`,
      );
  }

  #route(unit: number) {
    const route = this.route;
    const points = this.#routeLine().map((p) => `${p.x},${p.y}`);
    if (!route?.ok || points.length < 2) return nothing;
    const width = this.urgent ? unit * 0.9 : unit * 0.45;
    const colour = this.urgent ? '#1d4ed8' : '#2563eb';
    // Chevrons along the line point the way; their bearing is on the plan, which the group turns with the map.
    const size = width * 0.45;
    const chevrons = pointsAlong(this.#routeLine(), unit * (this.urgent ? 3 : 4)).map(({ x, y, bearing }) => {
      // Forward along the way (bearing 0 is map up, y down) and across it.
      const radians = (bearing * Math.PI) / 180;
      const [fx, fy] = [Math.sin(radians) * size * 0.5, -Math.cos(radians) * size * 0.5];
      const [ax, ay] = [-fy * 2, fx * 2];
      return `M${x - fx + ax} ${y - fy + ay}L${x + fx} ${y + fy}L${x - fx - ax} ${y - fy - ay}`;
    });
    return svg`<g data-test="route" data-target=${route.target.poi.id} opacity=${this.urgent ? 1 : 0.7}>
      <polyline class="route" points=${points.join(' ')} stroke="#fff" stroke-width=${width + unit * 0.5}></polyline>
      <polyline class="route" points=${points.join(' ')} stroke=${colour} stroke-width=${width}></polyline>
      <path class="chevrons" data-test="route-chevrons" d=${chevrons.join('')} stroke-width=${width * 0.28}></path>
    </g>`;
  }

  #placed(placed: PlacedMarker, unit: number): SVGTemplateResult | typeof nothing {
    const { id, label } = placed;
    const thing = placedThing(id);
    const text = label
      ? svg`<text class="label" data-test="map-label" data-for=${id} x=${label.x} y=${label.baseline} text-anchor="middle"
          font-size=${label.fontSize} fill=${thing.kind === 'here' ? '#b91c1c' : thing.kind === 'hazard' ? '#991b1b' : '#1e3a8a'}
          stroke-width=${unit * 0.3}>${label.lines.map((line, i) => svg`<tspan x=${label.x} dy=${i === 0 ? 0 : label.lineHeight}>${line}</tspan>`)}</text>`
      : nothing;
    if (thing.kind === 'here') return svg`${this.#youAreHere(placed, unit)}${text}`;
    if (thing.kind === 'hazard') return text;
    return svg`${this.#marker(placed, thing.poiId, unit)}${text}`;
  }

  #marker(placed: PlacedMarker, poiId: string, unit: number): SVGTemplateResult {
    const poi = this.floor.pois.find((p) => p.id === poiId)!;
    const marker = POI_MARKERS[poi.type];
    const blocked = this.hazards.blockedPoiIds.includes(poi.id);
    const isTarget = poi.id === this.#targetId;
    const size = placed.request.radius * 2 * placed.scale;
    const half = size / 2;
    const spot = placed.request.at;
    // A nudged marker keeps a thin line back to where the thing really is.
    const leader = placed.nudged
      ? svg`<line x1=${spot.x} y1=${spot.y} x2=${placed.at.x} y2=${placed.at.y} stroke="#334155" stroke-width=${unit * 0.12}></line>
          <circle cx=${spot.x} cy=${spot.y} r=${unit * 0.22} fill="#334155"></circle>`
      : nothing;
    return svg`${leader}<g transform="translate(${placed.at.x} ${placed.at.y})" data-test="poi" data-poi=${poi.id} data-type=${poi.type}
        data-blocked=${blocked ? 'true' : 'false'} data-nudged=${placed.nudged ? 'true' : 'false'}>
      ${isTarget ? svg`<circle r=${half * 0.92} fill="none" stroke="#1d4ed8" stroke-width=${unit * 0.3}></circle>` : nothing}
      <rect x=${-half * (isTarget ? 0.62 : 1)} y=${-half * (isTarget ? 0.62 : 1)} width=${size * (isTarget ? 0.62 : 1)} height=${size * (isTarget ? 0.62 : 1)}
        rx=${size * 0.1} fill=${blocked ? '#64748b' : marker.colour} stroke="#fff" stroke-width=${unit * 0.15}></rect>
      <svg x=${-half * (isTarget ? 0.5 : 0.8)} y=${-half * (isTarget ? 0.5 : 0.8)} width=${size * (isTarget ? 0.5 : 0.8)} height=${size * (isTarget ? 0.5 : 0.8)} viewBox="0 0 24 24"><path d=${marker.glyph} fill="#fff"></path></svg>
      ${blocked ? svg`<path data-test="blocked-cross" d="M${-half} ${-half}L${half} ${half}M${half} ${-half}L${-half} ${half}" stroke="#dc2626" stroke-width=${unit * 0.4}></path>` : nothing}
    </g>`;
  }

  #youAreHere(placed: PlacedMarker, unit: number) {
    const { facingDegrees } = this.spot!;
    const r = placed.request.radius / 1.6;
    // The cone shows where the reader looks: up, give or take the rounding to a quarter turn.
    return svg`<g transform="translate(${placed.at.x} ${placed.at.y})" data-test="you-are-here">
      <path d="M0 0 L${-r * 1.3} ${-r * 3} A ${r * 3.3} ${r * 3.3} 0 0 1 ${r * 1.3} ${-r * 3} Z" fill="rgb(220 38 38 / 0.25)" transform="rotate(${facingDegrees - this.turn})"></path>
      <circle r=${r * 1.6} fill="rgb(220 38 38 / 0.25)"></circle>
      <circle r=${r} fill="#dc2626" stroke="#fff" stroke-width=${unit * 0.3}></circle>
    </g>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-floor-map': ScreenFloorMap;
  }
}
