// <screen-normal-view>: what a hallway screen shows in normal times: the school, the time, where it hangs.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Slide } from '../../shared/content.ts';
import type { Wayfinding } from '../../shared/floor-plan.ts';
import { NO_WORDINGS, type ModeWordings } from '../../shared/mode-texts.ts';
import type { Hazards, Language } from '../../shared/model.ts';
import type { RouteResult } from '../../shared/routing.ts';
import type { ScreenProfile, SiteProfile } from '../../shared/protocol.ts';
import { planAspect, type ScreenPlace } from './screen-routes.ts';
import { SCREEN_WORDS } from './screen-words.ts';
import { clockTime, longDate } from './time-format.ts';
import './screen-floor-map.ts';
import './screen-route-panel.ts';
import './screen-slides.ts';

@customElement('screen-normal-view')
export class ScreenNormalView extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      inset: 0;
      display: grid;
      /* One column as wide as the screen: what is in it never widens it past the edge. */
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto minmax(0, 1fr) auto;
      color: #f8fafc;
      /* One colour, not a gradient: a screen without a GPU draws a full-screen gradient pixel by pixel, about 7 ms of a
         1080p screen's every return to normal (the All Clear) here. */
      background: #132640;
      font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
    }
    header {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: 4vmin;
      padding: 4vmin 5vmin 0;
    }
    h1 {
      min-width: 0;
      margin: 0;
      font-size: clamp(24px, 6vmin, 96px);
      font-weight: 800;
    }
    /* The time is never cut or broken; the school's name wraps beside it. */
    .clock {
      flex: none;
      white-space: nowrap;
      font-size: clamp(32px, 10vmin, 160px);
      font-weight: 800;
      font-variant-numeric: tabular-nums;
    }
    /* Without a map: the date and the slide, centred in the height between the header and the footer; the slide
       takes no more than the date leaves it (see screen-slides: a longer one pages). */
    .center {
      display: flex;
      flex-direction: column;
      justify-content: center;
      gap: 3vmin;
      min-height: 0;
      padding: 0 5vmin;
    }
    .center > *,
    .side > * {
      flex: none;
    }
    /* The slide shrinks to the height left (its words then page: see screen-slides). */
    .center screen-slides,
    .side screen-slides {
      flex: 0 1 auto;
      min-height: 0;
    }
    /* The map as wide as the plan, turned heads-up, needs at this height (up to its old share, 2.2 : 1); the side
       takes the rest, so a tall plan leaves the words more room instead of floating in a wide white box. */
    .with-map {
      display: flex;
      gap: 3vmin;
      min-height: 0;
      padding: 2vmin 5vmin 0;
    }
    .with-map screen-floor-map {
      flex: none;
      height: 100%;
      aspect-ratio: var(--plan-aspect, 1.6);
      align-self: center;
      max-width: calc((100% - 3vmin) * 2.2 / 3.2);
      max-height: calc((100vw - 13vmin) * 2.2 / 3.2 / var(--plan-aspect, 1.6));
      border-radius: 1.5vmin;
      overflow: hidden;
      background: #f8fafc;
    }
    .side {
      flex: 1 1 0;
      min-width: 0;
      display: flex;
      flex-direction: column;
      justify-content: center;
      gap: 3vmin;
      /* The route comes first; the slide has the height left under it. */
      min-height: 0;
    }
    .side screen-slides {
      --slide-title-size: clamp(16px, 3.4vmin, 52px);
      --slide-body-size: clamp(14px, 2.6vmin, 40px);
    }
    /* The arrow beside where to go, not above it: the height is the slide's. */
    screen-route-panel {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      align-items: center;
      column-gap: 2.5vmin;
      row-gap: 0.6vmin;
      color: #bbf7d0;
      --arrow-size: 13vmin;
      --target-size: 5vmin;
    }
    screen-route-panel::part(arrow) {
      grid-row: 1 / span 4;
    }
    .side .date {
      font-size: clamp(16px, 3.6vmin, 60px);
    }
    @media (orientation: portrait) {
      /* Upright screens: the side below the map, which takes the height left, as wide as the plan needs there
         (never wider than the screen, nor taller than the plan is at that width). */
      .with-map {
        flex-direction: column;
        justify-content: center;
      }
      .with-map screen-floor-map {
        flex: 1 1 0;
        align-self: center;
        width: auto;
        height: auto;
        min-height: 0;
        max-width: 100%;
        max-height: calc((100vw - 10vmin) / var(--plan-aspect, 1.6));
        /* A long slide takes the room the map does not need, never the map itself. */
        min-height: min(45%, calc((100vw - 10vmin) / var(--plan-aspect, 1.6)));
      }
      .side {
        flex: 0 1 auto;
      }
    }
    .date {
      font-size: clamp(20px, 5vmin, 80px);
      font-weight: 600;
      opacity: 0.85;
    }
    .danger {
      margin: 0;
      padding: 1vmin 2.5vmin;
      border-radius: 1vmin;
      background: #fee2e2;
      color: #991b1b;
      font-size: clamp(18px, 4vmin, 64px);
      font-weight: 800;
      line-height: 1.15;
      overflow-wrap: anywhere;
    }
    footer {
      display: flex;
      justify-content: space-between;
      gap: 4vmin;
      padding: 2vmin 5vmin 4vmin;
      font-size: clamp(16px, 3.4vmin, 56px);
    }
    footer > :last-child {
      text-align: end;
    }
    .here {
      font-weight: 700;
    }
    .here::before {
      content: '';
      display: inline-block;
      width: 0.7em;
      height: 0.7em;
      margin-right: 0.4em;
      border-radius: 50%;
      background: #ef4444;
      box-shadow: 0 0 0 0.15em #fff;
    }
  `;

  @property({ attribute: false }) site: SiteProfile | null = null;
  @property({ attribute: false }) profile: ScreenProfile | null = null;
  @property() language: Language = 'en';
  @property({ attribute: false }) now = Date.now();
  @property({ attribute: false }) place: ScreenPlace | null = null;
  @property({ attribute: false }) route: RouteResult | null = null;
  @property({ attribute: false }) hazards: Hazards = { areaIds: [], blockedPoiIds: [] };
  @property({ attribute: false }) slides: readonly Slide[] = [];
  /** This building's floor plans (floor-plan slides). */
  @property({ attribute: false }) plan: { wayfinding: Wayfinding } | null = null;
  @property({ attribute: false }) wordings: ModeWordings = NO_WORDINGS;
  /** Names of the marked hazard areas the screen stands in. */
  @property({ attribute: false }) hazardHere: readonly string[] = [];

  #slides() {
    return html`<screen-slides
      .slides=${this.slides}
      .now=${this.now}
      .timeZone=${this.site?.timeZone}
      .language=${this.language}
      .wordings=${this.wordings}
      .plan=${this.plan}
      .hazards=${this.hazards}
    ></screen-slides>`;
  }

  override render() {
    const timeZone = this.site?.timeZone;
    const profile = this.profile;
    return html`
      <header>
        <h1 data-test="school-name">${this.site?.name ?? 'Muster'}</h1>
        <div class="clock" data-test="clock">${clockTime(this.now, this.language, timeZone)}</div>
      </header>
      ${this.place
        ? html`<div class="with-map" style="--plan-aspect: ${planAspect(this.place).toFixed(3)}">
            <screen-floor-map .floor=${this.place.floor} .spot=${this.place.spot} .route=${this.route} .hazards=${this.hazards} .language=${this.language}></screen-floor-map>
            <div class="side">
              <div class="date">${longDate(this.now, this.language, timeZone)}</div>
              ${this.hazardHere.length > 0
                ? html`<p class="danger" data-test="in-hazard" role="alert">${SCREEN_WORDS[this.language].inHazard(this.hazardHere.join(', '), this.route?.ok === true)}</p>`
                : nothing}
              <screen-route-panel .route=${this.route} .language=${this.language} .units=${this.site?.units ?? 'metres'} .heading=${SCREEN_WORDS[this.language].nearestExit}></screen-route-panel>
              ${this.#slides()}
            </div>
          </div>`
        : html`<div class="center">
            <div class="date">${longDate(this.now, this.language, timeZone)}</div>
            ${this.#slides()}
          </div>`}
      <footer>
        ${profile
          ? html`<span class="here" data-test="location">${profile.location || profile.name}</span>
              <span>${profile.buildingName} · ${profile.floorName}${profile.zoneName ? ` · ${profile.zoneName}` : nothing}</span>`
          : nothing}
      </footer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-normal-view': ScreenNormalView;
  }
}
