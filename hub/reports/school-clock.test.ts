import { describe, expect, it } from 'vitest';
import { nextDay, offsetMinutes, schoolDate, schoolDayStart, schoolTimestamp } from './school-clock.ts';

const CHICAGO = 'America/Chicago';

describe('the school clock', () => {
  it('knows the offset on either side of a daylight-saving change', () => {
    expect(offsetMinutes(Date.parse('2026-01-15T12:00:00Z'), CHICAGO)).toBe(-360);
    expect(offsetMinutes(Date.parse('2026-07-15T12:00:00Z'), CHICAGO)).toBe(-300);
    expect(offsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
    // Chicago springs forward at 2:00 CST, 08:00 UTC, on 8 March 2026.
    expect(schoolTimestamp(Date.parse('2026-03-08T07:59:59Z'), CHICAGO)).toBe('2026-03-08T01:59:59-06:00');
    expect(schoolTimestamp(Date.parse('2026-03-08T08:00:00Z'), CHICAGO)).toBe('2026-03-08T03:00:00-05:00');
    expect(schoolTimestamp(Date.parse('2026-11-01T06:59:59Z'), CHICAGO)).toBe('2026-11-01T01:59:59-05:00');
    expect(schoolTimestamp(Date.parse('2026-11-01T07:00:00Z'), CHICAGO)).toBe('2026-11-01T01:00:00-06:00');
  });

  it('turns a school day into the instants it starts and ends', () => {
    expect(new Date(schoolDayStart('2026-11-22', CHICAGO)).toISOString()).toBe('2026-11-22T06:00:00.000Z');
    expect(new Date(schoolDayStart('2026-07-04', CHICAGO)).toISOString()).toBe('2026-07-04T05:00:00.000Z');
    // The day clocks go forward (8 March 2026) starts before the change and is 23 hours long.
    expect(new Date(schoolDayStart('2026-03-08', CHICAGO)).toISOString()).toBe('2026-03-08T06:00:00.000Z');
    expect(new Date(schoolDayStart('2026-03-09', CHICAGO)).toISOString()).toBe('2026-03-09T05:00:00.000Z');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });

  it('writes instants as the school’s local time with its offset', () => {
    expect(schoolTimestamp(Date.parse('2026-11-22T14:03:11.201Z'), CHICAGO)).toBe('2026-11-22T08:03:11-06:00');
    expect(schoolTimestamp(Date.parse('2026-11-22T05:30:00Z'), CHICAGO)).toBe('2026-11-21T23:30:00-06:00');
    expect(schoolTimestamp(Date.parse('2026-11-22T00:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-22T05:30:00+05:30');
    expect(schoolDate(Date.parse('2026-11-22T05:30:00Z'), CHICAGO)).toBe('2026-11-21');
  });

  it('falls back to UTC for a zone it does not know', () => {
    expect(schoolTimestamp(Date.parse('2026-11-22T14:03:11Z'), 'Mars/Olympus_Mons')).toBe('2026-11-22T14:03:11+00:00');
  });
});
