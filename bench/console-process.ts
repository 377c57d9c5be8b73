// Child process entry: one office console watching the roll-call, on a link throttled to `bytesPerSecond`
// (throttled-link.ts). It logs in through the real API as the bench's office user, opens the console WebSocket with
// its session cookie, says console-hello, and applies every message to its view (console-watch.ts), as the console
// app does; after each one it tells the bench when it was applied (on the shared clock), how big it was, and whether the view
// now shows every screen confirmed. A console the hub closes (4429: too slow) is reported, not reopened.
// In its own process so that parsing large frames never stalls the bench's clock or its screens.
// Started by server-child.ts with a JSON argument: { hubPort, username, password, screens, bytesPerSecond }.
import WebSocket from 'ws';
import { PROTOCOL_VERSION, encode, parseServerMessage } from '../shared/protocol.ts';
import { allConfirmed, applyMessage, EMPTY_VIEW, viewSeq } from './console-watch.ts';
import { serveParent, sharedClockNow, type ChildToParent } from './ipc-messages.ts';
import { OfficeClient } from './office-client.ts';
import { startThrottledLink } from './throttled-link.ts';

interface ConsoleArgs {
  hubPort: number;
  username: string;
  password: string;
  /** Screens the roll-call must show confirmed. */
  screens: number;
  bytesPerSecond: number;
}

const send = (message: ChildToParent) => process.send?.(message);

try {
  const args = JSON.parse(process.argv[2] ?? '{}') as ConsoleArgs;
  const office = new OfficeClient(`http://127.0.0.1:${args.hubPort}`);
  await office.login(args.username, args.password);
  const link = await startThrottledLink({ host: '127.0.0.1', port: args.hubPort }, args.bytesPerSecond);
  // The hub sees the link's address as its own origin (Host and Origin agree), as a browser would send them.
  const origin = `http://127.0.0.1:${link.port}`;
  const socket = new WebSocket(`ws://127.0.0.1:${link.port}/ws`, { headers: { Origin: origin, Cookie: office.sessionCookie! }, perMessageDeflate: false });
  let view = EMPTY_VIEW;
  let closing = false;
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => {
      socket.send(encode({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'bench-console' }));
      resolve();
    });
    socket.once('unexpected-response', (_request, response) => reject(new Error(`console upgrade refused with HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
  socket.on('message', (data: Buffer) => {
    const parsed = parseServerMessage(data.toString());
    if (!parsed.ok) throw new Error(`console got an invalid frame (${parsed.code}): ${parsed.message}`);
    view = applyMessage(view, parsed.message);
    const seq = viewSeq(view);
    send({ type: 'console-frame', at: sharedClockNow(), bytes: data.length, seq, complete: allConfirmed(view, seq, args.screens) });
  });
  socket.on('error', () => undefined); // a reset after the hub drops it: the close below says what happened
  socket.once('close', (code, reason) => {
    if (!closing) send({ type: 'console-closed', at: sharedClockNow(), code, reason: reason.toString() });
  });
  serveParent(async () => {
    closing = true;
    socket.terminate();
    await link.close();
  });
  send({ type: 'ready', port: 0 });
} catch (error) {
  send({ type: 'failed', message: `console did not start: ${(error as Error).stack ?? String(error)}` });
  process.exit(1);
}
