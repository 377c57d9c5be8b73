// A ReactiveController that sounds a wall screen's tones: once when the screen starts showing a mode, once at the All
// Clear, never for a reload or a reconnect that shows what it already showed; and that knows whether the screen can
// sound at all, for its health in the admin console. A browser that blocks audio is asked again at the first touch.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_MODE_TONES, type ModeTones, type ToneId } from '../../shared/mode-tones.ts';
import type { ActiveMode } from '../../shared/model.ts';
import type { SoundHealth } from '../../shared/protocol.ts';
import { afterWork } from './after-work.ts';
import { TonePlayer, toneForChange } from './screen-tones.ts';

/** What the screen shows, and what it is set to sound. */
export interface SoundCue {
  active: ActiveMode | null;
  tones: ModeTones | undefined;
  /** False for a screen set to stay silent (and for the admin console's preview). */
  soundOn: boolean;
}

export class ScreenSoundController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #onHealth: (health: SoundHealth) => void;
  readonly #player = new TonePlayer(() => this.#healthMayHaveChanged());
  #soundOn = false;
  /** The seq of the mode the screen showed at its last paint (0: normal); null before its first paint. */
  #shownSeq: number | null = null;
  #reported: SoundHealth | null = null;

  /** `onHealth`: whether the screen can sound changed (to tell the hub). */
  constructor(host: ReactiveControllerHost & HTMLElement, onHealth: (health: SoundHealth) => void) {
    this.#host = host;
    this.#onHealth = onHealth;
    host.addController(this);
  }

  get health(): SoundHealth {
    return this.#soundOn ? this.#player.health : 'off';
  }

  hostConnected(): void {
    // Touch screens get pointerdown, a kiosk's keyboard keydown: either lets a browser that blocked audio start it.
    window.addEventListener('pointerdown', this.#resume, true);
    window.addEventListener('keydown', this.#resume, true);
  }

  hostDisconnected(): void {
    window.removeEventListener('pointerdown', this.#resume, true);
    window.removeEventListener('keydown', this.#resume, true);
    // Opened again at the next paint should the screen be put back on the page; what it showed is kept, so no tone.
    this.#soundOn = false;
    this.#player.close();
  }

  /** After each paint of the screen: sounds the tone of a change of what it shows. The first paint is what it showed before (a reload). */
  painted({ active, tones, soundOn }: SoundCue): void {
    if (soundOn !== this.#soundOn) {
      this.#soundOn = soundOn;
      if (soundOn) this.#player.open();
      else this.#player.close();
      this.#healthMayHaveChanged();
    }
    const shownSeq = this.#shownSeq;
    this.#shownSeq = active?.seq ?? 0;
    if (shownSeq === null) return;
    const tone = toneForChange(shownSeq, active, tones ?? DEFAULT_MODE_TONES);
    if (tone === null || tone === 'none') return;
    // Out of the way of the paint of what it sounds for: the screen's words come first, the tone a frame or so later.
    afterWork(() => this.#play(tone, active?.mode ?? 'normal'));
  }

  /** A readiness sweep's check that people can hear this screen: a gentle chime, not a mode's tone. */
  test(): void {
    this.#play('chime', 'test');
  }

  #play(tone: ToneId, what: string): void {
    if (!this.#soundOn) return;
    void this.#player.play(tone).then((played) => {
      // For people and tests looking at the page: which tone it sounded, and for what.
      if (played) this.#host.dispatchEvent(new CustomEvent('muster-tone', { bubbles: true, composed: true, detail: { tone, mode: what } }));
    });
  }

  readonly #resume = (): void => {
    if (this.#soundOn && this.#player.health === 'blocked') void this.#player.resume();
  };

  #healthMayHaveChanged(): void {
    const health = this.health;
    if (health === this.#reported) return;
    this.#reported = health;
    this.#onHealth(health);
  }
}
