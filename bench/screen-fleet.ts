// N simulated wall screens in this process: each connects over loopback, says hello (to the hub), and after every
// snapshot/modes-changed resolves its effective mode and sends the render receipt, exactly as a real screen does
// after painting (here painting takes no time; a real Chromium paints the next frame ~1 ms later, FIELD-NOTES.md).
import { benchScreenToken } from './bench-tokens.ts';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { Site } from '../shared/model.ts';
import { effectiveModeFor, type Placement } from '../shared/modes.ts';
import { PROTOCOL_VERSION, encode, parseServerMessage } from '../shared/protocol.ts';
import { BenchError, withTimeout } from './deadline.ts';

export interface FleetScreen {
  screenId: string;
  placement: Placement;
}

/** The site's screens as the fleets simulate them: an id and where it hangs. */
export function fleetScreensOf(site: Site): FleetScreen[] {
  return site.screens.map((s) => ({ screenId: s.id, placement: { buildingId: s.buildingId, zoneId: s.zoneId } }));
}

export interface FleetOptions {
  /** For messages: "hub screens", "bare clients". */
  name: string;
  /** http://127.0.0.1:PORT; the sockets go to ws://127.0.0.1:PORT/ws with this as their Origin. */
  origin: string;
  screens: readonly FleetScreen[];
  /** Say hello and wait for the welcome (the hub); the bare server speaks no protocol, so just wait for open. */
  hello: boolean;
  /** Sockets opened at once: the hub must not see 1,000 simultaneous upgrades from one client. */
  batchSize?: number;
  batchTimeoutMs?: number;
}

/** What the fleet saw for one state seq. */
export interface SeqRecord {
  /** Receipts sent for this seq, one per screen at most. */
  receipts: number;
  /** performance.now() when the first screen began handling this seq's frame: the server's latency before fan-out. */
  firstAt: number;
  /** performance.now() right after the last receipt for this seq was handed to the socket. */
  lastSentAt: number;
  /** Time this process spent inside the screens' handlers for this seq (parse, resolve, send): the simulated
   * screens' own work, serialised here although real screens do it in parallel. */
  handlerMs: number;
  /** The raw frame of the first modes-changed for this seq: replayed to the bare server as the same payload. */
  frame: string | null;
  /** How many screens showed each "mode/activeSeq/drill": a round is right only if all show what was asked. */
  shown: Map<string, number>;
}

interface Member {
  screen: FleetScreen;
  socket: WebSocket;
  lastReceiptSeq: number;
}

export function shownKey(mode: string, activeSeq: number, drill: boolean): string {
  return `${mode}/${activeSeq}/${drill ? 'drill' : 'real'}`;
}

export class ScreenFleet {
  readonly #members: Member[] = [];
  /** Every socket opened, welcomed or not, so close() leaves nothing behind. */
  readonly #sockets: WebSocket[] = [];
  readonly #records = new Map<number, SeqRecord>();
  readonly #waiters = new Map<number, () => void>();
  /** Anything a correct run never sees: protocol errors, invalid frames, unexpected closes. */
  readonly problems: string[] = [];
  #closing = false;

  private constructor(readonly options: Required<FleetOptions>) {}

  get size(): number {
    return this.#members.length;
  }

