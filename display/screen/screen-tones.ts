// The tones a screen sounds when a mode starts and at the All Clear: each a short table of notes, turned into a
// schedule by a pure function and played with the Web Audio API (oscillators and gain envelopes), so there is no
// audio file to cache or to fail to load. TonePlayer is the thin part that touches the browser.
import type { ModeTones, ToneChoice, ToneId } from '../../shared/mode-tones.ts';
import type { ActiveMode } from '../../shared/model.ts';

export interface ToneNote {
  /** Hz; with `toFrequency`, a sweep from one to the other over the note. */
  frequency: number;
  toFrequency?: number;
  /** Seconds from the start of the repeat. */
  start: number;
  duration: number;
  /** Peak level, 0–1; the levels are set so the tones sound about equally loud. */
  gain: number;
}

export interface TonePattern {
  wave: OscillatorType;
  /** 'flat': on and off like a siren; 'bell': struck, then fading like a chime. */
  envelope: 'flat' | 'bell';
  notes: readonly ToneNote[];
  /** The notes again every `every` seconds, `times` times in all. */
  times: number;
  every: number;
}

const note = (frequency: number, start: number, duration: number, gain: number, toFrequency?: number): ToneNote => ({
  frequency,
  start,
  duration,
  gain,
  ...(toFrequency === undefined ? {} : { toFrequency }),
});

/** Each a few seconds long, and unlike the others in rhythm and pitch, so people learn which is which. */
export const TONE_PATTERNS: Readonly<Record<ToneId, TonePattern>> = {
  // Urgent: a fast, high hi-lo, eight times (2.9 s).
  alarm: { wave: 'square', envelope: 'flat', notes: [note(988, 0, 0.17, 0.16), note(784, 0.18, 0.17, 0.16)], times: 8, every: 0.36 },
  // Three slow sweeps upwards, as evacuation signals do (3.5 s).
  whoop: { wave: 'sawtooth', envelope: 'flat', notes: [note(440, 0, 0.95, 0.14, 1100)], times: 3, every: 1.25 },
  // Three long, low pulses (3.2 s).
  pulses: { wave: 'triangle', envelope: 'flat', notes: [note(349, 0, 0.8, 0.45)], times: 3, every: 1.2 },
  // Two struck notes, falling (E5, C5).
  chime: { wave: 'sine', envelope: 'bell', notes: [note(659, 0, 1.2, 0.5), note(523, 0.5, 1.5, 0.5)], times: 1, every: 0 },
  // Three short strikes of one high note (A5).
  'triple-chime': { wave: 'sine', envelope: 'bell', notes: [note(880, 0, 0.7, 0.45), note(880, 0.3, 0.7, 0.45), note(880, 0.6, 1.2, 0.45)], times: 1, every: 0 },
  // Three notes rising (C5, E5, G5): things are back to normal.
  'rising-chime': { wave: 'sine', envelope: 'bell', notes: [note(523, 0, 1, 0.45), note(659, 0.35, 1, 0.45), note(784, 0.7, 1.6, 0.45)], times: 1, every: 0 },
};

/** One point of a gain envelope: jump to the value, or ramp to it by then. */
export interface EnvelopePoint {
  time: number;
  value: number;
  ramp: 'set' | 'linear' | 'exponential';
}

export interface ScheduledNote {
  wave: OscillatorType;
  frequency: number;
  toFrequency: number | null;
  start: number;
  end: number;
  envelope: EnvelopePoint[];
}

/** Seconds to reach full level (and, for 'flat', to fall silent): short enough to be crisp, long enough not to click. */
const ATTACK = 0.01;
/** Web Audio's exponential ramps cannot reach zero; this is silence. */
const SILENT = 0.0001;

/** Every note of a tone, with absolute times from `at` (an AudioContext time), in the order they start. */
export function toneSchedule(pattern: TonePattern, at: number): ScheduledNote[] {
  const scheduled: ScheduledNote[] = [];
  for (let repeat = 0; repeat < pattern.times; repeat += 1) {
    for (const { frequency, toFrequency, start, duration, gain } of pattern.notes) {
      const begin = at + repeat * pattern.every + start;
      const end = begin + duration;
      const envelope: EnvelopePoint[] =
        pattern.envelope === 'bell'
          ? [
              { time: begin, value: 0, ramp: 'set' },
              { time: begin + ATTACK, value: gain, ramp: 'linear' },
              { time: end, value: SILENT, ramp: 'exponential' },
            ]
          : [
              { time: begin, value: 0, ramp: 'set' },
              { time: begin + ATTACK, value: gain, ramp: 'linear' },
              { time: end - ATTACK, value: gain, ramp: 'set' },
              { time: end, value: 0, ramp: 'linear' },
            ];
      scheduled.push({ wave: pattern.wave, frequency, toFrequency: toFrequency ?? null, start: begin, end, envelope });
    }
  }
  return scheduled.sort((a, b) => a.start - b.start);
}

/**
 * What a screen sounds when what it shows changes from the mode started by `shownSeq` (0: normal) to `active`: the
 * new mode's tone, the All Clear's, or null for nothing (no change: a reconnect, a snapshot of the same state).
 */
