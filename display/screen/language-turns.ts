// Which language a screen with a second language shows now. The whole view takes turns between the two; every
// new view (a mode starts, changes or ends) starts over with the screen's first language, so the first words of
// an emergency are always in it, and a reader of the other one knows how long to wait.
import type { Language } from '../../shared/model.ts';

/**
 * In a mode, a reader of the other language must not wait long for it: 8 s is enough to read the directive,
 * the way to go and the first steps, and short enough that the other half of the hallway is not left guessing.
 */
export const MODE_TURN_MS = 8_000;
/** In normal times nothing is urgent: slower turns are calmer to walk past and give a slide time to be read. */
export const NORMAL_TURN_MS = 15_000;

export class LanguageTurns {
  #view: string | null = null;
  #since = 0;

  /**
   * The language to show at `now`. `view` names what is shown ("normal", or the active mode and its sequence):
   * when it changes, the turns start again with `first`.
   */
  languageAt(now: number, view: string, first: Language, second: Language | undefined, turnMs: number): Language {
    const key = `${view}|${first}|${second ?? ''}`;
    if (key !== this.#view) {
      this.#view = key;
      this.#since = now;
    }
    if (!second) return first;
    return Math.floor((now - this.#since) / turnMs) % 2 === 0 ? first : second;
  }
}
