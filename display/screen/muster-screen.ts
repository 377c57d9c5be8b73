// <muster-screen screen-id="…">: a whole wall screen. Shows normal content or, when a mode is active in its
// scope, the full-screen takeover; keeps the last state through hub and network outages and says so.
// Other signage players can embed it: it needs only its screen id and a route to the hub.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cache } from 'lit/directives/cache.js';
import type { ActiveMode, Destination, Language } from '../../shared/model.ts';
import { NO_WORDINGS } from '../../shared/mode-texts.ts';
import type { RouteGoal } from '../../shared/routing.ts';
import { NO_UPDATES, type AppUpdates } from '../lib/app-updates.ts';
import { ClockController } from './clock-controller.ts';
import { ScreenLinkController } from './screen-link-controller.ts';
import { ScreenSoundController } from './screen-sound-controller.ts';
import { afterWork } from './after-work.ts';
import type { ScreenView } from './static-screen-view.ts';
import { ScreenRoutes } from './screen-routes.ts';
import { SCREEN_WORDS } from './screen-words.ts';
import { clockTime, elapsed } from './time-format.ts';
import './screen-mode-takeover.ts';
// The normal view (slides, the clock, the map) is not needed to paint a mode, so it is not in the first load: it is
// loaded at once (from the service worker's cache), and <screen-normal-view> draws itself when it arrives.
import('./screen-normal-view.ts').catch((error: unknown) => console.warn('Could not load the normal view:', error));
import { hazardAreasAt } from '../../shared/hazards-here.ts';
import { activeModeIn, nameIn, profileIn } from '../../shared/translations.ts';
import { LanguageTurns, MODE_TURN_MS, NORMAL_TURN_MS } from './language-turns.ts';

/** Below this width (CSS pixels) each half of a side-by-side screen is too narrow to read: languages take turns. */
const SIDE_BY_SIDE_MIN_WIDTH = 1280;

/** Reconnecting briefly is normal; only a longer silence is worth telling people about. */
const OFFLINE_GRACE_MS = 5000;


/**
 * Which way a screen shows people: the nearest exit in normal times and during an evacuation, the shelter
 * area when sheltering there; none otherwise. Lockdown never shows a map (no "where to hide" on hallways).
 */
function routeGoalFor(active: ActiveMode | null): RouteGoal | null {
  if (active === null || active.mode === 'evacuate') return 'exit';
  if (active.mode === 'shelter' && active.strategy === 'shelter-area') return 'shelter';
  return null;
}

@customElement('muster-screen')
export class MusterScreen extends LitElement {
  static override styles = css`
    .languages {
      position: fixed;
      top: 1.2vmin;
      right: 1.2vmin;
      z-index: 20;
      display: flex;
      gap: 0.3em;
      padding: 0.25em 0.6em;
      border-radius: 0.6em;
      background: rgb(15 23 42 / 0.75);
      color: rgb(248 250 252 / 0.6);
      font: 700 clamp(12px, 2vmin, 32px) / 1.2 system-ui, sans-serif;
      letter-spacing: 0.05em;
    }
    .languages [aria-current] {
      color: #fff;
      text-decoration: underline 0.15em;
      text-underline-offset: 0.2em;
    }
    :host {
      display: block;
      position: fixed;
      inset: 0;
      overflow: hidden;
      background: #0f172a;
      cursor: none;
    }
    .notice {
      position: fixed;
      left: 50%;
      bottom: 2vmin;
      transform: translateX(-50%);
      z-index: 20;
      max-width: 90vw;
      padding: 1vmin 2.5vmin;
      border-radius: 1vmin;
      background: #111827;
      color: #fde68a;
      border: 0.4vmin solid #fde68a;
      font: 700 clamp(14px, 2.6vmin, 40px) / 1.3 system-ui, sans-serif;
      text-align: center;
    }
  `;

  @property({ attribute: 'screen-id' }) screenId = '';
  @property({ attribute: false }) token: string | null = null;
  @property({ attribute: false }) updates: AppUpdates = NO_UPDATES;
  /** Defaults to /ws on this page's origin. */
  @property({ attribute: 'hub-url' }) hubUrl: string | undefined;

