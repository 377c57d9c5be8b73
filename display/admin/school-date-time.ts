// Dates and times in the school's own time zone for the audit log and drill reports, whatever the laptop's setting.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | null, withSeconds: boolean, withDate = true): Intl.DateTimeFormat {
  const key = `${timeZone}|${withSeconds}|${withDate}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions = { ...(withDate ? { dateStyle: 'medium' } : {}), timeStyle: withSeconds ? 'medium' : 'short' };
    try {
      found = new Intl.DateTimeFormat([], { ...options, timeZone: timeZone ?? undefined });
    } catch {
      found = new Intl.DateTimeFormat([], options); // an unknown zone falls back to the laptop's
    }
    formatters.set(key, found);
  }
  return found;
}

/** "22 Nov 2026, 08:03:11" at the school. */
export function schoolDateTime(iso: string, timeZone: string | null, withSeconds = true): string {
  return formatter(timeZone, withSeconds).format(new Date(iso));
}

/** "10:32" at the school: a time later today (when a readiness sweep's codes end). */
export function schoolTimeOfDay(iso: string, timeZone: string | null): string {
  return formatter(timeZone, false, false).format(new Date(iso));
}

/** A duration in words a report reader takes in at a glance: "140 ms", "2.4 s", "3 min 20 s", "1 h 5 min". */
export function duration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
