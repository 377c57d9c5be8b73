// <muster-pairing>: what a new screen shows until an admin pairs it: a short code, large enough to read from
// across a hallway, and where to type it. The code is renewed by the hub every 10 minutes.
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { HubConnection } from '../lib/hub-connection.ts';
import { saveIdentity } from './screen-identity.ts';

@customElement('muster-pairing')
export class MusterPairing extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      place-items: center;
      min-height: 100vh;
      background: #0f172a;
      color: #f8fafc;
      font-family: system-ui, sans-serif;
      text-align: center;
    }
    h1 {
      font-size: clamp(24px, 5vmin, 64px);
      margin: 0 0 2vmin;
    }
    .code {
      font: 800 clamp(48px, 16vmin, 220px) / 1 ui-monospace, monospace;
      letter-spacing: 0.08em;
      margin: 4vmin 0;
    }
    p {
      font-size: clamp(16px, 2.8vmin, 36px);
      max-width: 40em;
      margin: 1vmin auto;
    }
    .muted {
      color: #94a3b8;
    }
  `;

  @state() private code: string | null = null;
  @state() private connected = false;
  readonly #connection = new HubConnection({
    hello: () => ({ type: 'pair-request', protocol: PROTOCOL_VERSION, build: __MUSTER_BUILD__ }),
    onMessage: (message) => {
      if (message.type === 'pairing-code') this.code = message.code;
      if (message.type === 'paired') {
        saveIdentity({ screenId: message.screenId, token: message.token });
        this.#connection.stop();
        window.location.replace(`/screen/?id=${encodeURIComponent(message.screenId)}`);
      }
    },
    onStatus: (status) => {
      this.connected = status === 'open';
      if (!this.connected) this.code = null;
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#connection.start();
  }

  override disconnectedCallback(): void {
    this.#connection.stop();
    super.disconnectedCallback();
  }

  override updated(): void {
    // Reflected on the element itself, for people and tests looking at the page, as <muster-screen> does: what happens
    // inside the shadow root is invisible to a MutationObserver on the document, so a test waiting for the code there
    // was never told it came (it waited 30 s now and then, with the code on the screen).
    this.dataset.state = this.code ? 'code' : this.connected ? 'asking' : 'connecting';
  }

  override render() {
    return html`<main>
      <h1>Pair this screen with Muster</h1>
      ${this.code
        ? html`<div class="code" data-test="pairing-code" aria-label="Pairing code">${this.code}</div>
            <p>In the Muster admin console, open <strong>Screens → Pair a screen</strong> and enter this code.</p>
            <p class="muted">The code changes every 10 minutes.</p>`
        : html`<p class="muted" data-test="pairing-waiting">${this.connected ? 'Asking the hub for a code…' : `Connecting to the hub at ${window.location.host}…`}</p>`}
    </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'muster-pairing': MusterPairing;
  }
}
