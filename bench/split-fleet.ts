// The simulated screens of the realtime section, split over child processes (fleet-process.ts): each child holds
// the hub's screens and the bare server's clients for one slice of the site, at most SCREENS_PER_PROCESS of each,
// so every process stays well under the open-file limit (20,000 here) at 10,000 screens. The children's records
// are merged here: a round ends when the last screen of any child has sent its receipt.
import { performance } from 'node:perf_hooks';
import { BenchError } from './deadline.ts';
import { toPerformanceClock, type FleetRecord, type FleetSide } from './ipc-messages.ts';
import type { SeqRecord } from './screen-fleet.ts';
import { ServerChild } from './server-child.ts';

/** 2 × 2,500 client sockets per child, a quarter of the open-file limit. */
export const SCREENS_PER_PROCESS = 2500;
/** The children bound each batch of screens they connect themselves (screen-fleet.ts: 50 at a time, 15 s each); this
 * only catches a child that stops answering. Connecting 10,000 screens took 30–70 s on this busy machine, once over 120. */
const CONNECT_TIMEOUT_MS = 10 * 60_000;
/** The IPC round trip on top of a round's own timeout. */
const IPC_SLACK_MS = 5000;

export class SplitFleet {
  private constructor(
    readonly children: readonly ServerChild[],
    readonly size: number,
  ) {}

  /** Start ceil(screens / SCREENS_PER_PROCESS) children for `screens` screens of the site in `siteFile`. */
  static async start(args: { hubOrigin: string; bareOrigin: string; siteFile: string; screens: number }): Promise<SplitFleet> {
    const count = Math.ceil(args.screens / SCREENS_PER_PROCESS);
    const per = Math.ceil(args.screens / count);
    const children = await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const from = i * per;
        const to = Math.min(args.screens, from + per);
        return ServerChild.start(`screen fleet ${i + 1}/${count}`, 'fleet-process.ts', { hubOrigin: args.hubOrigin, bareOrigin: args.bareOrigin, siteFile: args.siteFile, from, to });
      }),
    );
    // Their receipts' times are compared with this process's: the clocks must agree.
    for (const child of children) await child.checkClock();
    const fleet = new SplitFleet(children, args.screens);
    return fleet;
  }

  /** Connect one side's sockets in every child at once; returns how long it took. */
  async connect(side: FleetSide): Promise<number> {
    const started = performance.now();
    await Promise.all(this.children.map((child) => child.request({ type: 'connect-fleet', side }, CONNECT_TIMEOUT_MS)));
    return performance.now() - started;
  }

  /** Every screen's receipt for `seq`, merged over the children; times on this process's performance clock. */
  async waitForReceipts(side: FleetSide, seq: number, timeoutMs: number): Promise<SeqRecord> {
    const records = (await Promise.all(
      this.children.map((child) => child.request({ type: 'wait-receipts', side, seq, timeoutMs }, timeoutMs + IPC_SLACK_MS)),
    )) as FleetRecord[];
    const merged: SeqRecord = { receipts: 0, firstAt: Infinity, lastSentAt: -Infinity, handlerMs: 0, frame: null, shown: new Map() };
    for (const record of records) {
      merged.receipts += record.receipts;
      merged.firstAt = Math.min(merged.firstAt, toPerformanceClock(record.firstAt));
      merged.lastSentAt = Math.max(merged.lastSentAt, toPerformanceClock(record.lastSentAt));
      merged.handlerMs += record.handlerMs;
      merged.frame ??= record.frame;
      for (const [key, count] of record.shown) merged.shown.set(key, (merged.shown.get(key) ?? 0) + count);
    }
    if (merged.receipts !== this.size) throw new BenchError(`${side} fleets: ${merged.receipts} receipts for seq ${seq}, expected ${this.size}`);
    return merged;
  }

  /** Drop the records of one seq, or all of them (null). */
  async forget(side: FleetSide, seq: number | null): Promise<void> {
    await Promise.all(this.children.map((child) => child.request({ type: 'forget', side, seq }, IPC_SLACK_MS)));
  }

  async close(): Promise<void> {
    await Promise.all(this.children.map((child) => child.stop()));
  }
}