export function toneForChange(shownSeq: number, active: ActiveMode | null, tones: ModeTones): ToneChoice | null {
  const seq = active?.seq ?? 0;
  if (seq === shownSeq) return null;
  return active ? tones[active.mode] : tones.allClear;
}

export type PlayerHealth = 'ok' | 'blocked' | 'unavailable';

/** How long after its last note a tone's context is suspended: a running context renders silence all the time. */
const IDLE_AFTER_S = 1;
/** How long a context suspended while idle may take to run again before the tone is given up (not played late). */
const WAKE_TIMEOUT_MS = 1000;

/**
 * Plays tones on one AudioContext. Where the browser allows no audio before a gesture, the context stays suspended.
 * Between tones the player suspends the context itself: a running context renders silence, which costs a screen CPU
 * every second (about 1 % of a core here, per screen), and it is woken for the next tone.
 */
export class TonePlayer {
  #context: AudioContext | null = null;
  #unavailable = false;
  /** Suspended by the player between tones, after the browser let it run: it can sound. */
  #idle = false;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** The tone sounding now, cut off when another starts. */
  #output: GainNode | null = null;

  /** `onHealthChange`: the context started, was blocked, or closed. */
  constructor(private readonly onHealthChange: () => void = () => {}) {}

  get health(): PlayerHealth {
    if (this.#unavailable) return 'unavailable';
    return this.#context?.state === 'running' || this.#idle ? 'ok' : 'blocked';
  }

  /** Make the audio output ready; asks the browser to let it run (it may wait for a gesture: see resume). */
  open(): void {
    if (this.#context || this.#unavailable) return;
    try {
      // Large buffers: a tone may start tens of milliseconds late, and the audio threads wake far less often (a third
      // of their processor time here, which a small player's paint needs more).
      this.#context = new AudioContext({ latencyHint: 'playback' });
    } catch {
      this.#unavailable = true;
      this.onHealthChange();
      return;
    }
    this.#context.addEventListener('statechange', this.onHealthChange);
    void this.resume();
    this.onHealthChange();
  }

  /** Ask again to run: after a user gesture, a browser that blocked audio lets it start. Once it runs, it rests until a tone. */
  async resume(): Promise<void> {
    const context = this.#context;
    if (!context) return;
    await context.resume().catch(() => undefined);
    if (context === this.#context && context.state === 'running' && this.#output === null) this.#restSoon(context, 0);
  }

  close(): void {
    const context = this.#context;
    this.#context = null;
    this.#output = null;
    this.#idle = false;
    clearTimeout(this.#idleTimer);
    if (!context) return;
    context.removeEventListener('statechange', this.onHealthChange);
    void context.close().catch(() => undefined);
    this.onHealthChange();
  }

  /**
   * Sound a tone: at once when the context runs, or as soon as a context resting between tones has woken. False when
   * audio cannot play (a context the browser holds suspended would play it late, so it is not queued).
   */
  async play(tone: ToneId): Promise<boolean> {
    const context = this.#context;
    if (!context) return false;
    if (context.state !== 'running') {
      if (!this.#idle) return false;
      clearTimeout(this.#idleTimer);
      const woke = await Promise.race([context.resume().then(() => true, () => false), new Promise<false>((done) => setTimeout(done, WAKE_TIMEOUT_MS, false))]);
      if (context !== this.#context) return false;
      if (!woke || (context.state as AudioContextState) !== 'running') {
        // It did not wake: the screen must say it cannot sound, not claim it can.
        this.#idle = false;
        this.onHealthChange();
        return false;
      }
    }
    this.#idle = false;
    this.#output?.disconnect();
    const output = context.createGain();
    output.connect(context.destination);
    this.#output = output;
    // A little ahead, so the first note's envelope is not cut by the time it takes to set the nodes up.
    let end = context.currentTime;
    for (const scheduled of toneSchedule(TONE_PATTERNS[tone], context.currentTime + 0.05)) {
      const oscillator = context.createOscillator();
      oscillator.type = scheduled.wave;
      oscillator.frequency.setValueAtTime(scheduled.frequency, scheduled.start);
      if (scheduled.toFrequency !== null) oscillator.frequency.exponentialRampToValueAtTime(scheduled.toFrequency, scheduled.end);
      const gain = context.createGain();
      for (const point of scheduled.envelope) {
        if (point.ramp === 'set') gain.gain.setValueAtTime(point.value, point.time);
        else if (point.ramp === 'linear') gain.gain.linearRampToValueAtTime(point.value, point.time);
        else gain.gain.exponentialRampToValueAtTime(point.value, point.time);
      }
      oscillator.connect(gain).connect(output);
      oscillator.start(scheduled.start);
      oscillator.stop(scheduled.end);
      end = Math.max(end, scheduled.end);
    }
    this.#restSoon(context, end - context.currentTime + IDLE_AFTER_S);
    return true;
  }

  /** Suspend the context `seconds` from now, unless a tone comes first. */
  #restSoon(context: AudioContext, seconds: number): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      if (context !== this.#context || context.state !== 'running') return;
      this.#output?.disconnect();
      this.#output = null;
      this.#idle = true;
      void context.suspend().catch(() => undefined);
    }, seconds * 1000);
  }
}