  /** Connect every screen, `batchSize` at a time; resolves when all are connected (and welcomed). */
  static async connect(options: FleetOptions): Promise<ScreenFleet> {
    const fleet = new ScreenFleet({ batchSize: 50, batchTimeoutMs: 15_000, ...options });
    const { screens, batchSize, batchTimeoutMs, name } = fleet.options;
    try {
      for (let start = 0; start < screens.length; start += batchSize) {
        const batch = screens.slice(start, start + batchSize);
        await withTimeout(
          Promise.all(batch.map((screen) => fleet.#connectOne(screen))),
          batchTimeoutMs,
          `${name}: connecting screens ${start + 1}–${start + batch.length} of ${screens.length}`,
        );
      }
    } catch (error) {
      fleet.close();
      throw error;
    }
    return fleet;
  }

  /** Resolves with the record of `seq` once every screen has sent its receipt for it. */
  async waitForReceipts(seq: number, timeoutMs: number): Promise<SeqRecord> {
    const complete = () => (this.#records.get(seq)?.receipts ?? 0) >= this.#members.length;
    this.#checkProblems();
    if (!complete()) {
      await withTimeout(
        new Promise<void>((resolve) => this.#waiters.set(seq, resolve)),
        timeoutMs,
        `${this.options.name}: receipts for seq ${seq} (${this.#records.get(seq)?.receipts ?? 0} of ${this.#members.length} sent)`,
      ).finally(() => this.#waiters.delete(seq));
    }
    this.#checkProblems();
    return this.#records.get(seq)!;
  }

  /** Drop what was recorded for a seq once the round is done, so a long run does not accumulate. */
  forget(seq: number): void {
    this.#records.delete(seq);
  }

  /** Forget every record (e.g. the snapshots answered while connecting). */
  forgetAll(): void {
    this.#records.clear();
  }

  close(): void {
    this.#closing = true;
    for (const socket of this.#sockets) socket.terminate();
  }

  /** Record something a correct run never sees, and wake the waiters so the round fails now, not at its timeout. */
  #problem(text: string): void {
    this.problems.push(text);
    for (const wake of this.#waiters.values()) wake();
  }

  #checkProblems(): void {
    if (this.problems.length > 0) {
      throw new BenchError(`${this.options.name}: ${this.problems.length} problem(s), first: ${this.problems[0]}`);
    }
  }

  #connectOne(screen: FleetScreen): Promise<void> {
    const { origin, hello, name } = this.options;
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws`, { headers: { Origin: origin }, perMessageDeflate: false });
    this.#sockets.push(socket);
    const member: Member = { screen, socket, lastReceiptSeq: -1 };
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      const becomeReady = () => {
        ready = true;
        this.#members.push(member);
        resolve();
      };
      socket.once('open', () => {
        if (!hello) return becomeReady();
        socket.send(encode({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'bench', screenId: screen.screenId, token: benchScreenToken(screen.screenId), lastSeq: 0 }));
      });
      socket.on('message', (data: Buffer) => {
        const receivedAt = performance.now();
        const text = data.toString();
        const parsed = parseServerMessage(text);
        if (!parsed.ok) {
          this.#problem(`${screen.screenId} got an invalid frame (${parsed.code}): ${text.slice(0, 120)}`);
          return;
        }
        const message = parsed.message;
        switch (message.type) {
          case 'welcome':
            if (!ready) becomeReady();
            return;
          case 'snapshot':
          case 'modes-changed': {
            const effective = effectiveModeFor(screen.placement, message.modes, message.priority);
            const activeSeq = effective?.seq ?? 0;
            const mode = effective?.mode ?? 'normal';
            const drill = effective?.drill ?? false;
            socket.send(encode({ type: 'receipt', seq: message.seq, activeSeq, mode, drill }));
            // The measuring point: the receipt has left this screen (all screens share this process's clock).
            const sentAt = performance.now();
            this.#record(member, message.seq, receivedAt, sentAt, message.type === 'modes-changed' ? text : null, shownKey(mode, activeSeq, drill));
            return;
          }
          case 'error':
            this.#problem(`${screen.screenId} got error ${message.code}: ${message.message}`);
            return;
          default:
            return; // pong, state: not for screens in this bench
        }
      });
      socket.once('unexpected-response', (_request, response) =>
        reject(new BenchError(`${name}: upgrade for ${screen.screenId} refused with HTTP ${response.statusCode}`)),
      );
      socket.on('error', (error) => {
        if (!ready) reject(new BenchError(`${name}: ${screen.screenId} could not connect: ${error.message}`));
        else this.#problem(`${screen.screenId} socket error: ${error.message}`);
      });
      socket.once('close', (code, reason) => {
        if (this.#closing) return;
        const problem = `${screen.screenId} closed by the server: ${code} ${reason.toString()}`;
        if (!ready) reject(new BenchError(`${name}: ${problem}`));
        else this.#problem(problem);
      });
    });
  }

  #record(member: Member, seq: number, receivedAt: number, sentAt: number, frame: string | null, shown: string): void {
    if (seq <= member.lastReceiptSeq) return; // one receipt per screen and seq counts
    member.lastReceiptSeq = seq;
    let record = this.#records.get(seq);
    if (!record) {
      record = { receipts: 0, firstAt: receivedAt, lastSentAt: 0, handlerMs: 0, frame: null, shown: new Map() };
      this.#records.set(seq, record);
    }
    record.receipts += 1;
    record.firstAt = Math.min(record.firstAt, receivedAt);
    record.lastSentAt = Math.max(record.lastSentAt, sentAt);
    record.handlerMs += sentAt - receivedAt;
    record.frame ??= frame;
    record.shown.set(shown, (record.shown.get(shown) ?? 0) + 1);
    if (record.receipts >= this.#members.length) this.#waiters.get(seq)?.();
  }
}
