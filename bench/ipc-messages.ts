// The messages the bench and its server child processes exchange over the Node IPC channel.
// Typed in one place so the parent and both children agree; the IPC channel is trusted (our own children).
import { PerformanceObserver } from 'node:perf_hooks';
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

export type ParentToChild =
  /** Ask for process figures; `gc` runs a full collection first (the child runs with --expose-gc). */
  | { type: 'figures'; id: number; gc: boolean }
  /** Close the server and exit. */
  | { type: 'stop' };

export type ChildToParent =
  /** `listeningAt`: when the server started listening, as performance.timeOrigin + performance.now() (epoch ms),
   * so the parent can place it on its own clock: screens may reach the server before this message reaches the parent. */
  | { type: 'ready'; port: number; listeningAt?: number }
  | { type: 'figures'; id: number; figures: ProcessFigures }
  | { type: 'failed'; message: string };

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

/** Serve the parent's requests in a child: figures on demand, stop on request or when the parent goes away. */
export function serveParent(stop: () => Promise<void>, sockets: (() => SocketFigures) | null = null): void {
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
    else if (message.type === 'stop') shutdown();
  });
  // The bench died or closed the channel: never outlive it.
  process.on('disconnect', shutdown);
}
