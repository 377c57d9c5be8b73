// How a mode change ended, in words: "All Clear 22 Nov 2026, 08:09:40 by office", "Replaced … by #15", "Still active".
import { actorName } from '../../shared/actor-name.ts';
import { schoolDateTime } from './school-date-time.ts';

interface ModeEnd {
  kind: 'all-clear' | 'replaced';
  seq: number;
  at: string;
  who: string;
  role: string;
}

export function endedText(change: { end: ModeEnd | null }, timeZone: string | null): string {
  if (!change.end) return 'Still active';
  const at = schoolDateTime(change.end.at, timeZone);
  return change.end.kind === 'all-clear' ? `All Clear ${at} by ${actorName(change.end.who, change.end.role === 'integration')}` : `Replaced ${at} by #${change.end.seq}`;
}
