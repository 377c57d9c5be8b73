// The school's wall clock for reports: its days as instants (a filter's "2026-11-22" means that day at the
// school), and instants written as its local time with the offset ("2026-11-22T08:03:11-06:00").
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      // An unknown zone in the site file: UTC, rather than no report at all.
      formatter = formatterFor('UTC');
    }
    // A site has one time zone; the map stays tiny even if it is edited now and then.
    if (formatters.size > 16) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/**
 * Offsets change only on a quarter hour of UTC (zones and their daylight-saving switches are whole quarter hours
 * apart), and at most once a day. So a day with the same offset at both ends has it throughout, and one look-up per
 * zone and day serves every instant in it: a CSV of three years of audit lines asks Intl a few thousand times, not
 * once per line. Only the day of a switch is looked up by quarter hour.
 */
const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, number>();

function lookUpOffset(ms: number, timeZone: string): number {
  const c = wallClock(ms, timeZone);
  return Math.round((Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - ms) / 60_000);
}

function cached(key: string, compute: () => number): number {
  let value = offsets.get(key);
  if (value === undefined) {
    value = compute();
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, value);
  }
  return value;
}

/** Minutes the school's clock is ahead of UTC at an instant (-360 for Chicago in winter). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  // NaN: the offset changes during this day.
  const wholeDay = cached(`${timeZone}|d${day}`, () => {
    const start = lookUpOffset(day, timeZone);
    return start === lookUpOffset(day + DAY_MS, timeZone) ? start : Number.NaN;
  });
  if (!Number.isNaN(wholeDay)) return wholeDay;
  const quarter = Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  return cached(`${timeZone}|q${quarter}`, () => lookUpOffset(quarter, timeZone));
}

/** The school's wall clock at an instant, from its offset: plain arithmetic once the offset is known. */
function schoolClock(ms: number, timeZone: string): { clock: WallClock; offset: number } {
  const offset = offsetMinutes(ms, timeZone);
  const local = new Date(ms + offset * 60_000);
  const clock = {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
  return { clock, offset };
}

/** The instant a school day ("2026-11-22") begins at the school; the next day's start ends it. */
export function schoolDayStart(day: string, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(year, month - 1, date);
  // Midnight local is midnight UTC minus the offset; the offset there can differ from a guess across a DST change.
  const guess = midnightUtc - offsetMinutes(midnightUtc, timeZone) * 60_000;
  return midnightUtc - offsetMinutes(guess, timeZone) * 60_000;
}

/** The day after a school day, as "YYYY-MM-DD". */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** An instant as the school's local time with its offset: "2026-11-22T08:03:11-06:00". */
export function schoolTimestamp(ms: number, timeZone: string): string {
  const { clock: c, offset } = schoolClock(ms, timeZone);
  const sign = offset < 0 ? '-' : '+';
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** The school's date at an instant: "2026-11-22". */
export function schoolDate(ms: number, timeZone: string): string {
  const { clock: c } = schoolClock(ms, timeZone);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}

const wordFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as a printed report says it at the school: "Nov 27, 2026, 8:03:11 AM", or with `part` only the day
 * ("November 27, 2026") or only the time ("8:03:11 AM").
 */
export function schoolTimeInWords(ms: number, timeZone: string, part: 'date-time' | 'date' | 'time' = 'date-time'): string {
  const key = `${timeZone}|${part}`;
  let formatter = wordFormatters.get(key);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions = part === 'date' ? { dateStyle: 'long' } : part === 'time' ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'medium' };
    try {
      formatter = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      formatter = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    }
    if (wordFormatters.size > 16) wordFormatters.clear();
    wordFormatters.set(key, formatter);
  }
  return formatter.format(ms);
}

/** A school calendar day ("2026-12-01") as words: "December 1, 2026". It names a day, not an instant, so no zone applies. */
export function calendarDayInWords(day: string): string {
  return schoolTimeInWords(Date.parse(`${day}T00:00:00Z`), 'UTC', 'date');
}
