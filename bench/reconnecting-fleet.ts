// N simulated wall screens that survive a hub restart the way real ones do (display/lib/hub-connection.ts and
// display/screen/screen-link-controller.ts): each keeps its last state across disconnects, retries with the real
// capped backoff and jitter (display/lib/backoff.ts), says hello with the last seq it rendered and the versions of
// the plans, wordings and slides it holds, applies the snapshot
// if one comes, and sends a receipt, also when the welcome shows it is already up to date (a restarted hub has an
// empty roll-call). Every mode a screen computes is checked against what must be on screen: a screen that resolves
// to normal while a mode is active is a wrong render.
import { benchScreenToken } from './bench-tokens.ts';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { SCREEN_BACKOFF, backoffDelay } from '../display/lib/backoff.ts';
import type { ActiveMode, ModeId } from '../shared/model.ts';
import { DEFAULT_PRIORITY, effectiveModeFor } from '../shared/modes.ts';
import { CLOSE_CODES, PROTOCOL_VERSION, encode, parseServerMessage, type ServerMessage } from '../shared/protocol.ts';
import { BenchError, withTimeout } from './deadline.ts';
import type { FleetScreen } from './screen-fleet.ts';

/** One connection attempt, for the report's histogram. */
export interface Attempt {
  /** performance.now() when the socket was created. */
  at: number;
  /** When the hub's welcome arrived, or null when the attempt failed (refused while the hub was down). */
  welcomedAt: number | null;
}

interface SavedState {
  seq: number;
  modes: ActiveMode[];
  priority: ModeId[];
}

class ReconnectingScreen {
  /** What a real screen keeps in localStorage: survives every disconnect. */
  state: SavedState = { seq: 0, modes: [], priority: [...DEFAULT_PRIORITY] };
  /** The versions of the plans, wordings and slides it holds, which its hello names so the hub sends only what is newer. */
  held: { planVersion: string | null; wordingsVersion: string | null; contentRevision: number | null } = { planVersion: null, wordingsVersion: null, contentRevision: null };
  socket: WebSocket | null = null;
  /** Retries since the last welcome, as HubConnection counts them. */
  attempt = 0;
  retryTimer: NodeJS.Timeout | null = null;
  current: Attempt | null = null;
  /** The last receipt this screen sent: when, and for which effective mode. */
  receipt: { at: number; seq: number; activeSeq: number; welcomedAt: number } | null = null;
  wrongRenders = 0;

  constructor(readonly screen: FleetScreen) {}
}

export class ReconnectingFleet {
  readonly #screens: ReconnectingScreen[];
  readonly attempts: Attempt[] = [];
  /** Snapshots received: a screen gets one only when the hub's seq differs from the last it rendered. */
  snapshots = 0;
  /** Anything a correct run never sees: invalid frames, error messages, refused upgrades, replaced connections. */
  readonly problems: string[] = [];
  /** The active mode's seq every screen must show from now on (null: no check yet). */
  #mustShow: number | null = null;
  #stopped = false;
  #wake: (() => void) | null = null;

  private constructor(
    readonly name: string,
    readonly origin: string,
    screens: readonly FleetScreen[],
  ) {
    this.#screens = screens.map((s) => new ReconnectingScreen(s));
  }

  /** Connect every screen, `batchSize` at a time (a first start, not a storm); resolves once all are welcomed. */
  static async connect(name: string, origin: string, screens: readonly FleetScreen[], batchSize = 50): Promise<ReconnectingFleet> {
    const fleet = new ReconnectingFleet(name, origin, screens);
    try {
      for (let start = 0; start < fleet.#screens.length; start += batchSize) {
        const batch = fleet.#screens.slice(start, start + batchSize);
        for (const screen of batch) fleet.#connect(screen);
        await fleet.waitFor((s) => s.receipt !== null, batch, 15_000, `${name}: screens ${start + 1}–${start + batch.length} welcomed`);
      }
    } catch (error) {
      fleet.close();
      throw error;
    }
    return fleet;
  }

  get size(): number {
    return this.#screens.length;
  }

  /** From now on every screen must show the mode with this seq; anything else it computes is a wrong render. */
  expectActive(activeSeq: number): void {
    this.#mustShow = activeSeq;
  }

  /** Screens that computed something other than the active mode since expectActive(), and how many times in all. */
  wrongRenders(): { screens: number; renders: number } {
    const wrong = this.#screens.filter((s) => s.wrongRenders > 0);
    return { screens: wrong.length, renders: wrong.reduce((sum, s) => sum + s.wrongRenders, 0) };
  }

