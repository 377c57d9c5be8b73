// Clock times in the school's own time zone, as the screens show them, whatever the tablet's setting.
import type { Site } from '../../shared/model.ts';

export function schoolTime(iso: string | number, site: Pick<Site, 'timeZone'> | null): string {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  try {
    return new Date(iso).toLocaleTimeString([], { ...options, timeZone: site?.timeZone });
  } catch {
    return new Date(iso).toLocaleTimeString([], options); // an unknown zone falls back to the tablet's
  }
}
