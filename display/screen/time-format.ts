// Clock times and elapsed times as a screen shows them, in the school's time zone and the screen's language.
import type { Language } from '../../shared/model.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${language}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let found = formatters.get(id);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat(language, { ...options, timeZone });
    } catch {
      found = new Intl.DateTimeFormat(language, options); // an unknown zone falls back to the screen's own
    }
    formatters.set(id, found);
  }
  return found;
}

export function clockTime(ms: number, language: Language, timeZone?: string): string {
  return formatter(language, timeZone, { hour: '2-digit', minute: '2-digit' }).format(ms);
}

export function longDate(ms: number, language: Language, timeZone?: string): string {
  return formatter(language, timeZone, { weekday: 'long', month: 'long', day: 'numeric' }).format(ms);
}

/** "45 s", "12 min", "2 h 05 min": short enough to read from across a hallway. */
export function elapsed(fromMs: number, toMs: number): string {
  const seconds = Math.max(0, Math.floor((toMs - fromMs) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
