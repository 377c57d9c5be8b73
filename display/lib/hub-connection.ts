// One WebSocket to the hub, kept alive: hello on every connect, app-level heartbeat, a watchdog for a silent
// hub, and reconnects with capped backoff and jitter. Used by the wall screen and both consoles.
import {
  CLOSE_CODES,
  encode,
  parseServerMessage,
  type ClientMessage,
  type ServerMessage,
} from '../../shared/protocol.ts';
import { SCREEN_BACKOFF, backoffDelay, type BackoffOptions } from './backoff.ts';

export type ConnectionStatus = 'connecting' | 'open' | 'closed' | 'stopped';

export interface HubConnectionOptions {
  /** Built on every connect, so it carries the latest rendered sequence. */
  hello: () => ClientMessage;
  onMessage: (message: ServerMessage) => void;
  onStatus?: (status: ConnectionStatus, detail: { closeCode: number | null }) => void;
  /** The hub speaks another protocol version: the app must update itself. */
  onProtocolMismatch?: () => void;
  /** ws:// or wss:// URL; defaults to /ws on the page's own origin. */
  url?: string;
  backoff?: BackoffOptions;
  /** Until the welcome says otherwise. */
  heartbeatMs?: number;
}

/** A hub that stays silent for this many heartbeats is presumed gone and the socket is replaced. */
const SILENT_HEARTBEATS = 2.5;

export function defaultHubUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

export class HubConnection {
  readonly #options: HubConnectionOptions;
  #socket: WebSocket | null = null;
  #status: ConnectionStatus = 'closed';
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #pingTimer: ReturnType<typeof setInterval> | null = null;
  #watchdog: ReturnType<typeof setTimeout> | null = null;
  #heartbeatMs: number;
  #stopped = true;
  /** When the hub last said anything (ms since epoch), null before the first message. */
  lastContactAt: number | null = null;
  /** Frames from the hub that did not parse; counted, never fatal. */
  rejectedFrames = 0;

  constructor(options: HubConnectionOptions) {
    this.#options = options;
    this.#heartbeatMs = options.heartbeatMs ?? 10_000;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    window.addEventListener('online', this.#reconnectNow);
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    window.removeEventListener('online', this.#reconnectNow);
    this.#clearTimers();
    const socket = this.#socket;
    this.#socket = null;
    socket?.close(1000, 'client stopped');
    this.#setStatus('stopped', null);
  }

  send(message: ClientMessage): boolean {
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(encode(message));
    return true;
  }

  #connect(): void {
    if (this.#stopped) return;
    this.#clearTimers();
    this.#setStatus('connecting', null);
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.#options.url ?? defaultHubUrl());
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    socket.addEventListener('open', () => {
      if (socket !== this.#socket) return;
      socket.send(encode(this.#options.hello()));
      this.#armWatchdog();
    });
    socket.addEventListener('message', (event) => {
      if (socket !== this.#socket) return;
      this.#onFrame(event.data);
    });
    socket.addEventListener('close', (event) => {
      if (socket !== this.#socket) return;
      this.#socket = null;
      this.#clearTimers();
      this.#onClose(event.code);
    });
  }

  #onFrame(data: unknown): void {
    this.lastContactAt = Date.now();
    this.#armWatchdog();
    if (typeof data !== 'string') {
      this.rejectedFrames += 1;
      return;
    }
    const parsed = parseServerMessage(data);
    if (!parsed.ok) {
      this.rejectedFrames += 1;
      return;
    }
    const message = parsed.message;
    if (message.type === 'welcome') {
      this.#attempt = 0;
      this.#heartbeatMs = message.heartbeatMs;
      this.#startPings();
      this.#setStatus('open', null);
    }
    this.#options.onMessage(message);
  }

  #onClose(code: number): void {
    if (this.#stopped) return;
    if (code === CLOSE_CODES.protocolMismatch) this.#options.onProtocolMismatch?.();
    if (code === CLOSE_CODES.replaced) {
      // Another window took over this screen's identity; two windows fighting over one screen would
      // reconnect forever, so this one steps back and says so.
      this.#stopped = true;
      this.#setStatus('stopped', code);
      return;
    }
    this.#setStatus('closed', code);
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#stopped) return;
    const delay = backoffDelay(this.#attempt, this.#options.backoff ?? SCREEN_BACKOFF);
    this.#attempt += 1;
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  readonly #reconnectNow = (): void => {
    if (this.#stopped || this.#status === 'open' || this.#status === 'connecting') return;
    this.#attempt = 0;
    this.#connect();
  };

  #startPings(): void {
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    // Browsers cannot see protocol-level pings, so the screen proves it is alive (and learns the hub is) itself.
    this.#pingTimer = setInterval(() => this.send({ type: 'ping', t: Date.now() }), this.#heartbeatMs);
  }

  #armWatchdog(): void {
    if (this.#watchdog) clearTimeout(this.#watchdog);
    this.#watchdog = setTimeout(() => {
      // A half-open TCP connection never fires 'close' by itself: drop it and reconnect.
      const socket = this.#socket;
      this.#socket = null;
      this.#clearTimers();
      socket?.close(1000, 'hub silent');
      this.#onClose(1006);
    }, this.#heartbeatMs * SILENT_HEARTBEATS);
  }

  #clearTimers(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    if (this.#watchdog) clearTimeout(this.#watchdog);
    this.#retryTimer = this.#pingTimer = this.#watchdog = null;
  }

  #setStatus(status: ConnectionStatus, closeCode: number | null): void {
    if (status === this.#status && closeCode === null) return;
    this.#status = status;
    this.#options.onStatus?.(status, { closeCode });
  }
}
