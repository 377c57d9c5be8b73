import { describe, expect, it } from 'vitest';
import { ScheduleSchema } from '../../shared/content.ts';
import type { Site } from '../../shared/model.ts';
import { scheduleInWords, slideIdFor, targetsInWords } from './slide-words.ts';

const schedule = (parts: Record<string, unknown>) => ScheduleSchema.parse(parts);

const site = {
  id: 'demo',
  name: 'Demo',
  timeZone: 'America/Chicago',
  units: 'metres',
  languages: ['en'],
  defaultLanguage: 'en',
  buildings: [{ id: 'main', name: 'Main building', floors: [{ id: 'main-1', name: '1st floor', level: 1 }], defaultDestinationId: null }],
  zones: [{ id: 'east-wing', name: 'East wing', buildingId: 'main' }],
  screens: [],
  destinations: [],
} satisfies Site;

describe('scheduleInWords', () => {
  it('says "Always" for an empty schedule, and for every day of the week ticked', () => {
    expect(scheduleInWords(schedule({}))).toBe('Always');
    expect(scheduleInWords(schedule({ days: [0, 1, 2, 3, 4, 5, 6] }))).toBe('Always');
  });

  it('names weekdays, weekends and other days Monday first', () => {
    expect(scheduleInWords(schedule({ days: [5, 1, 2, 3, 4] }))).toBe('Weekdays');
    expect(scheduleInWords(schedule({ days: [6, 0] }))).toBe('Weekends');
    expect(scheduleInWords(schedule({ days: [0, 1, 3] }))).toBe('Mon, Wed, Sun');
  });

  it('gives times of day, marking a pair that wraps midnight', () => {
    expect(scheduleInWords(schedule({ days: [1, 2, 3, 4, 5], from: '07:30', until: '15:00' }))).toBe('Weekdays, 07:30–15:00');
    expect(scheduleInWords(schedule({ from: '22:00', until: '06:00' }))).toBe('22:00–06:00 (overnight)');
  });

  it('gives the dates, open at either end', () => {
    expect(scheduleInWords(schedule({ startDate: '2026-09-01', endDate: '2027-06-30' }))).toBe('From 2026-09-01 to 2027-06-30');
    expect(scheduleInWords(schedule({ startDate: '2026-09-01' }))).toBe('From 2026-09-01');
    expect(scheduleInWords(schedule({ endDate: '2027-06-30', from: '08:00', until: '09:00' }))).toBe('08:00–09:00, until 2027-06-30');
    expect(scheduleInWords(schedule({ startDate: '2026-10-02', endDate: '2026-10-02' }))).toBe('On 2026-10-02');
  });
});

describe('targetsInWords', () => {
  it('says all screens when one target is all', () => {
    expect(targetsInWords([{ kind: 'group', tag: 'hallways' }, { kind: 'all' }], site)).toBe('All screens');
  });

  it('names buildings and zones by their names and groups by their tag', () => {
    expect(targetsInWords([{ kind: 'building', buildingId: 'main' }, { kind: 'zone', zoneId: 'east-wing' }, { kind: 'group', tag: 'hallways' }], site)).toBe(
      'Main building; East wing; group “hallways”',
    );
  });

  it('flags a building or zone the site no longer has, and an empty list', () => {
    expect(targetsInWords([{ kind: 'zone', zoneId: 'gone' }], site)).toBe('Unknown zone “gone”');
    expect(targetsInWords([], site)).toBe('No screens');
  });
});

describe('slideIdFor', () => {
  it('makes a lowercase id from the title', () => {
    expect(slideIdFor('Picture day: Friday!', new Set())).toBe('picture-day-friday');
    expect(slideIdFor('Día de campo', new Set())).toBe('dia-de-campo');
  });

  it('numbers it when taken, and falls back to "slide" for a title without letters', () => {
    expect(slideIdFor('Picture day', new Set(['picture-day', 'picture-day-2']))).toBe('picture-day-3');
    expect(slideIdFor('!!!', new Set())).toBe('slide');
    expect(slideIdFor('', new Set(['slide']))).toBe('slide-2');
  });

  it('stays within the 64 characters of an id', () => {
    const id = slideIdFor('a'.repeat(200), new Set(['a'.repeat(56)]));
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });
});
