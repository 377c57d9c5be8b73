// A mode change's sequence number in a path ("/api/drill-reports/14"), checked, or a clear 400.
import { z } from 'zod';
import { ApiError } from '../api-error.ts';

const SeqSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export function parseSeq(text: string): number {
  const seq = /^\d{1,16}$/.test(text) ? SeqSchema.safeParse(text) : null;
  if (!seq?.success) throw new ApiError('bad_request', `"${text.slice(0, 40)}" is not a mode change's sequence number.`);
  return seq.data;
}
