// <screen-mode-takeover>: the full-screen emergency view, readable from 10 m. Drawn only from local data
// (the mode catalogue is in the bundle), so it depends on nothing that can fail.
import { LitElement, css, html, nothing, svg, type PropertyValues, type ReactiveElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cache } from 'lit/directives/cache.js';
import type { ActiveMode, Hazards, Language, Units } from '../../shared/model.ts';
import type { RouteResult } from '../../shared/routing.ts';
import { NO_WORDINGS, type ModeWordings } from '../../shared/mode-texts.ts';
import { MODE_CATALOGUE, modeTextFor, type ModeText } from '../../shared/modes.ts';
import { planAspect, type ScreenPlace } from './screen-routes.ts';
import { SCREEN_WORDS, type ScreenWords } from './screen-words.ts';
// The map and the route panel are not in the first load: the mode's words paint at once, and the way to go (which
// needs the route search, display/screen/screen-routes.ts) as soon as it has arrived from the service worker's cache.
import('./screen-floor-map.ts').catch((error: unknown) => console.warn('Could not load the floor map:', error));
import('./screen-route-panel.ts').catch((error: unknown) => console.warn('Could not load the route panel:', error));
import { clockTime, elapsed } from './time-format.ts';

/** How long each page of steps stays up: time to read a few lines twice over. */
const PAGE_MS = 10_000;

