// Inside the hub child, when a section asks: watch every `ws` socket's send queue and slow-consumer closes.
// The hub does not expose its sockets, and the slow-screen section must report how much unsent data a stuck
// screen made the hub hold, so the `ws` class the hub uses is wrapped here. Off by default: the realtime
// section measures the hub untouched.
import WebSocket from 'ws';
import { CLOSE_CODES } from '../shared/protocol.ts';
import type { SocketFigures } from './ipc-messages.ts';

export function watchHubSockets(): () => SocketFigures {
  const figures: SocketFigures = { peakBufferedBytes: 0, slowConsumerCloses: 0 };
  const proto = WebSocket.prototype as unknown as {
    send: (this: WebSocket, ...args: unknown[]) => void;
    close: (this: WebSocket, code?: number, reason?: unknown) => void;
  };
  const send = proto.send;
  const close = proto.close;
  proto.send = function (this: WebSocket, ...args: unknown[]) {
    send.apply(this, args);
    // After the send: what the kernel did not take stays in the socket's queue, in the hub's memory.
    figures.peakBufferedBytes = Math.max(figures.peakBufferedBytes, this.bufferedAmount);
  };
  proto.close = function (this: WebSocket, code?: number, reason?: unknown) {
    if (code === CLOSE_CODES.slowConsumer && this.readyState === this.OPEN) figures.slowConsumerCloses += 1;
    close.call(this, code, reason);
  };
  return () => ({ ...figures });
}