  readonly #clock = new ClockController(this);
  readonly #routes = new ScreenRoutes(() => this.requestUpdate());
  /** The page title last asked for (set once the page is idle). */
  #title = '';
  readonly #sound = new ScreenSoundController(this, (health) => {
    if (this.#link instanceof ScreenLinkController) this.#link.reportSound(health);
    this.requestUpdate();
  });
  readonly #turns = new LanguageTurns();
  /** The language the last render drew in. */
  #language: Language = 'en';
  /** The active mode in the language shown, kept while neither changes so the takeover does not refit every second. */
  readonly #shownModes = new Map<Language, { active: ActiveMode; destinations: readonly Destination[] | undefined; shown: ActiveMode }>();
  #link: ScreenView | null = null;
  /** The target of the route on screen: reflected as data-route for people and tests. */
  #routeTarget = 'none';
  /** The readiness-sweep code on screen: reflected as data-sweep. */
  #sweepShown = 'none';

  /**
   * Set for the admin console's preview (a StaticScreenView, made by muster-preview.ts, so the wall screen's first load
   * does not carry it): draw this state, with no hub connection at all.
   */
  @property({ attribute: false }) view: ScreenView | null = null;

  override willUpdate(changed: PropertyValues): void {
    if (changed.has('view') && this.view) this.#link = this.view;
  }

  readonly #resized = () => this.requestUpdate();

  override disconnectedCallback(): void {
    removeEventListener('resize', this.#resized);
    super.disconnectedCallback();
  }

  override connectedCallback(): void {
    // The link needs the screen id, so it is created on first connection rather than in the constructor.
    this.#link ??= this.view ?? new ScreenLinkController(this, {
      screenId: this.screenId,
      token: this.token,
      build: __MUSTER_BUILD__,
      updates: this.updates,
      hubUrl: this.hubUrl,
      soundHealth: () => this.#sound.health,
      // A test tone never sounds over a mode.
      testTone: () => this.#link?.effective || this.#sound.test(),
    });
    // Whether two languages fit side by side depends on the screen's size.
    addEventListener('resize', this.#resized);
    super.connectedCallback();
  }

  override render() {
    const link = this.#link;
    // Nothing, rather than normal content, until the saved state is read: it may hold a mode.
    if (!link?.loaded) return nothing;
    const { site, plan, hazards } = link.state;
    const active = link.effective;
    const saved = link.state.profile;
    // Two languages side by side during a mode: one takeover in each half of a wide screen (each half without the
    // map, which would leave no room for the words); otherwise one view, in turns.
    const wide = innerWidth >= SIDE_BY_SIDE_MIN_WIDTH && innerWidth > innerHeight;
    const sideBySide = active && wide && saved?.secondLanguage && saved.languageLayout === 'side-by-side' ? [saved.language, saved.secondLanguage] : null;
    const language = sideBySide ? sideBySide[0]! : this.#languageShown(active);
    this.#language = language;
    const goal = routeGoalFor(active);
    const place = saved && goal ? this.#routes.placeOf(plan, this.screenId, saved.floorId) : null;
    const found = plan && place && goal ? this.#routes.route(plan, place, goal, hazards) : null;
    // No shelter area to walk to (a building without one) is not an emergency of its own: the takeover then
    // shows the mode's steps only. For exits, "no safe route" must be said.
    const route = found && !found.ok && goal === 'shelter' ? null : found;
    this.#routeTarget = route === null ? 'none' : route.ok ? route.target.poi.id : 'no-safe-route';
    // Standing in a marked hazard is said in words, not left to a red patch on the map.
    const areasHere = place ? hazardAreasAt(place.floor, place.spot.position, hazards) : [];
    const takeover = (active: ActiveMode, language: Language, half: 'start' | 'end' | null) => {
      // The school's own names (its place, the destination, the note, areas and exits) in the language shown.
      const profile = saved && profileIn(saved, language);
      return html`<screen-mode-takeover
        .active=${this.#modeIn(active, language, site?.destinations)}
        .language=${language}
        .half=${half}
        .map=${half === null}
        .now=${this.#clock.now}
        .timeZone=${site?.timeZone}
        .units=${site?.units ?? 'metres'}
        .location=${profile?.location ?? ''}
        .place=${place}
        .route=${route}
        .hazards=${hazards}
        .wordings=${link.state.wordings?.wordings ?? NO_WORDINGS}
        .hazardHere=${areasHere.map((area) => nameIn(area, language))}
        .notice=${this.#noticeText(language)}
      ></screen-mode-takeover>`;
    };
    const view = !active
      ? html`<screen-normal-view
          .slides=${link.state.content?.slides ?? []}
          .plan=${plan}
          .wordings=${link.state.wordings?.wordings ?? NO_WORDINGS}
          .site=${site}
          .profile=${saved && profileIn(saved, language)}
          .language=${language}
          .now=${this.#clock.now}
          .place=${place}
          .route=${route}
          .hazards=${hazards}
          .hazardHere=${areasHere.map((area) => nameIn(area, language))}
        ></screen-normal-view>`
      : sideBySide
        ? html`${takeover(active, sideBySide[0]!, 'start')}${takeover(active, sideBySide[1]!, 'end')}`
        : takeover(active, language, null);
    // Asked to identify itself: its name over the normal view (never over a mode's instructions), as the admin typed it.
    const identify =
      !active && link.identifyUntil > this.#clock.now
        ? html`<screen-identify .name=${saved?.name ?? this.screenId} .location=${saved?.location ?? ''}></screen-identify>`
        : nothing;
    // A readiness sweep's code, in a corner of the normal view only: a mode covers it at once.
    const sweep = link.sweep;
    this.#sweepShown = !active && sweep && sweep.until > this.#clock.now ? sweep.code : 'none';
    const sweepCode = this.#sweepShown === 'none' ? nothing : html`<screen-sweep-code .code=${this.#sweepShown} .name=${saved?.name ?? this.screenId}></screen-sweep-code>`;
    // During a mode the takeover gives the notice a line of its own; over normal content it is a small bar.
    const notice = active ? null : this.#noticeText(language);
    // Cached: the normal view a mode covers is kept, not built anew at the All Clear (its map is hundreds of elements),
    // and one takeover serves the next mode; each is updated with what has changed meanwhile when it is shown again.
    return html`${cache(view)}${sweepCode}${identify}${sideBySide ? nothing : this.#languageMarker(language)}${notice ? html`<div class="notice" data-test="offline-notice" role="status">${notice}</div>` : nothing}`;
  }

  /**
   * The language to draw the whole view in. A screen with a second language shows its two languages in turns;
   * a side-by-side display (both at once) would be chosen here and draw two views instead of one.
   */
  #languageShown(active: ActiveMode | null): Language {
    const profile = this.#link!.state.profile;
    const view = active ? `${active.mode}:${active.seq}` : 'normal';
    return this.#turns.languageAt(this.#clock.now, view, profile?.language ?? 'en', profile?.secondLanguage, active ? MODE_TURN_MS : NORMAL_TURN_MS);
  }

  #modeIn(active: ActiveMode, language: Language, destinations: readonly Destination[] | undefined): ActiveMode {
    const kept = this.#shownModes.get(language);
    if (kept?.active === active && kept.destinations === destinations) return kept.shown;
    const shown = activeModeIn(active, language, destinations ?? []);
    this.#shownModes.set(language, { active, destinations, shown });
    return shown;
  }

  /** "EN · ES" with the one shown marked, so a reader of the other language knows it is coming. */
  #languageMarker(shown: Language) {
    const profile = this.#link!.state.profile;
    if (!profile?.secondLanguage) return nothing;
    const languages = [profile.language, profile.secondLanguage];
    return html`<div class="languages" data-test="language-turn" data-language=${shown}>
      ${languages.map((language, i) => html`${i > 0 ? html`<span aria-hidden="true">·</span>` : nothing}<span lang=${language} aria-current=${language === shown ? 'true' : nothing}>${language.toUpperCase()}</span>`)}
    </div>`;
  }

  override updated(changed: PropertyValues): void {
    super.updated(changed);
    const link = this.#link;
    if (!link?.loaded) return;
    const active = link.effective;
    // Reflected for people and tests looking at the page: what it shows and whether it is in contact.
    this.dataset.mode = active?.mode ?? 'normal';
    this.dataset.drill = String(active?.drill ?? false);
    this.dataset.connection = link.status;
    this.dataset.seq = String(link.state.seq);
    this.dataset.route = this.#routeTarget;
    this.dataset.sweep = this.#sweepShown;
    // The preview in the admin console never sounds.
    this.#sound.painted({ active, tones: link.state.site?.tones, soundOn: !this.view && link.state.profile?.sound !== false });
    this.dataset.sound = this.#sound.health;
    // Read aloud and hyphenated in the language on show.
    this.lang = this.#language;
    // A reload an admin asked for waits for normal times, like an update.
    if (link.reloadRequested && !active) window.location.reload();
    this.dataset.build = __MUSTER_BUILD__;
    this.dataset.update = this.updates.pending ? 'waiting' : 'none';
    // Names the tab for a person with the screen open in a browser. Not the mode: a new title makes the browser
    // redraw its own window (tab strip, window manager) at every change, ~25 ms of processor per change across
    // Chromium's processes, which competes with the paint on a small player. Set once the page is idle.
    const title = `${link.state.profile?.name ?? this.screenId} · Muster`;
    if (title !== this.#title) {
      this.#title = title;
      afterWork(() => {
        if (this.#title === title) document.title = title;
      });
    }
    // A new version waiting for normal times takes over now if this paint is normal content (the reload then
    // paints the same saved state before it reaches the hub).
    this.updates.maybeActivate();
  }

  /** What the screen must say about its own link (no contact, replaced, unknown), or null. */
  #noticeText(language: Language): string | null {
    const link = this.#link!;
    const words = SCREEN_WORDS[language];
    if (link.problem === 'replaced') return words.replaced;
    if (link.problem === 'unknown-screen') return words.unknownScreen(this.screenId);
    if (link.status === 'open') return null;
    const now = this.#clock.now;
    const lastContact = link.lastContactAt;
    if (now - (lastContact ?? link.startedAt) < OFFLINE_GRACE_MS) return null;
    return lastContact === null ? words.neverConnected : words.noContact(clockTime(lastContact, language, link.state.site?.timeZone), elapsed(lastContact, now));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'muster-screen': MusterScreen;
  }
}