  /** Resolves when every screen has sent a receipt for `activeSeq` at state `seq` or later (on any connection). */
  waitForReceipts(seq: number, activeSeq: number, timeoutMs: number): Promise<void> {
    return this.waitFor((s) => !!s.receipt && s.receipt.seq >= seq && s.receipt.activeSeq === activeSeq, this.#screens, timeoutMs, `${this.name}: receipts for seq ${seq}`);
  }

  /**
   * Resolves with the moment the last screen sent its receipt for `activeSeq` on a connection welcomed after
   * `since`: every screen is back and has resynced (welcome, snapshot if it was behind, receipt).
   */
  async waitForResync(activeSeq: number, since: number, timeoutMs: number): Promise<number> {
    const resynced = (s: ReconnectingScreen) => !!s.receipt && s.receipt.welcomedAt > since && s.receipt.activeSeq === activeSeq;
    await this.waitFor(resynced, this.#screens, timeoutMs, `${this.name}: every screen back and resynced`);
    return Math.max(...this.#screens.map((s) => s.receipt!.at));
  }

  /** Stop reconnecting and close every socket. */
  close(): void {
    this.#stopped = true;
    for (const s of this.#screens) {
      if (s.retryTimer) clearTimeout(s.retryTimer);
      s.socket?.terminate();
    }
  }

  /** Poll-free wait: every receipt, welcome or problem wakes the check. */
  async waitFor(done: (s: ReconnectingScreen) => boolean, screens: readonly ReconnectingScreen[], timeoutMs: number, what: string): Promise<void> {
    const check = () => {
      if (this.problems.length > 0) throw new BenchError(`${this.name}: ${this.problems.length} problem(s), first: ${this.problems[0]}`);
      return screens.every(done);
    };
    const wait = async () => {
      while (!check()) await new Promise<void>((resolve) => (this.#wake = resolve));
    };
    try {
      await withTimeout(wait(), timeoutMs, what);
    } catch (error) {
      // How far it got, counted when it gave up (not when it began).
      if (error instanceof BenchError) throw new BenchError(`${error.message} (${screens.filter(done).length} of ${screens.length})`);
      throw error;
    } finally {
      this.#wake = null;
    }
  }

  #changed(): void {
    this.#wake?.();
  }

  #problem(text: string): void {
    this.problems.push(text);
    this.#changed();
  }

  #connect(s: ReconnectingScreen): void {
    if (this.#stopped) return;
    s.retryTimer = null;
    const attempt: Attempt = { at: performance.now(), welcomedAt: null };
    this.attempts.push(attempt);
    s.current = attempt;
    const socket = new WebSocket(`${this.origin.replace(/^http/, 'ws')}/ws`, { headers: { Origin: this.origin }, perMessageDeflate: false });
    s.socket = socket;
    socket.once('open', () => {
      socket.send(encode({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'bench', screenId: s.screen.screenId, token: benchScreenToken(s.screen.screenId), lastSeq: s.state.seq, ...s.held }));
    });
    socket.on('message', (data: Buffer) => {
      const parsed = parseServerMessage(data.toString());
      if (!parsed.ok) return this.#problem(`${s.screen.screenId} got an invalid frame (${parsed.code})`);
      this.#onMessage(s, socket, attempt, parsed.message);
    });
    socket.once('unexpected-response', (_request, response) => {
      this.#problem(`${s.screen.screenId}: upgrade refused with HTTP ${response.statusCode}`);
      socket.terminate();
    });
    // ECONNREFUSED while the hub is down comes here, then 'close' (1006): a retry like any other.
    socket.on('error', () => undefined);
    socket.once('close', (code) => {
      if (s.socket !== socket) return;
      s.socket = null;
      if (this.#stopped) return;
      if (code === CLOSE_CODES.replaced) return this.#problem(`${s.screen.screenId} was replaced by another connection`);
      const delay = backoffDelay(s.attempt, SCREEN_BACKOFF);
      s.attempt += 1;
      s.retryTimer = setTimeout(() => this.#connect(s), delay);
    });
  }

  #onMessage(s: ReconnectingScreen, socket: WebSocket, attempt: Attempt, message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        attempt.welcomedAt = performance.now();
        s.attempt = 0;
        // Up to date already: no snapshot follows, but the (perhaps restarted) hub still needs a receipt.
        if (message.seq === s.state.seq) this.#render(s, socket, attempt);
        return this.#changed();
      case 'snapshot':
        // Authoritative, even with a lower seq (a hub restored from a backup).
        this.snapshots += 1;
        s.state = { seq: message.seq, modes: message.modes, priority: message.priority };
        return this.#render(s, socket, attempt);
      case 'modes-changed':
        if (message.seq <= s.state.seq) return; // already shown
        s.state = { seq: message.seq, modes: message.modes, priority: message.priority };
        return this.#render(s, socket, attempt);
      case 'error':
        return this.#problem(`${s.screen.screenId} got error ${message.code}: ${message.message}`);
      case 'plan':
        s.held.planVersion = message.version;
        return;
      case 'wordings':
        s.held.wordingsVersion = message.version;
        return;
      case 'content':
        s.held.contentRevision = message.revision;
        return;
      default:
        return; // pong, profile: not needed here
    }
  }

  /** What the screen paints now, checked, then the receipt (painting takes no time here). */
  #render(s: ReconnectingScreen, socket: WebSocket, attempt: Attempt): void {
    const effective = effectiveModeFor(s.screen.placement, s.state.modes, s.state.priority);
    const activeSeq = effective?.seq ?? 0;
    if (this.#mustShow !== null && activeSeq !== this.#mustShow) s.wrongRenders += 1;
    socket.send(encode({ type: 'receipt', seq: s.state.seq, activeSeq, mode: effective?.mode ?? 'normal', drill: effective?.drill ?? false }));
    s.receipt = { at: performance.now(), seq: s.state.seq, activeSeq, welcomedAt: attempt.welcomedAt ?? -Infinity };
    this.#changed();
  }
}
