// Normal-mode content: which screens a slide targets, when its schedule is on (at the school, with a clock the
// test sets), which slide of the rotation shows and which of its pages.
import { describe, expect, it } from 'vitest';
import { ScheduleSchema, SlideSchema, activeSlides, scheduleIsOn, slideAt, slidePageAt, targetsScreen, type Slide } from './content.ts';

const CHICAGO = 'America/Chicago';
const always = ScheduleSchema.parse({});
const slide = (id: string, patch: Partial<Slide> = {}): Slide =>
  SlideSchema.parse({ kind: 'announcement', id, title: id, text: 'Hello', targets: [{ kind: 'all' }], schedule: always, order: 0, durationSeconds: 10, ...patch });

describe('targetsScreen', () => {
  const gym = { buildingId: 'main', zoneId: 'gym', tags: ['athletics'] };
  const annex = { buildingId: 'annex', zoneId: 'annex-classrooms' };
  it('matches all screens, a building, a zone or a group, and any one target is enough', () => {
    expect(targetsScreen({ targets: [{ kind: 'all' }] }, annex)).toBe(true);
    expect(targetsScreen({ targets: [{ kind: 'building', buildingId: 'main' }] }, gym)).toBe(true);
    expect(targetsScreen({ targets: [{ kind: 'building', buildingId: 'main' }] }, annex)).toBe(false);
    expect(targetsScreen({ targets: [{ kind: 'zone', zoneId: 'gym' }] }, gym)).toBe(true);
    expect(targetsScreen({ targets: [{ kind: 'zone', zoneId: 'gym' }] }, annex)).toBe(false);
    expect(targetsScreen({ targets: [{ kind: 'group', tag: 'athletics' }] }, gym)).toBe(true);
    expect(targetsScreen({ targets: [{ kind: 'group', tag: 'athletics' }] }, annex)).toBe(false);
    expect(targetsScreen({ targets: [{ kind: 'zone', zoneId: 'gym' }, { kind: 'building', buildingId: 'annex' }] }, annex)).toBe(true);
  });
});

describe('scheduleIsOn, at the school', () => {
  // Monday 23 November 2026, 07:59 and 08:00 in Chicago (UTC−6).
  const mondayBefore8 = new Date('2026-11-23T13:59:00Z');
  const monday8 = new Date('2026-11-23T14:00:00Z');
  const morning = ScheduleSchema.parse({ from: '08:00', until: '12:00' });

  it('starts and stops at its times of day in the school’s time zone, not the server’s', () => {
    expect(scheduleIsOn(morning, mondayBefore8, CHICAGO)).toBe(false);
    expect(scheduleIsOn(morning, monday8, CHICAGO)).toBe(true);
    expect(scheduleIsOn(morning, new Date('2026-11-23T17:59:00Z'), CHICAGO)).toBe(true); // 11:59
    expect(scheduleIsOn(morning, new Date('2026-11-23T18:00:00Z'), CHICAGO)).toBe(false); // 12:00
    expect(scheduleIsOn(morning, monday8, 'UTC')).toBe(false); // 14:00 in UTC
  });

  it('wraps past midnight', () => {
    const night = ScheduleSchema.parse({ from: '22:00', until: '06:00' });
    expect(scheduleIsOn(night, new Date('2026-11-24T04:30:00Z'), CHICAGO)).toBe(true); // 22:30
    expect(scheduleIsOn(night, new Date('2026-11-24T11:59:00Z'), CHICAGO)).toBe(true); // 05:59
    expect(scheduleIsOn(night, new Date('2026-11-24T12:00:00Z'), CHICAGO)).toBe(false); // 06:00
  });

  it('shows only on its days of the week and between its first and last day, inclusive', () => {
    const weekdays = ScheduleSchema.parse({ days: [1, 2, 3, 4, 5] });
    expect(scheduleIsOn(weekdays, monday8, CHICAGO)).toBe(true);
    expect(scheduleIsOn(weekdays, new Date('2026-11-22T18:00:00Z'), CHICAGO)).toBe(false); // Sunday
    // 05:30 UTC on Monday is still Sunday evening in Chicago.
    expect(scheduleIsOn(weekdays, new Date('2026-11-23T05:30:00Z'), CHICAGO)).toBe(false);
    const thanksgivingWeek = ScheduleSchema.parse({ startDate: '2026-11-23', endDate: '2026-11-25' });
    expect(scheduleIsOn(thanksgivingWeek, new Date('2026-11-23T06:00:00Z'), CHICAGO)).toBe(true); // 00:00 on the 23rd
    expect(scheduleIsOn(thanksgivingWeek, new Date('2026-11-23T05:59:00Z'), CHICAGO)).toBe(false); // 23:59 on the 22nd
    expect(scheduleIsOn(thanksgivingWeek, new Date('2026-11-26T05:59:00Z'), CHICAGO)).toBe(true); // 23:59 on the 25th
    expect(scheduleIsOn(thanksgivingWeek, new Date('2026-11-26T06:00:00Z'), CHICAGO)).toBe(false);
  });

  it('refuses half a time window and a last day before the first', () => {
    expect(ScheduleSchema.safeParse({ from: '08:00' }).success).toBe(false);
    expect(ScheduleSchema.safeParse({ startDate: '2026-12-01', endDate: '2026-11-30' }).success).toBe(false);
    expect(ScheduleSchema.safeParse({ from: '8:00', until: '09:00' }).success).toBe(false);
  });
});

