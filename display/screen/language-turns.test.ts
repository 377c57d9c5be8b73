// Unit tests for a screen's language turns: first language first, turns of the given length, a new view starts over.
import { describe, expect, it } from 'vitest';
import { LanguageTurns, MODE_TURN_MS, NORMAL_TURN_MS } from './language-turns.ts';

describe('LanguageTurns', () => {
  it('shows one language when there is no second one', () => {
    const turns = new LanguageTurns();
    expect(turns.languageAt(0, 'normal', 'es', undefined, NORMAL_TURN_MS)).toBe('es');
    expect(turns.languageAt(60_000, 'normal', 'es', undefined, NORMAL_TURN_MS)).toBe('es');
  });

  it('takes turns of the given length, the first language first', () => {
    const turns = new LanguageTurns();
    const at = (t: number) => turns.languageAt(t, 'normal', 'en', 'es', NORMAL_TURN_MS);
    expect([at(1000), at(1000 + NORMAL_TURN_MS - 1), at(1000 + NORMAL_TURN_MS), at(1000 + 2 * NORMAL_TURN_MS)]).toEqual(['en', 'en', 'es', 'en']);
  });

  it('starts over with the first language when the view changes (a mode starts), then turns faster', () => {
    const turns = new LanguageTurns();
    turns.languageAt(0, 'normal', 'en', 'es', NORMAL_TURN_MS);
    expect(turns.languageAt(NORMAL_TURN_MS, 'normal', 'en', 'es', NORMAL_TURN_MS)).toBe('es');
    const started = NORMAL_TURN_MS + 500;
    expect(turns.languageAt(started, 'evacuate:12', 'en', 'es', MODE_TURN_MS)).toBe('en');
    expect(turns.languageAt(started + MODE_TURN_MS, 'evacuate:12', 'en', 'es', MODE_TURN_MS)).toBe('es');
    expect(turns.languageAt(started + MODE_TURN_MS + 1, 'lockdown:13', 'en', 'es', MODE_TURN_MS)).toBe('en');
  });
});
