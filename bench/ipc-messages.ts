// The messages the bench and its child processes (servers, fleets of simulated screens, consoles) exchange over the
// Node IPC channel. Typed in one place so the parent and the children agree; the IPC channel is trusted (our own children).
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

/** What the child reports about its own process: memory and CPU time used so far. */
export interface ProcessFigures {
  rssBytes: number;
  heapUsedBytes: number;
  /** V8 heap spaces' physical size by space name (new_space, old_space...): where RSS growth comes from. */
  spaces: Record<string, number>;
  /** process.cpuUsage() user + system, in microseconds since the child started. */
  cpuMicros: number;
  /** Time spent in garbage-collection pauses since the child started serving, in ms: explains slow rounds. */
  gcMs: number;
  /** The hub's WebSocket send queues (socket-watch.ts), when the child was asked to watch them; otherwise null. */
  sockets: SocketFigures | null;
}

export interface SocketFigures {
  /** The largest `bufferedAmount` any socket had right after a send: data the kernel would not take yet. */
  peakBufferedBytes: number;
  /** Sockets the server closed with CLOSE_CODES.slowConsumer (4429). */
  slowConsumerCloses: number;
}

/** Which of a fleet child's two fleets: the screens on the hub, or the clients of the bare ws server. */
export type FleetSide = 'hub' | 'bare';

/** What one fleet child saw for one seq (screen-fleet.ts SeqRecord), times on the shared clock (`sharedClockNow()`),
 * so the parent can merge the children's records and place them on its own. */
export interface FleetRecord {
  receipts: number;
  firstAt: number;
  lastSentAt: number;
  handlerMs: number;
  frame: string | null;
  shown: [string, number][];
}

/** A request that the child answers with `done` (or `error`) carrying the same id. */
export type FleetRequest =
  /** Connect one fleet's sockets (the hub's screens say hello and are welcomed): done.value null. */
  | { type: 'connect-fleet'; id: number; side: FleetSide }
  /** Wait until every screen of one fleet has sent its receipt for `seq`: done.value is a FleetRecord. */
  | { type: 'wait-receipts'; id: number; side: FleetSide; seq: number; timeoutMs: number }
  /** Drop the records of one seq (null: all of them, e.g. the snapshots answered on connect): done.value null. */
  | { type: 'forget'; id: number; side: FleetSide; seq: number | null };

export type ParentToChild =
  /** Ask for process figures; `gc` runs a full collection first (the child runs with --expose-gc). */
  | { type: 'figures'; id: number; gc: boolean }
  /** Ask for the child's clock (`sharedClockNow()`), to check it agrees with the parent's. */
  | { type: 'clock'; id: number }
  | FleetRequest
  /** Close the server (or sockets) and exit. */
  | { type: 'stop' };

/** What a console child reports as it happens (console-process.ts): each frame once its view has applied it. */
export type ConsoleEvent =
  /** `at`: shared clock once applied; `seq`: the view's seq then; `complete`: the view shows every screen confirmed on it. */
  | { type: 'console-frame'; at: number; bytes: number; seq: number; complete: boolean }
  /** The hub closed the console's socket (4429 = slow consumer). */
  | { type: 'console-closed'; at: number; code: number; reason: string };

export type ChildToParent =
  /** `listeningAt`: when the server started listening, on the shared clock (`sharedClockNow()`), so the parent can
   * place it on its own: screens may reach the server before this message reaches the parent.
   * A child that serves no port (a fleet, a console) says port 0. */
  | { type: 'ready'; port: number; listeningAt?: number }
  | { type: 'figures'; id: number; figures: ProcessFigures }
  | { type: 'clock'; id: number; now: number }
  | { type: 'done'; id: number; value: unknown }
  | { type: 'error'; id: number; message: string }
  | ConsoleEvent
  | { type: 'failed'; message: string };

/**
 * The machine's monotonic clock in ms (process.hrtime: CLOCK_MONOTONIC on Linux), the same in every process of the
 * bench. Not performance.timeOrigin + performance.now(): Node fixes timeOrigin at start-up, and on a busy machine
 * two processes' epochs were seen 100 ms apart.
 */
export function sharedClockNow(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

let performanceOffset: number | null = null;

/** sharedClockNow() − performance.now(): constant in a process (both are the monotonic clock), but two reads can be
 * split by a preemption on a busy machine, which only ever makes the difference smaller; the largest of a few is it. */
function offsetOfPerformanceClock(): number {
  if (performanceOffset === null) {
    performanceOffset = -Infinity;
    for (let i = 0; i < 20; i++) performanceOffset = Math.max(performanceOffset, sharedClockNow() - performance.now());
  }
  return performanceOffset;
}

/** A sharedClockNow() reading on this process's performance.now() clock. */
export function toPerformanceClock(shared: number): number {
  return shared - offsetOfPerformanceClock();
}

/** A performance.now() reading of this process on the shared clock. */
export function toSharedClock(performanceTime: number): number {
  return performanceTime + offsetOfPerformanceClock();
}

let gcMs = 0;

/** Measure this process (used by the children). */
export function ownFigures(gc: boolean, sockets: (() => SocketFigures) | null = null): ProcessFigures {
  // `gc` exists only under --expose-gc; without it the figures are still valid, just noisier.
  if (gc) (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const spaces: Record<string, number> = {};
  for (const space of getHeapSpaceStatistics()) spaces[space.space_name] = space.physical_space_size;
  spaces.external = memory.external;
  return { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, spaces, cpuMicros: cpu.user + cpu.system, gcMs, sockets: sockets?.() ?? null };
}

/** Serve the parent's requests in a child: figures and clock on demand, stop on request or when the parent goes
 * away; a fleet child also answers FleetRequests through `handle`. */
export function serveParent(
  stop: () => Promise<void>,
  sockets: (() => SocketFigures) | null = null,
  handle: ((request: FleetRequest) => Promise<unknown>) | null = null,
): void {
  const send = (message: ChildToParent) => process.send?.(message);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  }).observe({ entryTypes: ['gc'] });
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    // A stuck close must not leave an orphan behind.
    setTimeout(() => process.exit(0), 3000).unref();
    stop().finally(() => process.exit(0));
  };
  process.on('message', (raw) => {
    const message = raw as ParentToChild;
    if (message.type === 'figures') send({ type: 'figures', id: message.id, figures: ownFigures(message.gc, sockets) });
    else if (message.type === 'clock') send({ type: 'clock', id: message.id, now: sharedClockNow() });
    else if (message.type === 'stop') shutdown();
    else if (handle) {
      handle(message).then(
        (value) => send({ type: 'done', id: message.id, value }),
        (error: unknown) => send({ type: 'error', id: message.id, message: (error as Error)?.message ?? String(error) }),
      );
    }
  });
  // The bench died or closed the channel: never outlive it.
  process.on('disconnect', shutdown);
}
