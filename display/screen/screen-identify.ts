// <screen-identify>: the screen's name and place, large and flashing, for a while after an admin asked it to identify
// itself (to find it on a wall). Loaded when first asked (not in the screen's first load), and never drawn over a
// mode (muster-screen.ts decides).
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

@customElement('screen-identify')
export class ScreenIdentify extends LitElement {
  static override styles = css`
    div {
      position: fixed;
      inset: 15vh 10vw;
      z-index: 10;
      display: grid;
      place-content: center;
      gap: 3vmin;
      border-radius: 3vmin;
      background: #facc15;
      color: #111827;
      font: 800 clamp(32px, 12vmin, 200px) / 1.1 system-ui, sans-serif;
      text-align: center;
      animation: flash 1s steps(2) infinite;
    }
    small {
      font-size: 0.35em;
      font-weight: 600;
    }
    @keyframes flash {
      50% {
        background: #fef08a;
      }
    }
  `;

  /** As the admin typed them. */
  @property() name = '';
  @property() location = '';

  override render() {
    return html`<div data-test="identify">${this.name}<small>${this.location}</small></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-identify': ScreenIdentify;
  }
}
