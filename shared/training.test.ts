// Unit tests for how a person's training stands on a day: valid for the school's months after completion, due in
// the last 30 days, expired after.
import { describe, expect, it } from 'vitest';
import { addMonths, trainingStanding } from './training.ts';

describe('addMonths', () => {
  it('moves by whole months, to the month’s last day when it is shorter', () => {
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});

describe('trainingStanding', () => {
  const stand = (today: string, lastCompletedOn: string | null = '2026-03-15', started = false) => trainingStanding({ lastCompletedOn, started, validityMonths: 12, today });

  it('is current until the day before the same date a validity period on, due in its last 30 days, then expired', () => {
    expect(stand('2026-03-15')).toEqual({ state: 'current', completedOn: '2026-03-15', validUntil: '2027-03-14' });
    expect(stand('2027-02-11').state).toBe('current');
    expect(stand('2027-02-12').state).toBe('due-soon');
    expect(stand('2027-03-14').state).toBe('due-soon');
    expect(stand('2027-03-15').state).toBe('expired');
  });

  it('tells someone who never finished from someone who never started', () => {
    expect(stand('2026-03-15', null, true)).toEqual({ state: 'started', completedOn: null, validUntil: null });
    expect(stand('2026-03-15', null, false).state).toBe('never-started');
  });
});
