// The office consoles of the realtime section, each in its own child process (console-process.ts) on a throttled
// link. Collects what they report and answers: when did each console's view first show every screen confirmed on a
// seq, the largest frame each got in a time window, and which ones the hub closed.
import { performance } from 'node:perf_hooks';
import { withTimeout } from './deadline.ts';
import { toPerformanceClock, type ConsoleEvent } from './ipc-messages.ts';
import { ServerChild } from './server-child.ts';

interface Frame {
  /** This process's performance clock. */
  at: number;
  bytes: number;
}

class WatchedConsole {
  readonly frames: Frame[] = [];
  /** First time the view showed every screen confirmed, per seq. */
  readonly completeAt = new Map<number, number>();
  closed: { at: number; code: number; reason: string } | null = null;
  readonly #waiters = new Set<() => void>();

  constructor(readonly child: ServerChild) {
    child.onEvent((event) => this.#record(event));
  }

  /** Resolves when the view is complete at `seq` (its time) or the console is closed (null). */
  whenComplete(seq: number): Promise<number | null> {
    return new Promise((resolve) => {
      const check = () => {
        const at = this.completeAt.get(seq);
        if (at === undefined && !this.closed) return false;
        this.#waiters.delete(check);
        resolve(at ?? null);
        return true;
      };
      if (!check()) this.#waiters.add(check);
    });
  }

  #record(event: ConsoleEvent): void {
    const at = toPerformanceClock(event.at);
    if (event.type === 'console-closed') this.closed = { at, code: event.code, reason: event.reason };
    else {
      this.frames.push({ at, bytes: event.bytes });
      if (event.complete && !this.completeAt.has(event.seq)) this.completeAt.set(event.seq, at);
    }
    for (const check of [...this.#waiters]) check();
  }
}

export class OfficeConsoles {
  private constructor(readonly consoles: readonly WatchedConsole[]) {}

  static async start(count: number, args: { hubPort: number; username: string; password: string; screens: number; bytesPerSecond: number }): Promise<OfficeConsoles> {
    const children = await Promise.all(Array.from({ length: count }, (_, i) => ServerChild.start(`office console ${i + 1}/${count}`, 'console-process.ts', args)));
    for (const child of children) await child.checkClock();
    return new OfficeConsoles(children.map((child) => new WatchedConsole(child)));
  }

  get children(): ServerChild[] {
    return this.consoles.map((c) => c.child);
  }

  get count(): number {
    return this.consoles.length;
  }

  /** For each console: when its view first showed every screen confirmed on `seq`, or null if it was closed first. */
  whenComplete(seq: number, timeoutMs: number): Promise<(number | null)[]> {
    return withTimeout(Promise.all(this.consoles.map((c) => c.whenComplete(seq))), timeoutMs, `the office consoles to show every screen confirmed on seq ${seq}`);
  }

  /** The largest frame any console received between `from` and `to` (this process's clock), in bytes. */
  maxFrameBytes(from: number, to: number): number {
    let max = 0;
    for (const c of this.consoles) for (const f of c.frames) if (f.at >= from && f.at <= to) max = Math.max(max, f.bytes);
    return max;
  }

  /** Frames the consoles received in all. */
  framesReceived(): number {
    return this.consoles.reduce((sum, c) => sum + c.frames.length, 0);
  }

  /** The consoles the hub closed, and why. */
  closed(): { at: number; code: number; reason: string }[] {
    return this.consoles.flatMap((c) => (c.closed ? [c.closed] : []));
  }
}
