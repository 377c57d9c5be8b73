// <screen-route-panel>: the answer at a glance: a big arrow relative to where the reader faces, where to go
// and how far; or, when every way out is blocked, that no safe route is known and what to do instead.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Language, Units } from '../../shared/model.ts';
import { arrowDegrees, arrowFor, type RouteResult } from '../../shared/routing.ts';
import { nameIn } from '../../shared/translations.ts';
import { SCREEN_WORDS } from './screen-words.ts';

@customElement('screen-route-panel')
export class ScreenRoutePanel extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 1.5vmin;
      font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
    }
    .arrow {
      width: var(--arrow-size, 22vmin);
      height: var(--arrow-size, 22vmin);
      align-self: center;
    }
    .heading {
      margin: 0;
      font-size: var(--heading-size, 3vmin);
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      opacity: 0.9;
    }
    .target {
      margin: 0;
      font-size: var(--target-size, 6vmin);
      font-weight: 900;
      /* Room for accented capitals on a second line ("Área de refugio"), so lines never touch. */
      line-height: 1.15;
    }
    .detail {
      margin: 0;
      font-size: var(--detail-size, 3.4vmin);
      font-weight: 700;
    }
    .warning {
      padding: 2vmin;
      border-radius: 1.5vmin;
      background: #fef2f2;
      color: #7f1d1d;
    }
  `;

  @property({ attribute: false }) route: RouteResult | null = null;
  @property() language: Language = 'en';
  /** Evacuation destination (the assembly point), said after the exit, in the screen's language already. */
  @property() destination: string | null = null;
  @property() heading = '';
  /** The school's units for the distance. */
  @property() units: Units = 'metres';

  override render() {
    const words = SCREEN_WORDS[this.language];
    const route = this.route;
    if (!route) return nothing;
    if (!route.ok) {
      return html`<div class="warning" data-test="no-safe-route" role="alert">
        <p class="target">${words.noSafeRoute}</p>
        <p class="detail">${words.noSafeRouteDetail}</p>
      </div>`;
    }
    // One of eight directions, as a sign would: the way along a corridor, not the few degrees of the step onto it.
    const angle = arrowDegrees(route.arrow ?? arrowFor(route.heading));
    return html`
      <svg class="arrow" part="arrow" viewBox="0 0 100 100" aria-hidden="true" data-test="route-arrow" data-direction=${route.arrow ?? ''}>
        <g transform="rotate(${angle} 50 50)">
          <path d="M50 4 90 48H64v48H36V48H10z" fill="currentColor" stroke="#fff" stroke-width="3" stroke-linejoin="round"></path>
        </g>
      </svg>
      <p class="heading">${this.heading}</p>
      <p class="target" data-test="route-target">${nameIn(route.target.poi, this.language)}</p>
      <p class="detail">${words.distance(route.metres, this.units)}${route.floors.length > 1 ? html` · ${words.stairsFirst}` : nothing}</p>
      ${this.destination ? html`<p class="detail">${words.thenTo(this.destination)}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-route-panel': ScreenRoutePanel;
  }
}
