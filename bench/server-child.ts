// Starts a bench child process with IPC and talks to it: a server (hub-process.ts, bare-process.ts), a fleet of
// simulated screens (fleet-process.ts) or a console (console-process.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { onCleanup } from './cleanup.ts';
import { BenchError, withTimeout } from './deadline.ts';
import { sharedClockNow, toPerformanceClock, type ChildToParent, type ConsoleEvent, type FleetRequest, type ParentToChild, type ProcessFigures } from './ipc-messages.ts';

const START_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 4000;

/** Omit over each member of a union (a plain Omit would merge the members). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** How a child ended, for messages: "code 1" or "signal SIGKILL". */
type ExitDescription = string;

export class ServerChild {
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly #eventListeners: ((event: ConsoleEvent) => void)[] = [];
  readonly #exited: Promise<ExitDescription>;

  private constructor(
    readonly name: string,
    readonly port: number,
    /** When the server began listening, on this process's performance.now() clock (the child's own report). */
    readonly listeningAt: number,
    private readonly child: ChildProcess,
    exited: Promise<ExitDescription>,
  ) {
    this.#exited = exited;
    child.on('message', (raw) => {
      const message = raw as ChildToParent;
      if (message.type === 'console-frame' || message.type === 'console-closed') {
        for (const listener of this.#eventListeners) listener(message);
        return;
      }
      if (message.type !== 'figures' && message.type !== 'clock' && message.type !== 'done' && message.type !== 'error') return;
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.type === 'figures') pending?.resolve(message.figures);
      else if (message.type === 'clock') pending?.resolve(message.now);
      else if (message.type === 'done') pending?.resolve(message.value);
      else pending?.reject(new BenchError(`${name}: ${message.message}`));
    });
    void exited.then((how) => {
      for (const { reject } of this.#pending.values()) reject(new BenchError(`${name} exited (${how})`));
      this.#pending.clear();
    });
  }

  /** Fork `entry` (a .ts file in bench/) under tsx, wait for its port, and register its teardown. */
  static async start(name: string, entry: string, args: unknown, options: { profileDir?: string | null; startTimeoutMs?: number } = {}): Promise<ServerChild> {
    // --cpu-prof is refused in NODE_OPTIONS, so profiling has to be asked for here.
    const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.profileDir, entry.replace(/\.ts$/, ''))}`] : [];
    const child = fork(resolve(import.meta.dirname, entry), [JSON.stringify(args)], {
      // tsx runs the TypeScript; --expose-gc lets memory be measured after a full collection.
      execArgv: ['--import', 'tsx', '--expose-gc', ...profile],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // `--import tsx` is resolved from the working directory: the project root, wherever the bench was started.
      cwd: resolve(import.meta.dirname, '..'),
    });
    const exited = new Promise<ExitDescription>((done) =>
      child.once('exit', (code, signal) => done(signal ? `signal ${signal}` : `code ${code}`)),
    );
    onCleanup(`${name} process`, () => stopChild(child, exited));
    const ready = await withTimeout(
      new Promise<{ port: number; listeningAt: number }>((resolveReady, reject) => {
        child.on('message', (raw) => {
          const message = raw as ChildToParent;
          // The child's shared-clock reading → this process's performance clock; without it, the moment the message arrived.
          const listeningAt = message.type === 'ready' && message.listeningAt !== undefined ? toPerformanceClock(message.listeningAt) : performance.now();
          if (message.type === 'ready') resolveReady({ port: message.port, listeningAt });
          if (message.type === 'failed') reject(new BenchError(`${name}: ${message.message}`));
        });
        child.once('error', (error) => reject(new BenchError(`${name} could not be started: ${error.message}`)));
        void exited.then((how) => reject(new BenchError(`${name} exited (${how}) before it was ready`)));
      }),
      options.startTimeoutMs ?? START_TIMEOUT_MS,
      `${name} to start`,
    );
    return new ServerChild(name, ready.port, ready.listeningAt, child, exited);
  }

  /** Ask the child to close its server and exit; SIGKILL if it has not after a few seconds. */
  stop(): Promise<void> {
    return stopChild(this.child, this.#exited);
  }

  /** Kill the child with SIGKILL, as a crash or a power cut would; resolves once it is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await withTimeout(this.#exited, STOP_TIMEOUT_MS, `${this.name} to die after SIGKILL`);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The child's memory and CPU figures; `gc` first runs a full collection there. */
  figures(gc = false): Promise<ProcessFigures> {
    return this.#ask((id) => ({ type: 'figures', id, gc }), REQUEST_TIMEOUT_MS, 'to report its figures') as Promise<ProcessFigures>;
  }

  /** A fleet child's answer to `request` (its `done` value), within `timeoutMs`. */
  request(request: DistributiveOmit<FleetRequest, 'id'>, timeoutMs: number): Promise<unknown> {
    return this.guard(this.#ask((id) => ({ ...request, id }) as FleetRequest, timeoutMs, `to answer ${request.type}`));
  }

  /**
   * Checks the child's clock (sharedClockNow) agrees with this process's, as the quickest of a few round trips bounds it:
   * the bench compares times taken in different processes. Returns the offset's bound in ms.
   */
  async checkClock(tries = 10): Promise<number> {
    let best = { roundTrip: Infinity, offset: 0 };
    for (let i = 0; i < tries; i++) {
      const sent = sharedClockNow();
      const theirs = (await this.#ask((id) => ({ type: 'clock', id }), REQUEST_TIMEOUT_MS, 'to read its clock')) as number;
      const received = sharedClockNow();
      if (received - sent < best.roundTrip) best = { roundTrip: received - sent, offset: theirs - (sent + received) / 2 };
    }
    const allowed = best.roundTrip / 2 + 1;
    if (Math.abs(best.offset) > allowed) {
      throw new BenchError(`${this.name}'s clock is ${best.offset.toFixed(2)} ms off this process's (allowed ${allowed.toFixed(2)} ms)`);
    }
    return allowed;
  }

  /** Events a console child reports as they happen. */
  onEvent(listener: (event: ConsoleEvent) => void): void {
    this.#eventListeners.push(listener);
  }

  #ask(message: (id: number) => ParentToChild, timeoutMs: number, what: string): Promise<unknown> {
    if (!this.child.connected) return Promise.reject(new BenchError(`${this.name} is gone`));
    const id = this.#nextId++;
    const answer = new Promise<unknown>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    this.child.send(message(id));
    return withTimeout(answer, timeoutMs, `${this.name} ${what}`).finally(() => this.#pending.delete(id));
  }

  /** Rejects if the child exits while `promise` is pending: a crashed server fails the bench at once. */
  guard<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([
      promise,
      this.#exited.then((how) => {
        throw new BenchError(`${this.name} exited unexpectedly (${how})`);
      }),
    ]);
  }
}

async function stopChild(child: ChildProcess, exited: Promise<ExitDescription>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (child.connected) child.send({ type: 'stop' } satisfies ParentToChild);
  const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), STOP_TIMEOUT_MS).unref())]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}
