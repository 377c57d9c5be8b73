// Unit tests for the tones' schedules (their length, envelopes and distinctness) and for when a screen sounds one.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODE_TONES, TONE_IDS, type ModeTones } from '../../shared/mode-tones.ts';
import type { ActiveMode } from '../../shared/model.ts';
import { TONE_PATTERNS, toneForChange, toneSchedule } from './screen-tones.ts';

const length = (id: (typeof TONE_IDS)[number]) => {
  const notes = toneSchedule(TONE_PATTERNS[id], 0);
  return Math.max(...notes.map((n) => n.end));
};

describe('toneSchedule', () => {
  it('makes every tone a few seconds long, starting at the time asked', () => {
    for (const id of TONE_IDS) {
      const notes = toneSchedule(TONE_PATTERNS[id], 10);
      expect(notes[0]!.start, id).toBe(10);
      expect(length(id), id).toBeGreaterThan(1.5);
      expect(length(id), id).toBeLessThanOrEqual(4);
    }
  });

  it('repeats the notes of a pattern at its interval', () => {
    const alarm = toneSchedule(TONE_PATTERNS.alarm, 0);
    expect(alarm).toHaveLength(16);
    expect(alarm.map((n) => n.frequency).slice(0, 4)).toEqual([988, 784, 988, 784]);
    expect(alarm[2]!.start).toBeCloseTo(0.36);
    expect(alarm[15]!.start).toBeCloseTo(7 * 0.36 + 0.18);
  });

  it('gives each note an envelope that starts silent, rises to its level and ends silent at its end, in time order', () => {
    for (const id of TONE_IDS) {
      for (const note of toneSchedule(TONE_PATTERNS[id], 2)) {
        const [first, ...rest] = note.envelope;
        expect(first, id).toEqual({ time: note.start, value: 0, ramp: 'set' });
        expect(note.envelope.at(-1)!.time, id).toBeCloseTo(note.end);
        expect(note.envelope.at(-1)!.value, id).toBeLessThan(0.001);
        const times = note.envelope.map((p) => p.time);
        expect(times, id).toEqual([...times].sort((a, b) => a - b));
        // Exponential ramps cannot reach 0, and no level is loud enough to clip when notes overlap.
        for (const point of rest) {
          if (point.ramp === 'exponential') expect(point.value, id).toBeGreaterThan(0);
          expect(point.value, id).toBeLessThanOrEqual(0.5);
        }
      }
    }
  });

  it('sweeps the whoop upwards and rises through the All Clear chime', () => {
    const whoop = toneSchedule(TONE_PATTERNS.whoop, 0);
    expect(whoop.every((n) => n.toFrequency !== null && n.toFrequency > n.frequency)).toBe(true);
    const rising = toneSchedule(TONE_PATTERNS['rising-chime'], 0).map((n) => n.frequency);
    expect(rising).toEqual([...rising].sort((a, b) => a - b));
    expect(new Set(rising).size).toBe(3);
  });

  it('keeps the tones distinct: no two share their notes, rhythm and wave', () => {
    const signature = (id: (typeof TONE_IDS)[number]) =>
      JSON.stringify(toneSchedule(TONE_PATTERNS[id], 0).map((n) => [n.wave, n.frequency, n.toFrequency, n.start.toFixed(2)]));
    expect(new Set(TONE_IDS.map(signature)).size).toBe(TONE_IDS.length);
  });
});

describe('toneForChange', () => {
  const base = { scope: { kind: 'site' as const }, startedAt: '2026-11-22T10:00:00.000Z', by: 'office' };
  const lockdown: ActiveMode = { ...base, mode: 'lockdown', drill: false, seq: 5 };
  const lockdownDrill: ActiveMode = { ...base, mode: 'lockdown', drill: true, seq: 3 };
  const hold: ActiveMode = { ...base, mode: 'hold', drill: false, seq: 2 };

  it("sounds a mode's tone when the screen starts showing it, drills too", () => {
    expect(toneForChange(0, lockdown, DEFAULT_MODE_TONES)).toBe('alarm');
    expect(toneForChange(0, lockdownDrill, DEFAULT_MODE_TONES)).toBe('alarm');
    expect(toneForChange(2, lockdown, DEFAULT_MODE_TONES)).toBe('alarm');
    // Back to a mode that was on before (a higher one ended): the screen's instructions change, so it sounds.
    expect(toneForChange(5, hold, DEFAULT_MODE_TONES)).toBe('chime');
  });

  it('sounds the All Clear when the screen goes back to normal', () => {
    expect(toneForChange(5, null, DEFAULT_MODE_TONES)).toBe('rising-chime');
  });

  it('sounds nothing when what the screen shows has not changed (a reconnect, a snapshot, a hazard marked)', () => {
    expect(toneForChange(5, lockdown, DEFAULT_MODE_TONES)).toBeNull();
    expect(toneForChange(0, null, DEFAULT_MODE_TONES)).toBeNull();
  });

  it("follows the school's choice, none included", () => {
    const tones: ModeTones = { ...DEFAULT_MODE_TONES, lockdown: 'none', allClear: 'chime' };
    expect(toneForChange(0, lockdown, tones)).toBe('none');
    expect(toneForChange(5, null, tones)).toBe('chime');
  });
});
