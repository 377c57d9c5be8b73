// <muster-preview>: the takeover exactly as a screen shows it, for the admin console's preview. Opened as
// /screen/?preview in an iframe sized like a screen, it draws what its parent page (same origin only) posts.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ModeWordingsSchema, NO_WORDINGS, type ModeWordings } from '../../shared/mode-texts.ts';
import { ActiveModeSchema, LanguageSchema, type ActiveMode, type Language } from '../../shared/model.ts';
import './screen-mode-takeover.ts';

@customElement('muster-preview')
export class MusterPreview extends LitElement {
  static override styles = css`
    :host {
      display: block;
      height: 100vh;
    }
  `;

  @state() private active: ActiveMode | null = null;
  @state() private language: Language = 'en';
  @state() private wordings: ModeWordings = NO_WORDINGS;
  @state() private location = '';

  readonly #onMessage = (event: MessageEvent) => {
    if (event.origin !== window.location.origin) return;
    const data = event.data as Record<string, unknown> | null;
    const active = ActiveModeSchema.safeParse(data?.active);
    if (!active.success) return;
    this.active = active.data;
    this.language = LanguageSchema.catch('en').parse(data?.language);
    this.wordings = ModeWordingsSchema.catch(NO_WORDINGS).parse(data?.wordings);
    this.location = typeof data?.location === 'string' ? data.location : '';
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.#onMessage);
    // Ready to draw: the parent posts the first state once it hears this.
    window.parent.postMessage({ type: 'preview-ready' }, window.location.origin);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('message', this.#onMessage);
    super.disconnectedCallback();
  }

  override render() {
    if (!this.active) return nothing;
    return html`<screen-mode-takeover
      .active=${this.active}
      .language=${this.language}
      .wordings=${this.wordings}
      .now=${Date.parse(this.active.startedAt)}
      .location=${this.location}
    ></screen-mode-takeover>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'muster-preview': MusterPreview;
  }
}
