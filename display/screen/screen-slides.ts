// <screen-slides>: the normal-mode slides a screen shows now (scheduled by its own clock, so the rotation goes
// on offline), one at a time for its duration. A slide that cannot be drawn shows a small error panel and the
// rotation goes on. A slide takes the height its column leaves it; one too long for it shows in pages, said as
// "1 / 2", which turn within the slide's own time (by the clock too).
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { activeSlides, slideAt, slideImageUrl, slidePageAt, type Slide } from '../../shared/content.ts';
import { NO_WORDINGS, type ModeWordings } from '../../shared/mode-texts.ts';
import type { Wayfinding } from '../../shared/floor-plan.ts';
import { NO_HAZARDS, type Hazards, type Language } from '../../shared/model.ts';
import './screen-floor-map.ts';
import { modeWordingFor } from '../../shared/modes.ts';
import { SCREEN_WORDS } from './screen-words.ts';

/** "Bring **your ID** today" → ["Bring ", <strong>your ID</strong>, " today"]: simple formatting, never HTML. */
function inline(text: string): (string | TemplateResult)[] {
  return text.split(/(\*\*[^*]+\*\*)/).map((part) => (part.startsWith('**') && part.endsWith('**') && part.length > 4 ? html`<strong>${part.slice(2, -2)}</strong>` : part));
}

function announcement(text: string): TemplateResult {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.split('\n'));
  return html`${paragraphs.map((lines) => html`<p>${lines.map((line, i) => html`${i > 0 ? html`<br />` : nothing}${inline(line)}`)}</p>`)}`;
}

@customElement('screen-slides')
export class ScreenSlides extends LitElement {
  static override styles = css`
    /* The host is given the height its column leaves (a flex item that shrinks); the slide is as tall as its words
       up to that, and its body's frame is what remains under the title. */
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      --column-gap: 4vmin;
    }
    article {
      display: flex;
      flex-direction: column;
      min-height: 0;
      border-radius: 1.5vmin;
      background: rgb(255 255 255 / 0.08);
      padding: 2.5vmin 3vmin;
    }
    header {
      flex: none;
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: 2vmin;
      margin: 0 0 1.5vmin;
    }
    h2 {
      min-width: 0;
      margin: 0;
      font-size: var(--slide-title-size, clamp(20px, 4.6vmin, 72px));
      font-weight: 800;
      overflow-wrap: anywhere;
    }
    /* Beside the title, so that showing it takes nothing from the body's frame. */
    .page-count {
      flex: none;
      margin: 0;
      padding: 0.3vmin 1.2vmin;
      border-radius: 1vmin;
      background: rgb(0 0 0 / 0.3);
      font-size: var(--slide-body-size, clamp(16px, 3.4vmin, 52px));
      font-weight: 800;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    /* At least three lines: a column shorter than a line would cut every line it holds. */
    .frame {
      flex: 0 1 auto;
      min-height: 3.9em;
      overflow: hidden;
      font-size: var(--slide-body-size, clamp(16px, 3.4vmin, 52px));
      line-height: 1.3;
    }
    /* Words: one column as large as the frame; the columns beyond it are the next pages. */
    .pages {
      height: 100%;
      columns: 1;
      column-gap: var(--column-gap);
      column-fill: auto;
      overflow-wrap: anywhere;
      transform: translateX(calc(var(--page, 0) * (-100% - var(--column-gap))));
    }
    .pages p {
      margin: 0 0 1.2vmin;
    }
    table {
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    tr,
    li {
      break-inside: avoid;
    }
    td {
      padding: 0.4vmin 2vmin 0.4vmin 0;
    }
    /* A time is never broken; the label beside it wraps. */
    td.time {
      white-space: nowrap;
    }
    ol {
      margin: 0;
      padding-left: 1.3em;
    }
    /* A picture or a plan: as large as it is drawn, never larger than the frame. */
    .media {
      display: flex;
      flex-direction: column;
      height: 100%;
    }
    figure {
      display: flex;
      flex-direction: column;
      min-height: 0;
      margin: 0;
    }
    .slide-map {
      display: block;
      height: 40vh;
      max-height: 100%;
      min-height: 0;
      border-radius: 1vmin;
      overflow: hidden;
      background: #f8fafc;
    }
    figure img {
      display: block;
      min-height: 0;
      max-width: 100%;
      max-height: 45vh;
      align-self: flex-start;
      border-radius: 1vmin;
      object-fit: contain;
    }
    figcaption {
      flex: none;
      margin-top: 1vmin;
    }
    .broken {
      font-size: clamp(14px, 2.4vmin, 32px);
      opacity: 0.7;
    }
  `;

  @property({ attribute: false }) slides: readonly Slide[] = [];
  @property({ attribute: false }) now = Date.now();
  @property({ attribute: false }) timeZone: string | undefined;
  @property() language: Language = 'en';
  @property({ attribute: false }) wordings: ModeWordings = NO_WORDINGS;
  /** This building's floor plans, for floor-plan slides. */
  @property({ attribute: false }) plan: { wayfinding: Wayfinding } | null = null;
  @property({ attribute: false }) hazards: Hazards = NO_HAZARDS;
  /** How many pages the slide on show takes in its frame (1 when it fits). */
  @state() pages = 1;

