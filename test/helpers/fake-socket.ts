// A stand-in for a `ws` socket in the realtime hub's unit tests: it keeps what was sent, and its tests set how much is
// still queued (bufferedAmount) and read how it was closed. No mocking library: the hub only needs these few members.
import { encode, parseServerMessage, type ClientMessage, type ServerMessage } from '../../shared/protocol.ts';
import type { ConsoleSession } from '../../hub/realtime/connection-registry.ts';
import type { AcceptedSocket, RealtimeHub } from '../../hub/realtime/realtime-hub.ts';

type MessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

export class FakeSocket implements AcceptedSocket {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | null = null;
  terminated = false;
  pings = 0;
  readonly #listeners = new Map<string, ((...args: never[]) => void)[]>();

  send(data: string): void {
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith ??= { code, reason };
    this.readyState = 2;
  }

  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
  }

  ping(): void {
    this.pings += 1;
  }

  /** The `ws` events the hub listens to. */
  on(event: string, listener: (...args: never[]) => void): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }

  /** As `ws` emits them: 'message' (data, isBinary), 'close', 'pong', 'error'. */
  emit(event: 'message', data: Buffer, isBinary: boolean): void;
  emit(event: 'close' | 'pong'): void;
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (...args: unknown[]) => void)(...args);
  }

  pong(): void {
    this.emit('pong');
  }

  /** Every message sent, parsed. */
  get messages(): ServerMessage[] {
    return this.sent.map((frame) => {
      const parsed = parseServerMessage(frame);
      if (!parsed.ok) throw new Error(`the hub sent a frame that does not parse: ${parsed.message}`);
      return parsed.message;
    });
  }

  /** The messages of one type, in order. */
  of<T extends ServerMessage['type']>(type: T): MessageOf<T>[] {
    return this.messages.filter((m): m is MessageOf<T> => m.type === type);
  }

  /** Forget what was sent so far. */
  clear(): void {
    this.sent.length = 0;
  }
}

/** A fake socket opened on a real RealtimeHub, as the WebSocket upgrade hands one over. */
export function connectFake(hub: RealtimeHub, session: ConsoleSession | null = null, from = '192.0.2.10') {
  const socket = new FakeSocket();
  hub.accept(socket, session, from);
  return {
    socket,
    send(message: ClientMessage | string): void {
      socket.emit('message', Buffer.from(typeof message === 'string' ? message : encode(message)), false);
    },
    /** The client went away (or the hub's close went through). */
    closed(): void {
      socket.readyState = 3;
      socket.emit('close');
    },
  };
}
