// <screen-mode-takeover>: the full-screen emergency view, readable from 10 m. Drawn only from local data
// (the mode catalogue is in the bundle), so it depends on nothing that can fail.
import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ActiveMode, Hazards, Language, Units } from '../../shared/model.ts';
import type { RouteResult } from '../../shared/routing.ts';
import { NO_WORDINGS, type ModeWordings } from '../../shared/mode-texts.ts';
import { MODE_CATALOGUE, modeTextFor, type ModeText } from '../../shared/modes.ts';
import type { ScreenPlace } from './screen-routes.ts';
import { SCREEN_WORDS, type ScreenWords } from './screen-words.ts';
import './screen-floor-map.ts';
import './screen-route-panel.ts';
import { clockTime, elapsed } from './time-format.ts';

@customElement('screen-mode-takeover')
export class ScreenModeTakeover extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      inset: 0;
      display: flex;
      flex-direction: column;
      color: #fff;
      background: var(--mode-color);
      font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
      z-index: 10;
    }
    .drill {
      flex: none;
      display: flex;
      justify-content: center;
      align-items: baseline;
      gap: 3vmin;
      padding: 1.2vmin 2vmin;
      color: #111;
      font-weight: 900;
      font-size: min(6vmin, 7vw, 96px);
      letter-spacing: 0.08em;
      white-space: nowrap;
      overflow: hidden;
      background: repeating-linear-gradient(-45deg, #facc15 0 4vmin, #fde68a 4vmin 8vmin);
    }
    .drill small {
      font-size: 0.5em;
      letter-spacing: 0;
      font-weight: 800;
    }
    main {
      flex: 1;
      display: flex;
      flex-direction: column;
      gap: 2.5vmin;
      padding: 3vmin 5vmin;
      min-height: 0;
    }
    header {
      display: flex;
      align-items: center;
      gap: 4vmin;
    }
    header svg {
      flex: none;
      width: 16vmin;
      height: 16vmin;
      fill: currentColor;
    }
    h1 {
      min-width: 0;
      margin: 0;
      overflow: hidden;
      white-space: nowrap;
      font-size: calc(min(17vmin, 280px) * var(--title-fit, 1));
      line-height: 1.1;
      font-weight: 900;
      text-transform: uppercase;
      letter-spacing: 0.02em;
    }
    .directive {
      margin: 0;
      font-size: clamp(28px, 8vmin, 140px);
      font-weight: 800;
      line-height: 1.05;
    }
    .detail {
      align-self: flex-start;
      margin: 0;
      padding: 1vmin 2.5vmin;
      border-radius: 1.5vmin;
      background: #fff;
      color: var(--mode-color);
      font-size: clamp(24px, 6vmin, 110px);
      font-weight: 900;
    }
    .danger {
      margin: 0;
      padding: 1vmin 2.5vmin;
      border-radius: 1vmin;
      background: #fff;
      color: #b91c1c;
      font-size: clamp(20px, 3.6vmin, 64px);
      font-weight: 900;
      line-height: 1.15;
      overflow-wrap: anywhere;
    }
    .note {
      margin: 0;
      padding: 1vmin 2.5vmin;
      border-left: 1.2vmin solid #fff;
      background: rgb(0 0 0 / 0.25);
      font-size: clamp(20px, 3.6vmin, 64px);
      font-weight: 800;
      line-height: 1.15;
      overflow-wrap: anywhere;
    }
    .steps {
      flex: 1;
      display: grid;
      grid-template-columns: 1fr 1fr;
      align-content: start;
      gap: 4vmin;
      min-height: 0;
      overflow: hidden;
      font-size: calc(min(3.8vmin, 64px) * var(--steps-fit, 1));
    }
    h2 {
      margin: 0 0 1vmin;
      font-size: 0.85em;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      opacity: 0.9;
    }
    ol {
      margin: 0;
      padding-left: 1.3em;
      font-weight: 600;
      line-height: 1.25;
    }
    footer {
      flex: none;
      display: flex;
      justify-content: space-between;
      gap: 4vmin;
      padding: 1.5vmin 5vmin;
      font-size: clamp(16px, 3vmin, 48px);
      font-weight: 700;
      background: rgb(0 0 0 / 0.25);
    }
    main.compact {
      gap: 1.5vmin;
      padding-top: 2vmin;
      padding-bottom: 2vmin;
    }
    .compact header svg {
      width: 11vmin;
      height: 11vmin;
    }
    .compact .titles {
      flex: 1;
      min-width: 0;
    }
    .compact h1 {
      font-size: calc(min(11vmin, 180px) * var(--title-fit, 1));
    }
    .compact .directive {
      font-size: min(5vmin, 90px);
    }
    .compact .detail {
      font-size: min(4vmin, 70px);
    }
    .wayfinding {
      flex: 1;
      display: grid;
      grid-template-columns: minmax(0, 1.6fr) minmax(0, 1fr);
      gap: 3vmin;
      min-height: 0;
    }
    .wayfinding screen-floor-map {
      border-radius: 1.5vmin;
      overflow: hidden;
      background: #fff;
      border: 0.6vmin solid #fff;
    }
    .wayfinding .side {
      display: flex;
      flex-direction: column;
      gap: 2vmin;
      min-height: 0;
    }
    .wayfinding .steps {
      grid-template-columns: 1fr;
      gap: 1.5vmin;
    }
    screen-route-panel {
      flex: none;
      --arrow-size: 15vmin;
      --target-size: 5vmin;
      --detail-size: 3.2vmin;
    }
    @media (orientation: portrait) {
      .steps {
        grid-template-columns: 1fr;
      }
      .wayfinding {
        grid-template-columns: 1fr;
        grid-template-rows: minmax(0, 1.3fr) minmax(0, 1fr);
      }
    }
  `;

  @property({ attribute: false }) active!: ActiveMode;
  @property() language: Language = 'en';
  @property({ attribute: false }) now = Date.now();
  @property({ attribute: false }) timeZone: string | undefined;
  @property() units: Units = 'metres';
  @property({ attribute: false }) location = '';
  /** Where the screen hangs and the way out (evacuate, shelter): shown as a map beside the steps. */
  @property({ attribute: false }) place: ScreenPlace | null = null;
  @property({ attribute: false }) route: RouteResult | null = null;
  @property({ attribute: false }) hazards: Hazards = { areaIds: [], blockedPoiIds: [] };
  /** The school's own wording of the directive and steps, over the catalogue's. */
  @property({ attribute: false }) wordings: ModeWordings = NO_WORDINGS;
  /** Names of the marked hazard areas the screen stands in. */
  @property({ attribute: false }) hazardHere: readonly string[] = [];

  readonly #resize = new ResizeObserver(() => this.#fit());

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    this.#resize.disconnect();
    super.disconnectedCallback();
  }

  override willUpdate(): void {
    this.style.setProperty('--mode-color', MODE_CATALOGUE[this.active.mode].color);
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('active') || changed.has('language')) this.#fit();
  }

  /**
   * Every text is editable per school, so no fixed size fits all: shrink the title and the steps, in small
   * steps, until nothing is cut off (never below half size; a longer text than that needs editing).
   */
  #fit(): void {
    const title = this.renderRoot.querySelector('h1');
    const steps = this.renderRoot.querySelector<HTMLElement>('.steps');
    const tooWide = (el: HTMLElement | null) => !!el && el.scrollWidth > el.clientWidth + 1;
    const tooTall = (el: HTMLElement | null) => !!el && el.scrollHeight > el.clientHeight + 1;
    this.#shrinkUntil('--title-fit', () => !tooWide(title));
    this.#shrinkUntil('--steps-fit', () => !tooTall(steps));
  }

  #shrinkUntil(property: string, fits: () => boolean): void {
    let fit = 1;
    this.style.setProperty(property, '1');
    while (fit > 0.5 && !fits()) {
      fit -= 0.05;
      this.style.setProperty(property, fit.toFixed(2));
    }
  }

  override render() {
    const active = this.active;
    const definition = MODE_CATALOGUE[active.mode];
    const text = modeTextFor(active, this.language, this.wordings);
    const words = SCREEN_WORDS[this.language];
    const started = Date.parse(active.startedAt);
    const wayfinding = this.place !== null && this.route !== null;
    const drillBanner = active.drill
      ? html`<div class="drill" data-test="drill-banner" role="status">${words.drill} <small>${words.drillDetail}</small></div>`
      : nothing;
    return html`
      ${drillBanner}
      <main class=${wayfinding ? 'compact' : ''} data-test="takeover" data-mode=${active.mode} role="alert" aria-live="assertive">
        ${wayfinding
          ? html`<header>
                <svg viewBox="0 0 24 24" aria-hidden="true">${svg`<path d=${definition.icon}></path>`}</svg>
                <div class="titles">
                  <h1>${text.name}</h1>
                  <p class="directive">${text.directive}</p>
                  ${this.#note()} ${this.#inHazard(words)}
                </div>
              </header>
              ${this.#wayfinding(words, text)}`
          : html`<header>
                <svg viewBox="0 0 24 24" aria-hidden="true">${svg`<path d=${definition.icon}></path>`}</svg>
                <h1>${text.name}</h1>
              </header>
              <p class="directive">${text.directive}</p>
              ${text.detail ? html`<p class="detail" data-test="mode-detail">${text.detail}</p>` : nothing}
              ${this.#note()}
              ${this.#allSteps(words, text)}`}
      </main>
      ${drillBanner}
      <footer>
        <span data-test="mode-since">${words.started(clockTime(started, this.language, this.timeZone), elapsed(started, this.now))}</span>
        <span>${this.location}</span>
      </footer>
    `;
  }

  /** Shown only with the map and its route: in Lockdown the screen must not tell anyone to move. */
  #inHazard(words: ScreenWords) {
    if (this.hazardHere.length === 0) return nothing;
    return html`<p class="danger" data-test="in-hazard" role="alert">${words.inHazard(this.hazardHere.join(', '), this.route?.ok === true)}</p>`;
  }

  /** The office's note for this event, in its own words (it is not translated). */
  #note() {
    return this.active.note ? html`<p class="note" data-test="mode-note">${this.active.note}</p>` : nothing;
  }

  #allSteps(words: ScreenWords, text: ModeText) {
    return html`<div class="steps">${this.#steps(words.students, text.students)} ${this.#steps(words.staff, text.staff)}</div>`;
  }

  #wayfinding(words: ScreenWords, text: ModeText & { detail: string | null }) {
    const place = this.place!;
    const heading = this.active.mode === 'shelter' ? words.nearestShelter : words.goTo;
    return html`<div class="wayfinding">
      <screen-floor-map
        .floor=${place.floor}
        .spot=${place.spot}
        .route=${this.route}
        .hazards=${this.hazards}
        .language=${this.language}
        .shelters=${this.active.mode === 'shelter'}
        urgent
      ></screen-floor-map>
      <div class="side">
        <screen-route-panel
          .route=${this.route}
          .language=${this.language}
          .units=${this.units}
          .heading=${heading}
          .destination=${this.active.mode === 'evacuate' ? this.active.destination : null}
        ></screen-route-panel>
        ${this.active.mode === 'shelter' && text.detail ? html`<p class="detail" data-test="mode-detail">${text.detail}</p>` : nothing}
        ${this.#allSteps(words, text)}
      </div>
    </div>`;
  }

  #steps(title: string, steps: readonly string[]) {
    if (steps.length === 0) return nothing;
    return html`<section>
      <h2>${title}</h2>
      <ol>
        ${steps.map((step) => html`<li>${step}</li>`)}
      </ol>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-mode-takeover': ScreenModeTakeover;
  }
}
