// <screen-sweep-code>: during a readiness sweep, the screen's code and name in a small panel in a corner of the normal
// view, for the facility manager to type on a phone. Loaded only when a sweep starts (not in the screen's first load),
// and never drawn over a mode (muster-screen.ts decides).
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

@customElement('screen-sweep-code')
export class ScreenSweepCode extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      right: 2vmin;
      bottom: 2vmin;
      z-index: 15;
      max-width: min(46vw, 60vh);
      padding: 1.2vmin 2.4vmin 1.6vmin;
      border-radius: 1.2vmin;
      border: 0.3vmin solid #93c5fd;
      /* Opaque: what it covers (the corner of the footer) must not show through its words. */
      background: #0f172a;
      color: #f8fafc;
      font: 600 clamp(12px, 2.2vmin, 32px) / 1.25 system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
      text-align: center;
    }
    .code {
      margin: 0.15em 0;
      font: 800 clamp(28px, 7vmin, 112px) / 1.1 ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;
      letter-spacing: 0.12em;
      /* The letter spacing after the last character would push the code off centre. */
      margin-right: -0.12em;
      white-space: nowrap;
    }
    .name {
      overflow-wrap: anywhere;
      color: #cbd5e1;
    }
  `;

  @property() code = '';
  /** The screen's name, as the admin typed it: the phone shows it too, so the two can be matched. */
  @property() name = '';

  override render() {
    return html`<div>Readiness check: code</div>
      <div class="code" data-test="sweep-code">${this.code}</div>
      <div class="name">${this.name}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'screen-sweep-code': ScreenSweepCode;
  }
}
