// A WebSocket client for tests: speaks the real protocol, queues what the hub sends, and waits with timeouts.
import WebSocket from 'ws';
import { screenToken } from './hub.ts';
import { effectiveModeFor, type Placement } from '../../shared/modes.ts';
import { applyConsoleMessage, type ConsoleView } from '../../shared/console-view.ts';
import { PROTOCOL_VERSION, parseServerMessage, type ClientMessage, type HubState, type ServerMessage } from '../../shared/protocol.ts';

type MessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

export class TestSocket {
  readonly messages: ServerMessage[] = [];
  /** Every frame as it came off the wire, valid or not, never consumed (for tests of what a client was ever sent). */
  readonly frames: string[] = [];
  readonly invalid: string[] = [];
  closeCode: number | null = null;
  #waiters: (() => void)[] = [];
  #view: ConsoleView = null;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(data.toString());
      const parsed = parseServerMessage(data.toString());
      if (parsed.ok) this.messages.push(parsed.message);
      else this.invalid.push(data.toString());
      this.#wake();
    });
    this.opened = new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      socket.once('close', (code) => {
        this.closeCode = code;
        this.#wake();
        resolve(code);
      }),
    );
  }

  static async connect(hubOrigin: string, options: { origin?: string; cookie?: string } = {}): Promise<TestSocket> {
    const headers: Record<string, string> = { Origin: options.origin ?? hubOrigin };
    if (options.cookie) headers.Cookie = options.cookie;
    const client = new TestSocket(new WebSocket(`${hubOrigin.replace(/^http/, 'ws')}/ws`, { headers }));
    await client.opened;
    return client;
  }

  /** Connect as a demo screen and wait for its welcome (and snapshot, when behind). */
  static async screen(hubOrigin: string, screenId: string, lastSeq = 0, planVersion: string | null = null): Promise<TestSocket> {
    const client = await TestSocket.connect(hubOrigin);
    client.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId, token: screenToken(screenId), lastSeq, planVersion });
    await client.next('welcome');
    return client;
  }

  send(message: ClientMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** The next message of a type (optionally matching), consumed from the queue; fails after `timeoutMs`. */
  async next<T extends ServerMessage['type']>(type: T, match: (m: MessageOf<T>) => boolean = () => true, timeoutMs = 3000): Promise<MessageOf<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.messages.findIndex((m) => m.type === type && match(m as MessageOf<T>));
      if (index !== -1) return this.messages.splice(index, 1)[0] as MessageOf<T>;
      const left = deadline - Date.now();
      if (left <= 0 || this.closeCode !== null) {
        throw new Error(`no ${type} message within ${timeoutMs} ms (closed: ${this.closeCode}); got ${this.messages.map((m) => m.type).join(', ') || 'nothing'}`);
      }
      await this.#nextFrame(left);
    }
  }

  /**
   * As a console: the live state it shows, folded from the `state` and `state-delta` messages received so far (each
   * consumed) by shared/console-view.ts, once `match` holds; fails after `timeoutMs`.
   */
  async consoleView(match: (view: HubState) => boolean = () => true, timeoutMs = 3000): Promise<HubState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let index = 0; index < this.messages.length; ) {
        const message = this.messages[index]!;
        if (message.type !== 'state' && message.type !== 'state-delta') index += 1;
        else {
          this.#view = applyConsoleMessage(this.#view, message);
          this.messages.splice(index, 1);
        }
      }
      if (this.#view && match(this.#view)) return this.#view;
      const left = deadline - Date.now();
      if (left <= 0 || this.closeCode !== null) throw new Error(`the console state did not match within ${timeoutMs} ms (closed: ${this.closeCode})`);
      await this.#nextFrame(left);
    }
  }

  /** Resolves at the next frame or close, or after `ms`. */
  #nextFrame(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Wait for the state with this seq and acknowledge it as a screen at `placement` would after painting. */
  async renderState(seq: number, placement: Placement): Promise<ReturnType<typeof effectiveModeFor>> {
    const message = await this.next('modes-changed', (m) => m.seq === seq).catch(() => this.next('snapshot', (m) => m.seq === seq));
    const effective = effectiveModeFor(placement, message.modes, message.priority);
    this.send({ type: 'receipt', seq, activeSeq: effective?.seq ?? 0, mode: effective?.mode ?? 'normal', drill: effective?.drill ?? false });
    return effective;
  }

  close(): void {
    this.socket.close();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
