// How a screen's last readiness sweep reads in the admin console: when and by whom, and what was found.
import { failedChecksInWords, type SweepCheckId } from '../../../shared/sweep.ts';
import { schoolDateTime } from '../school-date-time.ts';
import type { SweepResult } from './sweep-types.ts';

export interface LastSwept {
  /** "Swept 27 Nov 2026, 09:14 by fm", or "Never swept". */
  when: string;
  /** null: never swept. */
  ok: boolean | null;
  /** The checks that failed, in words ("map faces the wrong way"); empty when it passed. */
  failed: string;
  note: string;
}

export function lastSwept(result: SweepResult | undefined, timeZone: string | null): LastSwept {
  if (!result) return { when: 'Never swept', ok: null, failed: '', note: '' };
  return {
    when: `Swept ${schoolDateTime(result.at, timeZone, false)} by ${result.by}`,
    ok: result.failed.length === 0,
    failed: failedChecksInWords(result.failed as SweepCheckId[]),
    note: result.note,
  };
}
