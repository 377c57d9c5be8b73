// A TCP relay on 127.0.0.1 that delivers what the hub sends at most `bytesPerSecond`, as an office on a slow link
// receives it: the relay stops reading the hub's side for as long as each chunk takes at that rate, so what the
// link cannot carry yet stays in the kernel's buffers and then in the hub's send queue (where the hub's
// slow-consumer cap sees it), exactly as on a slow network. The other direction is not limited.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ThrottledLink {
  /** Connect here instead of to the hub. */
  port: number;
  close(): Promise<void>;
}

export function startThrottledLink(target: { host: string; port: number }, bytesPerSecond: number): Promise<ThrottledLink> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const hub = createConnection(target);
    sockets.add(client).add(hub);
    client.pipe(hub);
    // When the link may carry the next byte (performance of the relay itself is negligible at these rates).
    let freeAt = Date.now();
    hub.on('data', (chunk: Buffer) => {
      client.write(chunk);
      freeAt = Math.max(freeAt, Date.now()) + (chunk.length / bytesPerSecond) * 1000;
      const wait = freeAt - Date.now();
      if (wait > 0) {
        hub.pause();
        setTimeout(() => hub.resume(), wait);
      }
    });
    hub.on('end', () => client.end());
    const drop = () => {
      client.destroy();
      hub.destroy();
      sockets.delete(client);
      sockets.delete(hub);
    };
    client.on('error', drop).on('close', drop);
    hub.on('error', drop).on('close', drop);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