describe('the rotation', () => {
  it('shows the slides that are on, in order, each for its duration', () => {
    const slides = [slide('b', { order: 2, durationSeconds: 20 }), slide('a', { order: 1 }), slide('later', { schedule: ScheduleSchema.parse({ startDate: '2027-01-01' }) })];
    const on = activeSlides(slides, new Date('2026-11-23T14:00:00Z'), CHICAGO);
    expect(on.map((s) => s.id)).toEqual(['a', 'b']);
    // A 30-second cycle: a for 10 s, then b for 20 s.
    expect(slideAt(on, 0).index).toBe(0);
    expect(slideAt(on, 9_999).index).toBe(0);
    expect(slideAt(on, 10_000).index).toBe(1);
    expect(slideAt(on, 29_999).index).toBe(1);
    expect(slideAt(on, 30_000).index).toBe(0);
  });
});

describe('the time within a slide, and its pages', () => {
  // A 30-second cycle: 10 s, then 20 s.
  const on = [{ durationSeconds: 10 }, { durationSeconds: 20 }];

  it('says which slide shows and for how long it has', () => {
    expect(slideAt(on, 0)).toEqual({ index: 0, elapsedSeconds: 0 });
    expect(slideAt(on, 9_500)).toEqual({ index: 0, elapsedSeconds: 9.5 });
    expect(slideAt(on, 10_000)).toEqual({ index: 1, elapsedSeconds: 0 });
    expect(slideAt(on, 25_250)).toEqual({ index: 1, elapsedSeconds: 15.25 });
    expect(slideAt(on, 30_000 * 1000 + 12_000)).toEqual({ index: 1, elapsedSeconds: 2 });
    expect(slideAt([], 12_345)).toEqual({ index: 0, elapsedSeconds: 0 });
  });

  it("shares the slide's time evenly between its pages, the last page up at the end", () => {
    expect(slidePageAt(0, 20, 1)).toBe(0);
    expect(slidePageAt(19.9, 20, 1)).toBe(0);
    expect(slidePageAt(0, 30, 3)).toBe(0);
    expect(slidePageAt(9.99, 30, 3)).toBe(0);
    expect(slidePageAt(10, 30, 3)).toBe(1);
    expect(slidePageAt(20, 30, 3)).toBe(2);
    expect(slidePageAt(29.999, 30, 3)).toBe(2);
    // A time past the end (a slide shortened while on show) stays on the last page.
    expect(slidePageAt(45, 30, 3)).toBe(2);
  });
});
