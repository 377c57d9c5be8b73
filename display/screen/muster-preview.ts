// <muster-preview>: the takeover exactly as a screen shows it, for the admin console's preview. Opened as
// /screen/?preview in an iframe sized like a screen, it draws what its parent page (same origin only) posts.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { z } from 'zod/mini';
import { ModeWordingsSchema, NO_WORDINGS, type ModeWordings } from '../../shared/mode-texts.ts';
import { ActiveModeSchema, LanguageSchema, type ActiveMode, type Language } from '../../shared/model.ts';
import { REQUEST_HEADER } from '../../shared/protocol.ts';
import { ScreenPreviewSchema } from '../../shared/screen-preview.ts';
import './muster-screen.ts';
import { StaticScreenView } from './static-screen-view.ts';
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
  /** A whole screen as the hub would have it: {screenId, mode} posted, the state fetched from the hub. */
  @state() private screen: StaticScreenView | null = null;
  @state() private problem: string | null = null;

  /** `slides`: unpublished slides to show instead of the published ones. */
  async #loadScreen(screenId: string, mode: string, slides: unknown[] | null): Promise<void> {
    try {
      const url = `/api/screens/${encodeURIComponent(screenId)}/preview`;
      const response = slides
        ? await fetch(url, { method: 'POST', headers: { [REQUEST_HEADER]: '1', 'Content-Type': 'application/json' }, body: JSON.stringify({ mode, slides }) })
        : await fetch(`${url}?mode=${encodeURIComponent(mode)}`, { headers: { [REQUEST_HEADER]: '1' } });
      const body = (await response.json()) as { ok?: boolean; preview?: unknown; error?: { message?: string } };
      const preview = ScreenPreviewSchema.safeParse(body.preview);
      if (!response.ok || !preview.success) throw new Error(body.error?.message ?? `the hub answered ${response.status}`);
      this.screen = new StaticScreenView(preview.data);
      this.problem = null;
    } catch (error) {
      this.problem = `No preview: ${(error as Error).message}`;
    }
  }

  readonly #onMessage = (event: MessageEvent) => {
    if (event.origin !== window.location.origin) return;
    const data = event.data as Record<string, unknown> | null;
    if (typeof data?.screenId === 'string') {
      this.active = null;
      void this.#loadScreen(data.screenId, typeof data.mode === 'string' ? data.mode : 'now', Array.isArray(data.slides) ? data.slides : null);
      return;
    }
    const active = ActiveModeSchema.safeParse(data?.active);
    if (!active.success) return;
    this.screen = null;
    this.active = active.data;
    this.language = z.catch(LanguageSchema, 'en').parse(data?.language);
    this.wordings = z.catch(ModeWordingsSchema, NO_WORDINGS).parse(data?.wordings);
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
    if (this.problem) return html`<p data-test="preview-problem">${this.problem}</p>`;
    if (this.screen) return html`<muster-screen .screenId=${this.screen.state.profile!.id} .view=${this.screen}></muster-screen>`;
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
