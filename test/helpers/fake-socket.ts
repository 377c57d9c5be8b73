// A stand-in for a `ws` socket in the realtime hub's unit tests: it keeps what was sent, and its tests set how much is
// still queued (bufferedAmount) and read how it was closed. No mocking library: the hub only needs these few members.
import type { WebSocketLike } from '@hono/node-server';
import type { WSContext, WSMessageReceive } from 'hono/ws';
import { encode, parseServerMessage, type ClientMessage, type ServerMessage } from '../../shared/protocol.ts';
import type { ConsoleSession, HubSocket } from '../../hub/realtime/connection-registry.ts';
import type { RealtimeHub } from '../../hub/realtime/realtime-hub.ts';

type MessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

export class FakeSocket implements HubSocket {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | null = null;
  terminated = false;
  pings = 0;
  readonly #pongListeners: (() => void)[] = [];

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

  /** The one `ws` event the hub listens to itself. */
  on(event: 'pong', listener: () => void): void {
    this.#pongListeners.push(listener);
  }

  pong(): void {
    for (const listener of this.#pongListeners) listener();
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

/** A fake socket opened on a real RealtimeHub through its Hono events, as @hono/node-server would. */
export function connectFake(hub: RealtimeHub, session: ConsoleSession | null = null, from = '192.0.2.10') {
  const socket = new FakeSocket();
  const events = hub.events(session, from);
  const ws = { raw: socket } as unknown as WSContext<WebSocketLike>;
  events.onOpen?.(new Event('open'), ws);
  return {
    socket,
    send(message: ClientMessage | string): void {
      events.onMessage?.({ data: typeof message === 'string' ? message : encode(message) } as MessageEvent<WSMessageReceive>, ws);
    },
    /** The client went away (or the hub's close went through). */
    closed(): void {
      socket.readyState = 3;
      events.onClose?.({} as CloseEvent, ws);
    },
  };
}
