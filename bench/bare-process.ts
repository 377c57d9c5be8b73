// Child process entry: the floor. A bare `ws` server with no protocol, auth, persistence or bookkeeping:
// POST /broadcast sends the request body as one text frame to every socket; each reply is JSON-parsed and counted.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveParent, type ChildToParent } from './ipc-messages.ts';

const send = (message: ChildToParent) => process.send?.(message);

// The same ws options as the hub (hub/server.ts): no per-message deflate, 64 KiB frames.
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 64 * 1024 });
let replies = 0;
wss.on('connection', (socket: WebSocket) => {
  socket.on('message', (data) => {
    // The least a real server must do with a receipt: decode it.
    JSON.parse(data.toString());
    replies += 1;
  });
});

// Triggered over HTTP like the hub's POST /api/modes, so both timings include an HTTP request from the bench.
const server = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/broadcast') {
    response.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const frame = Buffer.concat(chunks).toString('utf8');
    let sent = 0;
    for (const client of wss.clients) {
      if (client.readyState === client.OPEN) {
        client.send(frame);
        sent += 1;
      }
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sent, replies }));
  });
});
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});

server.listen(0, '127.0.0.1', () => {
  serveParent(
    () =>
      new Promise<void>((done) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => done());
      }),
  );
  send({ type: 'ready', port: (server.address() as AddressInfo).port });
});
server.on('error', (error) => {
  send({ type: 'failed', message: `bare server did not start: ${error.message}` });
  process.exit(1);
});