  /** The slide on show and how long it has been up, worked out from the clock before each render. */
  #shown: { slide: Slide; elapsedSeconds: number } | null = null;
  /** Watches the body's frame: it changes size with the screen and with what shares the column (the route, a warning). */
  readonly #resize = new ResizeObserver(() => this.#measure());
  #watched: Element | null = null;
  /** The slide's words changed since they were last counted in pages. */
  #stale = true;

  /** Shown again (kept while away, as the screen keeps its views): its frame is watched anew and measured. */
  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    this.#resize.disconnect();
    this.#watched = null;
    super.disconnectedCallback();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    let showing: Slide[];
    try {
      showing = activeSlides(this.slides, new Date(this.now), this.timeZone ?? 'UTC');
    } catch {
      showing = [];
    }
    const before = this.#shown?.slide;
    const at = slideAt(showing, this.now);
    this.#shown = showing.length === 0 ? null : { slide: showing[at.index]!, elapsedSeconds: at.elapsedSeconds };
    // Another slide (or other words for it) starts at its first page, counted again once it is laid out.
    if (this.#shown?.slide !== before || changed.has('language') || changed.has('wordings')) {
      this.pages = 1;
      this.#stale = true;
    }
  }

  override updated(): void {
    const frame = this.renderRoot.querySelector('.frame');
    if (frame !== this.#watched) {
      if (this.#watched) this.#resize.unobserve(this.#watched);
      if (frame) this.#resize.observe(frame);
      this.#watched = frame;
    }
    if (this.#stale) this.#measure();
  }

  /**
   * How many pages the words take: their columns run on beyond the frame, so how far the words reach says. One read
   * of the layout the browser has just done (after a render, or in the resize observer), never a loop of guesses.
   */
  #measure(): void {
    this.#stale = false;
    const pages = this.renderRoot.querySelector<HTMLElement>('.pages');
    if (!pages) return void (this.pages = 1);
    const words = document.createRange();
    words.selectNodeContents(pages);
    const reach = words.getBoundingClientRect().right - pages.getBoundingClientRect().left;
    const pitch = pages.clientWidth + parseFloat(getComputedStyle(pages).columnGap);
    this.pages = Math.max(1, Math.ceil((reach - 1) / pitch));
  }

  override render() {
    if (!this.#shown) return nothing;
    const { slide, elapsedSeconds } = this.#shown;
    let body: TemplateResult;
    try {
      body = this.#body(slide);
    } catch (error) {
      // One broken slide must not take the screen's normal view down with it.
      console.warn(`Slide "${slide.id}" could not be shown:`, error);
      return html`<article class="broken" data-test="slide-error">${SCREEN_WORDS[this.language].slideError}</article>`;
    }
    const media = slide.kind === 'image' || slide.kind === 'floor-map';
    const page = slidePageAt(elapsedSeconds, slide.durationSeconds, this.pages);
    return html`<article data-test="slide" data-slide=${slide.id}>
      <header>
        <h2 data-test="slide-title">${slide.title}</h2>
        ${this.pages > 1 ? html`<p class="page-count" data-test="slide-page">${page + 1} / ${this.pages}</p>` : nothing}
      </header>
      <div class="frame" data-test="slide-body">
        ${media ? html`<div class="media">${body}</div>` : html`<div class="pages" data-pager style="--page: ${page}">${body}</div>`}
      </div>
    </article>`;
  }

  #body(slide: Slide): TemplateResult {
    switch (slide.kind) {
      case 'announcement':
        return announcement(slide.text);
      case 'image':
        return html`<figure>
          <img src=${slideImageUrl(slide.documentId)} alt=${slide.caption || slide.title} />
          ${slide.caption ? html`<figcaption>${slide.caption}</figcaption>` : nothing}
        </figure>`;
      case 'floor-map': {
        // Screens carry their own building's plans only: another building's floor is a broken slide.
        const floor = this.plan?.wayfinding.floors.find((f) => f.floorId === slide.floorId);
        if (!floor) throw new Error(`no plan of floor "${slide.floorId}" on this screen`);
        return html`<screen-floor-map class="slide-map" .floor=${floor} .spot=${null} .hazards=${this.hazards} .language=${this.language}></screen-floor-map>`;
      }
      case 'bell-schedule':
        return html`<table>
          ${slide.rows.map((row) => html`<tr><td>${row.label}</td><td class="time">${row.time}</td></tr>`)}
        </table>`;
      case 'drill-instructions': {
        const text = modeWordingFor(slide.mode, this.language, this.wordings);
        return html`<p><strong>${text.name}:</strong> ${text.directive}</p>
          <ol>
            ${text.students.map((step) => html`<li>${step}</li>`)}
          </ol>`;
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-slides': ScreenSlides;
  }
}
