// <screen-floor-map>: a floor's map with "You are here", the public points of interest (exits, AEDs,
// extinguishers...), hazards the office marked, and the route to follow. Drawn as one SVG over the map image,
// in the map's own coordinates. Security-sensitive points (cameras, hardened corners...) are never shown here.
// The map is turned "heads-up": the direction the reader faces is up, so the route on the map and the big
// arrow beside it agree (a north-up map read facing south sends people the wrong way). It turns in quarter
// turns so the plan keeps filling its frame; our own markers and labels stay upright.
import { LitElement, css, nothing, svg, type SVGTemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { FloorPlan, Poi, PoiType, ScreenSpot } from '../../shared/floor-plan.ts';
import type { Hazards, Language } from '../../shared/model.ts';
import type { RouteResult } from '../../shared/routing.ts';
import { headsUpTurn, turnedViewBox } from '../../shared/map-orientation.ts';
import { POI_MARKERS, PUBLIC_POI_TYPES } from '../../shared/poi-markers.ts';
import { nameIn } from '../../shared/translations.ts';
import { SCREEN_WORDS } from './screen-words.ts';

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
    .route-line {
      stroke-dasharray: 1 0;
      animation: march 1.2s linear infinite;
    }
    @keyframes march {
      to {
        stroke-dashoffset: -60;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .route-line {
        animation: none;
      }
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
  /** A faint route in normal times; a bold, moving one during an evacuation. */
  @property({ type: Boolean }) urgent = false;

  get turn(): 0 | 90 | 180 | 270 {
    return this.spot ? headsUpTurn(this.spot.facingDegrees) : 0;
  }

  override render() {
    const { floor } = this;
    // Markers are sized to the map, so a small annex plan and a large campus read the same from 10 m.
    const unit = Math.max(floor.width, floor.height) / 50;
    const turn = this.turn;
    const viewBox = turnedViewBox(floor.width, floor.height, turn);
    return svg`<svg viewBox=${viewBox} preserveAspectRatio="xMidYMid meet" role="img" data-turn=${turn}
      aria-label=${SCREEN_WORDS[this.language].mapOf(floor.floorId)} data-test="floor-map" data-floor=${floor.floorId}>
      <defs>
        <pattern id="hazard-hatch" width="16" height="16" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="16" height="16" fill="rgb(220 38 38 / 0.35)"></rect>
          <rect width="7" height="16" fill="rgb(220 38 38 / 0.55)"></rect>
        </pattern>
      </defs>
      <g transform="rotate(${-turn})">
        <rect width=${floor.width} height=${floor.height} fill="#f8fafc"></rect>
        ${floor.image ? svg`<image href="/maps/${floor.image.file}" width=${floor.width} height=${floor.height}></image>` : nothing}
        ${this.#hazardAreas(unit)}
        ${this.#route(unit)}
        ${this.#pois(unit)}
        ${this.spot ? this.#youAreHere(this.spot, unit) : nothing}
      </g>
    </svg>`;
  }

  #hazardAreas(unit: number) {
    const marked = new Set(this.hazards.areaIds);
    return this.floor.areas
      .filter((area) => marked.has(area.id))
      .map((area) => {
        const points = area.polygon.map((p) => `${p.x},${p.y}`).join(' ');
        const cx = area.polygon.reduce((sum, p) => sum + p.x, 0) / area.polygon.length;
        const cy = area.polygon.reduce((sum, p) => sum + p.y, 0) / area.polygon.length;
        return svg`<g data-test="hazard-area" data-area=${area.id}>
          <polygon points=${points} fill="url(#hazard-hatch)" stroke="#b91c1c" stroke-width=${unit * 0.2}></polygon>
          <text class="label" x=${cx} y=${cy} transform="rotate(${this.turn} ${cx} ${cy})" text-anchor="middle" dominant-baseline="middle" font-size=${unit * 1.1}
            fill="#991b1b" stroke-width=${unit * 0.3}>${SCREEN_WORDS[this.language].hazard}</text>
        </g>`;
      });
  }

  #route(unit: number) {
    const route = this.route;
    if (!route?.ok) return nothing;
    const points = route.path.filter((step) => step.floorId === this.floor.floorId).map((step) => `${step.position.x},${step.position.y}`);
    if (points.length < 2) return nothing;
    const width = this.urgent ? unit * 0.9 : unit * 0.45;
    const colour = this.urgent ? '#1d4ed8' : '#2563eb';
    const dash = this.urgent ? `${unit * 1.4} ${unit * 0.8}` : `${unit * 0.6} ${unit * 0.6}`;
    return svg`<g data-test="route" data-target=${route.target.poi.id} opacity=${this.urgent ? 1 : 0.7}>
      <polyline class="route" points=${points.join(' ')} stroke="#fff" stroke-width=${width + unit * 0.5}></polyline>
      <polyline class="route route-line" points=${points.join(' ')} stroke=${colour} stroke-width=${width} stroke-dasharray=${dash}></polyline>
    </g>`;
  }

  #pois(unit: number) {
    const visible = new Set<PoiType>(PUBLIC_POI_TYPES);
    if (this.shelters) visible.add('shelter-area');
    const blocked = new Set(this.hazards.blockedPoiIds);
    const target = this.route?.ok ? this.route.target.poi.id : null;
    return this.floor.pois.filter((poi) => visible.has(poi.type)).map((poi) => this.#marker(poi, unit, blocked.has(poi.id), poi.id === target));
  }

  #marker(poi: Poi, unit: number, blocked: boolean, isTarget: boolean): SVGTemplateResult {
    const marker = POI_MARKERS[poi.type];
    const size = unit * (isTarget ? 2.4 : 1.6);
    const half = size / 2;
    return svg`<g transform="translate(${poi.position.x} ${poi.position.y}) rotate(${this.turn})" data-test="poi" data-poi=${poi.id} data-type=${poi.type}>
      ${isTarget ? svg`<circle r=${size} fill="none" stroke="#1d4ed8" stroke-width=${unit * 0.35}></circle>` : nothing}
      <rect x=${-half} y=${-half} width=${size} height=${size} rx=${size * 0.18} fill=${blocked ? '#64748b' : marker.colour} stroke="#fff" stroke-width=${unit * 0.15}></rect>
      <svg x=${-half * 0.8} y=${-half * 0.8} width=${size * 0.8} height=${size * 0.8} viewBox="0 0 24 24"><path d=${marker.glyph} fill="#fff"></path></svg>
      ${blocked ? svg`<path d="M${-half} ${-half}L${half} ${half}M${half} ${-half}L${-half} ${half}" stroke="#dc2626" stroke-width=${unit * 0.4}></path>` : nothing}
      ${isTarget ? svg`<text class="label" y=${-size * 1.15} text-anchor="middle" font-size=${unit * 1.1} fill="#1e3a8a" stroke-width=${unit * 0.3}>${nameIn(poi, this.language)}</text>` : nothing}
    </g>`;
  }

  #youAreHere(spot: ScreenSpot, unit: number) {
    const { position, facingDegrees } = spot;
    const r = unit * 0.9;
    // Drawn upright after the turn; the cone shows where the reader looks (up, give or take the rounding).
    return svg`<g transform="translate(${position.x} ${position.y}) rotate(${this.turn})" data-test="you-are-here">
      <path d="M0 0 L${-r * 1.3} ${-r * 3} A ${r * 3.3} ${r * 3.3} 0 0 1 ${r * 1.3} ${-r * 3} Z" fill="rgb(220 38 38 / 0.25)" transform="rotate(${facingDegrees - this.turn})"></path>
      <circle r=${r * 1.6} fill="rgb(220 38 38 / 0.25)"></circle>
      <circle r=${r} fill="#dc2626" stroke="#fff" stroke-width=${unit * 0.3}></circle>
      <text class="label" y=${r * 3.2} text-anchor="middle" font-size=${unit * 1.2} fill="#b91c1c" stroke-width=${unit * 0.35}>${SCREEN_WORDS[this.language].youAreHere}</text>
    </g>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-floor-map': ScreenFloorMap;
  }
}