@customElement('screen-mode-takeover')
export class ScreenModeTakeover extends LitElement {
  static override styles = css`
    /* Every size is in cqmin, the shorter side of the takeover's own box (the screen, or half of it when two
       languages stand side by side): a 4K panel shows what a 1080p one does, only sharper, and every 16:9 screen
       lays out the same. The mode name, the directive, where to go and the note
       always fit; only the steps page (see #measure). */
    :host {
      position: fixed;
      inset: 0;
      display: flex;
      flex-direction: column;
      color: #fff;
      background: var(--mode-color);
      font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
      z-index: 10;
      container-type: size;
      --gap: 2cqmin;
      --column-gap: 5cqmin;
    }
    /* Two languages side by side: one takeover in each half of the screen, each laid out in its own box. */
    :host([half='start']) {
      right: 50%;
    }
    :host([half='end']) {
      left: 50%;
      box-shadow: inset 0.6cqmin 0 0 #fff;
    }
    /* A half is tall and narrow: the same words take more lines, so they are drawn a little smaller. */
    :host([half]) header svg {
      width: 10cqmin;
      height: 10cqmin;
    }
    :host([half]) h1 {
      font-size: min(10cqmin, (100cqw - 21cqmin) / var(--chars) / 0.85);
    }
    :host([half]) .directive {
      font-size: 5cqmin;
    }
    :host([half]) .titles .detail {
      font-size: 4cqmin;
    }
    :host([half]) .note,
    :host([half]) .danger {
      font-size: 3.2cqmin;
    }
    .drill {
      flex: none;
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      align-items: baseline;
      column-gap: 3cqmin;
      padding: 0.8cqmin 2cqmin;
      color: #111;
      font-weight: 900;
      font-size: 5cqmin;
      line-height: 1.15;
      letter-spacing: 0.08em;
      background: repeating-linear-gradient(-45deg, #facc15 0 4cqmin, #fde68a 4cqmin 8cqmin);
    }
    .drill small {
      font-size: 0.55em;
      letter-spacing: 0;
      font-weight: 800;
    }
    main {
      flex: 1;
      display: flex;
      flex-direction: column;
      gap: var(--gap);
      padding: 2cqmin 4cqmin;
      min-height: 0;
    }
    header {
      flex: none;
      display: flex;
      align-items: center;
      gap: 3cqmin;
    }
    header svg {
      flex: none;
      width: 13cqmin;
      height: 13cqmin;
      fill: currentColor;
    }
    .titles {
      flex: 1;
      min-width: 0;
    }
    /* As large as the line beside the icon allows for this name (--chars is its length; a heavy capital is at most
       ~0.85em wide; the line is the box's width less the padding, the icon and the gap). */
    h1 {
      margin: 0;
      font-size: min(13cqmin, (100cqw - 24cqmin) / var(--chars) / 0.85);
      line-height: 1.05;
      font-weight: 900;
      text-transform: uppercase;
      letter-spacing: 0.02em;
    }
    .directive {
      margin: 0.5cqmin 0 0;
      font-size: 6cqmin;
      font-weight: 800;
      line-height: 1.1;
    }
    .titles .detail {
      margin-top: 1cqmin;
      font-size: 4.5cqmin;
    }
    .detail {
      flex: none;
      align-self: flex-start;
      margin: 0;
      padding: 0.6cqmin 2cqmin;
      border-radius: 1.2cqmin;
      background: #fff;
      color: var(--mode-color);
      font-size: 5cqmin;
      font-weight: 900;
      line-height: 1.15;
    }
    .danger,
    .note {
      flex: none;
      margin: 0;
      padding: 0.8cqmin 2cqmin;
      font-size: 3.6cqmin;
      font-weight: 800;
      line-height: 1.2;
      overflow-wrap: anywhere;
    }
    .danger {
      border-radius: 1cqmin;
      background: #fff;
      color: #b91c1c;
      font-weight: 900;
    }
    .note {
      border-left: 1cqmin solid #fff;
      background: rgb(0 0 0 / 0.25);
    }
    /* The steps: laid out in columns of the frame's height; columns beyond the frame are the next pages. */
    .steps {
      flex: 1;
      display: flex;
      flex-direction: column;
      /* At least a heading and two lines: the map and the spacing give way first. */
      min-height: 13cqmin;
      font-size: calc(var(--steps-size, 3.8cqmin) * var(--steps-scale, 1));
    }
    .pager {
      flex: 1;
      position: relative;
      min-height: 0;
      overflow: hidden;
    }
    .pages {
      position: absolute;
      inset: 0;
      columns: 2;
      column-gap: var(--column-gap);
      column-fill: auto;
      transform: translateX(calc(var(--page, 0) * (-100% - var(--column-gap))));
    }
    h2 {
      margin: 0 0 0.8cqmin;
      font-size: 0.85em;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      opacity: 0.9;
      break-after: avoid;
    }
    /* Side by side, staff's steps start their own column, beside the students'. */
    .pages h2.staff {
      break-before: column;
    }
    .side .pages h2.staff {
      break-before: auto;
    }
    ol {
      margin: 0 0 1.5cqmin;
      padding-left: 1.3em;
      font-weight: 600;
      line-height: 1.25;
    }
    li {
      break-inside: avoid;
      margin-bottom: 0.5cqmin;
    }
    .page-count {
      flex: none;
      align-self: flex-end;
      margin: 0.5cqmin 0 0;
      padding: 0.3cqmin 1.5cqmin;
      border-radius: 1cqmin;
      background: rgb(0 0 0 / 0.3);
      font-size: 3.2cqmin;
      font-weight: 800;
    }
    .notice {
      flex: none;
      margin: 0;
      padding: 0.8cqmin 4cqmin;
      background: #111827;
      color: #fde68a;
      font-size: max(14px, 2.6cqmin);
      font-weight: 700;
      line-height: 1.25;
    }
    footer {
      flex: none;
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      column-gap: 4cqmin;
      padding: 1cqmin 4cqmin;
      font-size: max(14px, 2.8cqmin);
      font-weight: 700;
      line-height: 1.2;
      background: rgb(0 0 0 / 0.25);
    }
    footer.drilling {
      color: #111;
      background: repeating-linear-gradient(-45deg, #facc15 0 4cqmin, #fde68a 4cqmin 8cqmin);
    }
    footer strong {
      letter-spacing: 0.08em;
    }
    /* With a map: the map on one side, as wide as the turned plan needs at this height (up to half), and on the
       other where to go and the steps. */
    .wayfinding {
      flex: 1;
      display: flex;
      gap: 3cqmin;
      min-height: 0;
    }
    .wayfinding screen-floor-map {
      flex: none;
      height: 100%;
      aspect-ratio: var(--plan-aspect, 1.6);
      align-self: center;
      max-width: 50%;
      /* Half the width (main's less its padding) over the plan's shape: a wide plan leaves no band above or below. */
      max-height: calc((100cqw - 8cqmin) / 2 / var(--plan-aspect, 1.6));
      min-height: 0;
      border-radius: 1.5cqmin;
      overflow: hidden;
      background: #fff;
      border: 0.6cqmin solid #fff;
    }
    .wayfinding.no-map {
      display: flex;
    }
    .side {
      flex: 1;
      display: flex;
      flex-direction: column;
      gap: var(--gap);
      min-height: 0;
      min-width: 0;
    }
    .side .pages {
      columns: 1;
    }
    /* The arrow beside where to go, not above it: height is what the steps need. */
    screen-route-panel {
      flex: none;
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      align-items: center;
      column-gap: 2.5cqmin;
      row-gap: 0.6cqmin;
      --arrow-size: 13cqmin;
      --heading-size: 2.8cqmin;
      --target-size: 4.5cqmin;
      --detail-size: 3.2cqmin;
    }
    screen-route-panel::part(arrow) {
      grid-row: 1 / span 4;
    }
    /* A small display (a 7" Pi panel, 800 × 480) is read from closer: the titles give the steps some room. */
    @container (max-height: 600px) {
      main {
        gap: 1.5cqmin;
        padding-top: 1.5cqmin;
        padding-bottom: 1.5cqmin;
      }
      header svg {
        width: 10cqmin;
        height: 10cqmin;
      }
      h1 {
        font-size: min(10cqmin, (100cqw - 21cqmin) / var(--chars) / 0.85);
      }
      .directive {
        font-size: 5cqmin;
      }
    }
    @container (orientation: portrait) {
      /* A tall screen has the height for larger steps. */
      :host {
        --steps-size: 4.4cqmin;
      }
      .pages {
        columns: 1;
      }
      .pages h2.staff {
        break-before: auto;
      }
      /* The map above the side, taking a little more than half the height left, as wide as the plan needs there
         (never wider than the takeover, nor taller than the plan is at that width); the side keeps all it needs. */
      .wayfinding {
        flex-direction: column;
        justify-content: center;
      }
      .wayfinding screen-floor-map {
        flex: 1.2 1 0;
        width: auto;
        height: auto;
        max-width: 100%;
        max-height: calc((100cqw - 8cqmin) / var(--plan-aspect, 1.6));
      }
      .side {
        flex: 1 0 auto;
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
  // Compared by its names: the screen passes a new array at every render (each clock tick), and a change here makes
  // the steps be measured again.
  @property({ attribute: false, hasChanged: (now: readonly string[], before?: readonly string[]) => now.join('\n') !== before?.join('\n') })
  hazardHere: readonly string[] = [];
  /** What the screen must say about itself (no contact with the hub…): a line of its own, over nothing. */
  @property({ attribute: false }) notice: string | null = null;
  /** Which half of the screen this takeover fills when two languages stand side by side; the whole screen otherwise. */
  @property({ reflect: true }) half: 'start' | 'end' | null = null;
  /** False: where to go without the map (each half of a side-by-side screen has no room for one). */
  @property({ type: Boolean }) map = true;
  /** The page of steps on screen, from 0; it turns by itself every PAGE_MS. */
  @property({ type: Number }) page = 0;
  /** How many pages the steps take at this size (1 when they fit). */
  @state() pages = 1;

  /** Watches the steps' frame: it changes size with the screen and with anything above it (the route, a notice). */
  readonly #resize = new ResizeObserver(([entry]) => {
    // Observing a frame reports its size at once, and a measure just after a render has seen that size already.
    if (entry && frameSize(entry.target) !== this.#measuredFrame) this.#remeasure();
  });
  #watched: Element | null = null;
  /** The steps' frame's size at the last measure ("width×height"): the resize observer measures again only for a new one. */
  #measuredFrame = '';
  /** How much smaller than usual the steps are drawn so that the tallest fits a page (1: not at all). */
  #stepsScale = 1;
  #turn: ReturnType<typeof setTimeout> | undefined;

  /** Shown again (kept while away, as the screen keeps its views): its frame is watched anew and measured. */
  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    this.#resize.disconnect();
    this.#watched = null;
    clearTimeout(this.#turn);
    this.#turn = undefined;
    super.disconnectedCallback();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    this.style.setProperty('--mode-color', MODE_CATALOGUE[this.active.mode].color);
    // A new event starts at its first page; a turn to the screen's other language keeps the page on show, so that in
    // turns every page comes round in both languages.
    const before = changed.get('active');
    if (before !== undefined && (before.seq !== this.active.seq || before.mode !== this.active.mode)) this.page = 0;
    if (this.page >= this.pages) this.page = 0;
  }

  override updated(changed: PropertyValues<this>): void {
    const frame = this.renderRoot.querySelector('.pager');
    if (frame !== this.#watched) {
      if (this.#watched) this.#resize.unobserve(this.#watched);
      if (frame) this.#resize.observe(frame);
      this.#watched = frame;
    }
    if (changed.has('active') || changed.has('language') || changed.has('wordings') || changed.has('route') || changed.has('hazardHere') || changed.has('notice')) void this.#remeasureWhenDrawn();
    // Each page stays up for PAGE_MS from when it appears, however it came (the timer, a resize, a test).
    if (changed.has('page') || changed.has('pages') || this.#turn === undefined) {
      clearTimeout(this.#turn);
      this.#turn = this.pages > 1 ? setTimeout(() => (this.page = (this.page + 1) % this.pages), PAGE_MS) : undefined;
    }
  }

  /**
   * Measured once the map and the route panel have drawn too (each in its own update, just after this one, before the
   * frame): measured before, the steps' frame has a size it does not keep, and the frame lays everything out again.
   */
  async #remeasureWhenDrawn(): Promise<void> {
    const parts = [...this.renderRoot.querySelectorAll('screen-floor-map, screen-route-panel')] as Partial<ReactiveElement>[];
    await Promise.all(parts.map((part) => part.updateComplete));
    if (this.isConnected) this.#remeasure();
  }

  /** From the steps' usual size: what fits changes with the words and the screen's size. */
  #remeasure(): void {
    this.#stepsScale = 1;
    this.style.removeProperty('--steps-scale');
    this.#measure();
  }

  /**
   * How many pages the steps take. The page count ("1 / 2") takes room from the steps, so whether they fit one page
   * is asked without it: asked with it, steps that only just fit would page, and keep the count that made them page
   * for as long as the screen kept its size. Only when they do not fit is the count put back and the pages counted
   * again. Reads of layout the browser has just done (after a render, or in the resize observer): one when the steps
   * fit, as on most screens, and never a loop of guesses.
   */
  #measure(): void {
    const pages = this.renderRoot.querySelector<HTMLElement>('.pages');
    const steps = pages ? [...pages.querySelectorAll<HTMLElement>('li')] : [];
    const last = steps.at(-1);
    if (!pages || !last) return void (this.pages = 1);
    if (this.#watched) this.#measuredFrame = frameSize(this.#watched);
    const label = this.renderRoot.querySelector<HTMLElement>('.page-count');
    if (label) label.hidden = true;
    let count = this.#count(pages, steps, last);
    if (label) {
      label.hidden = false;
      if (count > 1) count = this.#count(pages, steps, last);
    }
    this.pages = count;
  }

  /**
   * The pages the steps take in the frame as it is laid out now: the columns run on beyond the frame, so the last
   * step's column says. A step taller than the frame (a long one on a small display) would be cut between pages: the
   * steps' text is then made smaller by the ratio that lets it fit (at most once per frame height asked).
   */
  #count(pages: HTMLElement, steps: readonly HTMLElement[], last: HTMLElement): number {
    const tallest = Math.max(...steps.map((step) => step.offsetHeight + (step.previousElementSibling ? 0 : step.parentElement!.previousElementSibling!.clientHeight)));
    if (tallest > pages.clientHeight) {
      this.#stepsScale = Math.max(0.6, (this.#stepsScale * 0.9 * pages.clientHeight) / tallest);
      this.style.setProperty('--steps-scale', this.#stepsScale.toFixed(3));
    }
    const pitch = pages.clientWidth + parseFloat(getComputedStyle(pages).columnGap);
    return Math.max(1, Math.floor((last.offsetLeft + 1) / pitch) + 1);
  }

  override render() {
    const active = this.active;
    const definition = MODE_CATALOGUE[active.mode];
    const text = modeTextFor(active, this.language, this.wordings);
    const words = SCREEN_WORDS[this.language];
    const started = Date.parse(active.startedAt);
    const wayfinding = this.place !== null && this.route !== null;
    // Cached: the map is kept while a mode without one shows (Lockdown), so the next Evacuate does not build it anew.
    const body = wayfinding
      ? html`${this.#note()} ${this.#inHazard(words)} ${this.#wayfinding(words, text)}`
      : html`${text.detail ? html`<p class="detail" data-test="mode-detail">${text.detail}</p>` : nothing} ${this.#note()} ${this.#steps(words, text)}`;
    return html`
      ${active.drill ? html`<div class="drill" data-test="drill-banner" role="status">${words.drill} <small>${words.drillDetail}</small></div>` : nothing}
      <main data-test="takeover" data-mode=${active.mode} role="alert" aria-live="assertive">
        <header>
          <svg viewBox="0 0 24 24" aria-hidden="true">${svg`<path d=${definition.icon}></path>`}</svg>
          <div class="titles">
            <h1 style="--chars: ${Math.max(text.name.length, 6)}">${text.name}</h1>
            <p class="directive">${text.directive}</p>
            ${wayfinding && active.mode === 'shelter' && text.detail ? html`<p class="detail" data-test="mode-detail">${text.detail}</p>` : nothing}
          </div>
        </header>
        ${cache(body)}
      </main>
      ${this.notice ? html`<p class="notice" data-test="offline-notice" role="status">${this.notice}</p>` : nothing}
      <footer class=${active.drill ? 'drilling' : ''}>
        ${active.drill ? html`<strong>${words.drill}</strong>` : nothing}
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

  /** With the map, the route panel says where to go (and, for Evacuate, the assembly point after the exit). */
  #wayfinding(words: ScreenWords, text: ModeText) {
    const place = this.place!;
    const heading = this.active.mode === 'shelter' ? words.nearestShelter : words.goTo;
    // The plan's shape as the screen turns it gives the map its share of the width.
    return html`<div class=${this.map ? 'wayfinding' : 'wayfinding no-map'} style="--plan-aspect: ${planAspect(place).toFixed(3)}">
      ${this.map ? this.#floorMap(place) : nothing}
      <div class="side">
        <screen-route-panel
          .route=${this.route}
          .language=${this.language}
          .units=${this.units}
          .heading=${heading}
          .destination=${this.active.mode === 'evacuate' ? this.active.destination : null}
        ></screen-route-panel>
        ${this.#steps(words, text)}
      </div>
    </div>`;
  }

  #floorMap(place: ScreenPlace) {
    return html`<screen-floor-map
        .floor=${place.floor}
        .spot=${place.spot}
        .route=${this.route}
        .hazards=${this.hazards}
        .language=${this.language}
        .shelters=${this.active.mode === 'shelter'}
        urgent
      ></screen-floor-map>`;
  }

  /** Students' and staff's steps, paged when they do not fit, with the page on screen said as "1 / 2". */
  #steps(words: ScreenWords, text: ModeText) {
    const page = Math.min(this.page, this.pages - 1);
    return html`<section class="steps" data-test="steps">
      <div class="pager" data-pager>
        <div class="pages" style="--page: ${page}">${this.#list(words.students, text.students, 'students')} ${this.#list(words.staff, text.staff, 'staff')}</div>
      </div>
      ${this.pages > 1 ? html`<p class="page-count" data-test="steps-page">${page + 1} / ${this.pages}</p>` : nothing}
    </section>`;
  }

  #list(title: string, steps: readonly string[], who: 'students' | 'staff') {
    if (steps.length === 0) return nothing;
    return html`<h2 class=${who}>${title}</h2>
      <ol>
        ${steps.map((step) => html`<li>${step}</li>`)}
      </ol>`;
  }
}

const frameSize = (frame: Element) => `${frame.clientWidth}×${frame.clientHeight}`;

declare global {
  interface HTMLElementTagNameMap {
    'screen-mode-takeover': ScreenModeTakeover;
  }
}
