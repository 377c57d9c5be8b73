// <screen-slides>: the normal-mode slides a screen shows now (scheduled by its own clock, so the rotation goes
// on offline), one at a time for its duration. A slide that cannot be drawn shows a small error panel and the
// rotation goes on.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { activeSlides, slideImageUrl, slideIndexAt, type Slide } from '../../shared/content.ts';
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
    :host {
      display: block;
    }
    article {
      border-radius: 1.5vmin;
      background: rgb(255 255 255 / 0.08);
      padding: 2.5vmin 3vmin;
    }
    h2 {
      margin: 0 0 1.5vmin;
      font-size: var(--slide-title-size, clamp(20px, 4.6vmin, 72px));
      font-weight: 800;
    }
    .body {
      font-size: var(--slide-body-size, clamp(16px, 3.4vmin, 52px));
      line-height: 1.3;
    }
    .body p {
      margin: 0 0 1.2vmin;
    }
    table {
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    td {
      padding: 0.4vmin 2vmin 0.4vmin 0;
    }
    ol {
      margin: 0;
      padding-left: 1.3em;
    }
    figure {
      margin: 0;
    }
    .slide-map {
      display: block;
      height: 40vh;
      border-radius: 1vmin;
      overflow: hidden;
      background: #f8fafc;
    }
    figure img {
      display: block;
      max-width: 100%;
      max-height: 45vh;
      border-radius: 1vmin;
      object-fit: contain;
    }
    figcaption {
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

  override render() {
    let showing: Slide[];
    try {
      showing = activeSlides(this.slides, new Date(this.now), this.timeZone ?? 'UTC');
    } catch {
      showing = [];
    }
    if (showing.length === 0) return nothing;
    const slide = showing[slideIndexAt(showing, this.now)]!;
    let body: TemplateResult;
    try {
      body = this.#body(slide);
    } catch (error) {
      // One broken slide must not take the screen's normal view down with it.
      console.warn(`Slide "${slide.id}" could not be shown:`, error);
      return html`<article class="broken" data-test="slide-error">${SCREEN_WORDS[this.language].slideError}</article>`;
    }
    return html`<article data-test="slide" data-slide=${slide.id}>
      <h2 data-test="slide-title">${slide.title}</h2>
      <div class="body" data-test="slide-body">${body}</div>
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
          ${slide.rows.map((row) => html`<tr><td>${row.label}</td><td>${row.time}</td></tr>`)}
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
