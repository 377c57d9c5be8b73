// A screen that connects, says hello, gets its welcome and then stops reading its socket, as a wall PC whose
// browser hangs or whose network stalls does: whatever the hub sends it piles up in kernel buffers, then in the hub.
import { benchScreenToken } from './bench-tokens.ts';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, encode } from '../shared/protocol.ts';
import { BenchError, withTimeout } from './deadline.ts';

export interface StuckScreen {
  screenId: string;
  /** The client side's local port: finds this connection in `ss` output. */
  localPort: number;
  close(): void;
}

export async function connectStuckScreen(origin: string, screenId: string, timeoutMs = 10_000): Promise<StuckScreen> {
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws`, { headers: { Origin: origin }, perMessageDeflate: false });
  // Once paused nothing is read, so errors (a reset when the hub drops it) are only noted by the hub's roll-call.
  ws.on('error', () => undefined);
  const welcomed = new Promise<void>((resolve, reject) => {
    ws.once('open', () => ws.send(encode({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'bench-stuck', screenId, token: benchScreenToken(screenId), lastSeq: 0 })));
    ws.on('message', (data: Buffer) => {
      if (data.toString().includes('"type":"welcome"')) resolve();
    });
    ws.once('close', (code) => reject(new BenchError(`stuck screen ${screenId} closed before its welcome (${code})`)));
  });
  try {
    await withTimeout(welcomed, timeoutMs, `stuck screen ${screenId} to be welcomed`);
  } catch (error) {
    ws.terminate();
    throw error;
  }
  // `ws` has no public way to stop reading: pause the underlying TCP socket.
  const socket = (ws as unknown as { _socket: Socket })._socket;
  socket.pause();
  return { screenId, localPort: socket.localPort ?? -1, close: () => ws.terminate() };
}
