// The message budget lets a burst through, refuses a flood, and refills at its steady rate.
import { describe, expect, it } from 'vitest';
import { MessageBudget } from './message-budget.ts';

describe('MessageBudget', () => {
  it('allows a burst, then refuses until time refills it at the steady rate', () => {
    const budget = new MessageBudget({ perSecond: 10, burst: 5 }, 0);
    expect(Array.from({ length: 5 }, () => budget.take(0))).toEqual([true, true, true, true, true]);
    expect(budget.take(0)).toBe(false);
    expect(budget.take(50)).toBe(false); // half a message earned
    expect(budget.take(100)).toBe(true); // one earned
    expect(budget.take(100)).toBe(false);
    expect(budget.take(10_000)).toBe(true);
  });

  it('never saves up more than the burst', () => {
    const budget = new MessageBudget({ perSecond: 100, burst: 3 }, 0);
    const taken = Array.from({ length: 10 }, () => budget.take(60_000)).filter(Boolean).length;
    expect(taken).toBe(3);
  });
});
