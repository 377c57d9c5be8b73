// Slides in words for the content list: what kind, which screens, when ("Weekdays, 07:30–15:00").
import type { Schedule, Slide, Target } from '../../shared/content.ts';
import type { Site } from '../../shared/model.ts';

export const SLIDE_KIND_NAMES: Record<Slide['kind'], string> = {
  announcement: 'Announcement',
  image: 'Picture',
  'floor-map': 'Floor plan',
  'bell-schedule': 'Bell schedule',
  'drill-instructions': 'Drill instructions',
};

export const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

function daysInWords(days: readonly number[]): string | null {
  const set = new Set(days);
  if (set.size === 0 || set.size === 7) return null;
  const sorted = [...set].sort((a, b) => a - b);
  if (sorted.join() === '1,2,3,4,5') return 'Weekdays';
  if (sorted.join() === '0,6') return 'Weekends';
  // Monday first, as a school week reads.
  return [...sorted.filter((d) => d !== 0), ...sorted.filter((d) => d === 0)].map((d) => DAY_NAMES[d]).join(', ');
}

/** "Always", or the parts of the schedule that narrow it: "Weekdays, 07:30–15:00, from 2026-09-01 to 2027-06-30". */
export function scheduleInWords(schedule: Schedule): string {
  const parts: string[] = [];
  const days = daysInWords(schedule.days);
  if (days) parts.push(days);
  if (schedule.from !== null && schedule.until !== null) {
    parts.push(`${schedule.from}–${schedule.until}${schedule.until <= schedule.from ? ' (overnight)' : ''}`);
  }
  if (schedule.startDate !== null && schedule.endDate !== null) {
    parts.push(schedule.startDate === schedule.endDate ? `on ${schedule.startDate}` : `from ${schedule.startDate} to ${schedule.endDate}`);
  } else if (schedule.startDate !== null) parts.push(`from ${schedule.startDate}`);
  else if (schedule.endDate !== null) parts.push(`until ${schedule.endDate}`);
  if (parts.length === 0) return 'Always';
  const text = parts.join(', ');
  return text[0]!.toUpperCase() + text.slice(1);
}

function targetInWords(target: Target, site: Site): string {
  switch (target.kind) {
    case 'all':
      return 'all screens';
    case 'building':
      return site.buildings.find((b) => b.id === target.buildingId)?.name ?? `unknown building “${target.buildingId}”`;
    case 'zone':
      return site.zones.find((z) => z.id === target.zoneId)?.name ?? `unknown zone “${target.zoneId}”`;
    case 'group':
      return `group “${target.tag}”`;
  }
}

/** "All screens", or "Main building; East wing; group “hallways”". */
export function targetsInWords(targets: readonly Target[], site: Site): string {
  if (targets.length === 0) return 'No screens';
  if (targets.some((t) => t.kind === 'all')) return 'All screens';
  const text = targets.map((t) => targetInWords(t, site)).join('; ');
  return text[0]!.toUpperCase() + text.slice(1);
}

/** An id for a new slide from its title, unique among `taken`: "Picture day!" → "picture-day", then "picture-day-2". */
export function slideIdFor(title: string, taken: ReadonlySet<string>): string {
  const stem =
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/, '') || 'slide';
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) {
    const id = `${stem}-${n}`;
    if (!taken.has(id)) return id;
  }
}
