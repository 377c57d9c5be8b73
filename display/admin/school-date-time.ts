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

/**
 * The time of day alone at the school: "08:03:11" for a timeline whose day is said once above it, "10:32" for a
 * time later today (when a readiness sweep's codes end).
 */
export function schoolTimeOfDay(iso: string, timeZone: string | null, withSeconds = true): string {
  return formatter(timeZone, withSeconds, false).format(new Date(iso));
}

const dayFormatter = new Intl.DateTimeFormat([], { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar day ("2026-12-01") as the laptop writes dates: "1 Dec 2026". It names a day, not an instant. */
export function calendarDay(day: string): string {
  return dayFormatter.format(new Date(`${day}T00:00:00Z`));
}
