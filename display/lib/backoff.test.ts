// Backoff: grows, is capped, and spreads clients over the window.
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

const options = { baseMs: 500, maxMs: 10_000 };

describe('backoffDelay', () => {
  it('doubles its ceiling per attempt and never exceeds the cap', () => {
    expect(backoffDelay(0, options, () => 1)).toBe(500);
    expect(backoffDelay(1, options, () => 1)).toBe(1000);
    expect(backoffDelay(4, options, () => 1)).toBe(8000);
    expect(backoffDelay(5, options, () => 1)).toBe(10_000);
    expect(backoffDelay(500, options, () => 1)).toBe(10_000);
  });

  it('never retries sooner than half the ceiling', () => {
    expect(backoffDelay(0, options, () => 0)).toBe(250);
    expect(backoffDelay(9, options, () => 0)).toBe(5000);
  });

  it('spreads a thousand clients across the window instead of one instant', () => {
    const delays = Array.from({ length: 1000 }, () => backoffDelay(6, options));
    const buckets = new Set(delays.map((d) => Math.floor(d / 500)));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(5000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(10_000);
    expect(buckets.size).toBeGreaterThanOrEqual(9); // 5000–10000 ms in 500 ms buckets: all ten or nearly
  });

  it('rejects nonsense options', () => {
    expect(() => backoffDelay(0, { baseMs: 0, maxMs: 10 })).toThrow();
    expect(() => backoffDelay(0, { baseMs: 100, maxMs: 10 })).toThrow();
  });
});
