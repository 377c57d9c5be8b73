// Dates and times in the school's own time zone for the audit log and drill reports, whatever the laptop's setting.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | null, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withSeconds}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: withSeconds ? 'medium' : 'short' };
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
