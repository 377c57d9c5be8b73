// sweeps.json: the readiness sweeps running now (with the code each of their screens shows, so a hub restarted
// mid-walk shows the same codes again) and what the last sweep found at each screen. A file of its own, written
// durably, so a sweep never rewrites the site.
import { join } from 'node:path';
import { z } from 'zod';
import { SWEEP_CHECK_IDS } from '../../shared/sweep.ts';
import { openJsonDocument, type JsonDocument } from '../store/json-document.ts';

export const SWEEP_FILE = 'sweeps.json';

const RunningSweepSchema = z.object({
  id: z.string().regex(/^[a-f0-9]{12}$/),
  /** Null: the whole site. */
  buildingId: z.string().nullable(),
  /** Null: every floor of the building. */
  floorId: z.string().nullable(),
  startedBy: z.string(),
  startedAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** One per screen in the sweep when it started; arrays rather than objects keyed by screen id, which any text may be. */
  codes: z.array(z.object({ screenId: z.string(), code: z.string() })),
});
export type RunningSweep = z.infer<typeof RunningSweepSchema>;

const SweepResultSchema = z.object({
  screenId: z.string(),
  sweepId: z.string(),
  at: z.iso.datetime(),
  by: z.string(),
  /** The checks that failed; none: the screen passed. */
  failed: z.array(z.enum(SWEEP_CHECK_IDS)),
  note: z.string(),
});
export type SweepResult = z.infer<typeof SweepResultSchema>;

const SweepFileSchema = z.object({
  running: z.array(RunningSweepSchema),
  /** The last finding at each screen. */
  results: z.array(SweepResultSchema),
});
export type SweepFile = z.infer<typeof SweepFileSchema>;

export function openSweepFile(dataDir: string): Promise<JsonDocument<SweepFile>> {
  return openJsonDocument(join(dataDir, SWEEP_FILE), SweepFileSchema, () => ({ running: [], results: [] }));
}
