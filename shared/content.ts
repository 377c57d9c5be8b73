// Normal-mode content: announcements, bell schedules and drill instructions that screens rotate through in
// normal times, each targeted at screens and scheduled. Whether a slide shows now is decided by the screen
// itself (activeSlides), with its own clock, so the rotation goes on when the hub is unreachable.
import { z } from 'zod/mini';
import { EmergencyModeSchema, IdSchema, type Screen } from './model.ts';

export const TargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('building'), buildingId: IdSchema }),
  z.object({ kind: z.literal('zone'), zoneId: IdSchema }),
  z.object({ kind: z.literal('group'), tag: IdSchema }),
]);
export type Target = z.infer<typeof TargetSchema>;

const TimeOfDaySchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is HH:MM, 24-hour'));

/** When a slide shows, in the school's time zone. Every part is optional: an empty schedule is "always". */
export const ScheduleSchema = z
  .object({
    /** First and last day it shows (YYYY-MM-DD, inclusive). */
    startDate: z._default(z.nullable(z.iso.date()), null),
    endDate: z._default(z.nullable(z.iso.date()), null),
    /** Days of the week it shows, 0 = Sunday; empty = every day. */
    days: z._default(z.array(z.int().check(z.gte(0), z.lte(6))).check(z.maxLength(7)), []),
    /** Time of day it starts and stops showing; both or neither. */
    from: z._default(z.nullable(TimeOfDaySchema), null),
    until: z._default(z.nullable(TimeOfDaySchema), null),
  })
  .check(
    z.refine((s) => (s.from === null) === (s.until === null), { message: 'give both a start and an end time of day, or neither', path: ['until'] }),
    z.refine((s) => s.startDate === null || s.endDate === null || s.startDate <= s.endDate, { message: 'the last day is before the first', path: ['endDate'] }),
  );
export type Schedule = z.infer<typeof ScheduleSchema>;

const Line = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

const slideFields = {
  id: IdSchema,
  /** Shown as the slide's heading. */
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  targets: z.array(TargetSchema).check(z.minLength(1, 'choose at least one group of screens'), z.maxLength(50)),
  schedule: ScheduleSchema,
  /** Lower shows first. */
  order: z.int().check(z.gte(0), z.lte(10_000)),
  durationSeconds: z.int().check(z.gte(5), z.lte(300)),
};

export const SlideSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('announcement'),
    ...slideFields,
    /** Paragraphs separated by a blank line; **bold** for emphasis. */
    text: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
  }),
  z.object({
    kind: z.literal('bell-schedule'),
    ...slideFields,
    rows: z.array(z.object({ label: Line, time: TimeOfDaySchema })).check(z.minLength(1), z.maxLength(20)),
  }),
  z.object({
    kind: z.literal('image'),
    ...slideFields,
    /** An image from the documents library (PNG, JPEG or sanitised SVG), shown as large as fits. */
    documentId: z.string().check(z.regex(/^[a-f0-9]{32}$/, 'choose an image from the documents')),
    caption: z._default(z.string().check(z.trim(), z.maxLength(200)), ''),
  }),
  z.object({
    kind: z.literal('floor-map'),
    ...slideFields,
    /** A floor of the screen's building (screens carry only their own building's plans). */
    floorId: IdSchema,
  }),
  z.object({
    kind: z.literal('drill-instructions'),
    ...slideFields,
    /** The mode whose steps are shown ("In a Lockdown: …"), in the school's wording. */
    mode: EmergencyModeSchema,
  }),
]);
export type Slide = z.infer<typeof SlideSchema>;
export const SLIDE_KINDS = ['announcement', 'image', 'floor-map', 'bell-schedule', 'drill-instructions'] as const satisfies readonly Slide['kind'][];

export const SlidesSchema = z
  .array(SlideSchema)
  .check(
    z.maxLength(500),
    z.refine((slides) => new Set(slides.map((s) => s.id)).size === slides.length, { message: 'two slides have the same id' }),
  );

/** Where a screen loads an image slide's picture (a paired screen's device cookie, or a staff session, opens it). */
export function slideImageUrl(documentId: string): string {
  return `/content-images/${documentId}`;
}

/** Does this slide target this screen? Decided on the hub, which sends each screen only its own slides. */
export function targetsScreen(slide: Pick<Slide, 'targets'>, screen: Pick<Screen, 'buildingId' | 'zoneId' | 'tags'>): boolean {
  return slide.targets.some((t) => {
    switch (t.kind) {
      case 'all':
        return true;
      case 'building':
        return t.buildingId === screen.buildingId;
      case 'zone':
        return t.zoneId === screen.zoneId;
      case 'group':
        return screen.tags?.includes(t.tag) ?? false;
    }
  });
}

/** The date, weekday and time of day at an instant in a time zone. */
export function schoolClock(now: Date, timeZone: string): { date: string; weekday: number; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, time: `${parts.hour}:${parts.minute}` };
}

/** Is the schedule on at this instant, at the school? A from/until pair that wraps midnight (22:00–06:00) works. */
export function scheduleIsOn(schedule: Schedule, now: Date, timeZone: string): boolean {
  const { date, weekday, time } = schoolClock(now, timeZone);
  if (schedule.startDate !== null && date < schedule.startDate) return false;
  if (schedule.endDate !== null && date > schedule.endDate) return false;
  if (schedule.days.length > 0 && !schedule.days.includes(weekday)) return false;
  if (schedule.from !== null && schedule.until !== null) {
    return schedule.from <= schedule.until ? time >= schedule.from && time < schedule.until : time >= schedule.from || time < schedule.until;
  }
  return true;
}

/** The slides a screen shows now, in order. */
export function activeSlides(slides: readonly Slide[], now: Date, timeZone: string): Slide[] {
  return slides.filter((s) => scheduleIsOn(s.schedule, now, timeZone)).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/**
 * Which of the slides on now is showing, and for how many seconds it has been (a fraction too): the rotation and a
 * slide's own pages are a function of the time, so every repaint agrees, and screens side by side show the same
 * page, with or without the hub.
 */
export function slideAt(slides: readonly Pick<Slide, 'durationSeconds'>[], now: number): { index: number; elapsedSeconds: number } {
  const cycle = slides.reduce((sum, s) => sum + s.durationSeconds, 0);
  if (cycle === 0) return { index: 0, elapsedSeconds: 0 };
  let t = (((now / 1000) % cycle) + cycle) % cycle;
  for (let i = 0; i < slides.length; i++) {
    const duration = slides[i]!.durationSeconds;
    if (t < duration) return { index: i, elapsedSeconds: t };
    t -= duration;
  }
  return { index: 0, elapsedSeconds: 0 };
}

/** The page of a slide on show after `elapsedSeconds` of its `durationSeconds`, its pages sharing the time evenly. */
export function slidePageAt(elapsedSeconds: number, durationSeconds: number, pages: number): number {
  if (pages <= 1 || durationSeconds <= 0) return 0;
  return Math.min(pages - 1, Math.max(0, Math.floor((elapsedSeconds * pages) / durationSeconds)));
}
