// Waits until the hub's own roll-call (GET /api/state) shows the given screens online and confirmed on the expected
// mode: the bench's screens saying they sent receipts is not enough, the office must see them.
import type { HubState } from '../shared/protocol.ts';
import { BenchError, sleep } from './deadline.ts';
import type { OfficeClient } from './office-client.ts';

const POLL_MS = 100;

export async function waitForRollCall(
  office: OfficeClient,
  screenIds: readonly string[],
  expect: { activeSeq: number; mode: string },
  timeoutMs: number,
): Promise<HubState> {
  const wanted = new Set(screenIds);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await office.state();
    const ours = state.screens.filter((s) => wanted.has(s.id));
    const online = ours.filter((s) => s.online).length;
    const confirmed = ours.filter((s) => s.confirmed && s.expected.activeSeq === expect.activeSeq && s.expected.mode === expect.mode).length;
    if (ours.length === wanted.size && online === wanted.size && confirmed === wanted.size) return state;
    if (Date.now() > deadline) {
      throw new BenchError(`roll-call after ${timeoutMs} ms: ${online} of ${wanted.size} screens online, ${confirmed} confirmed on ${expect.mode} (seq ${expect.activeSeq})`);
    }
    await sleep(POLL_MS);
  }
}
