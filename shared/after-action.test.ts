import { describe, expect, it } from 'vitest';
import { CorrectiveActionChangeSchema, isOverdue, NewCorrectiveActionSchema, openActionsInOrder } from './after-action.ts';

const action = (text: string, status: 'open' | 'in-progress' | 'done', due: string, createdAt = '2026-11-01T10:00:00.000Z') => ({ text, status, due, createdAt });

describe('where a corrective action stands', () => {
  it('is overdue once its due day has passed undone, not on the day itself, and never once done', () => {
    expect(isOverdue(action('a', 'open', '2026-11-26'), '2026-11-27')).toBe(true);
    expect(isOverdue(action('a', 'in-progress', '2026-11-26'), '2026-11-27')).toBe(true);
    expect(isOverdue(action('a', 'open', '2026-11-27'), '2026-11-27')).toBe(false);
    expect(isOverdue(action('a', 'done', '2026-01-01'), '2026-11-27')).toBe(false);
  });

  it('lists the open ones overdue first, then by due day, then oldest first, and leaves out the done ones', () => {
    const listed = openActionsInOrder(
      [
        action('later', 'open', '2026-12-20'),
        action('done', 'done', '2026-01-01'),
        action('soon, newer', 'in-progress', '2026-12-01', '2026-11-20T10:00:00.000Z'),
        action('long overdue', 'open', '2026-09-01'),
        action('soon, older', 'open', '2026-12-01', '2026-11-02T10:00:00.000Z'),
        action('just overdue', 'in-progress', '2026-11-26'),
      ],
      '2026-11-27',
    );
    expect(listed.map((a) => a.text)).toEqual(['long overdue', 'just overdue', 'soon, older', 'soon, newer', 'later']);
  });
});

describe('what may be written', () => {
  it('takes an action with text, owner and due day, open unless said, and refuses a change that changes nothing', () => {
    expect(NewCorrectiveActionSchema.parse({ text: ' Fix the sign ', owner: 'Ana', due: '2026-12-01' })).toEqual({ text: 'Fix the sign', owner: 'Ana', due: '2026-12-01', status: 'open' });
    expect(NewCorrectiveActionSchema.safeParse({ text: 'Fix', owner: 'Ana', due: '2026-02-30' }).success).toBe(false);
    expect(CorrectiveActionChangeSchema.safeParse({}).success).toBe(false);
    expect(CorrectiveActionChangeSchema.parse({ status: 'done' })).toEqual({ status: 'done' });
  });
});
