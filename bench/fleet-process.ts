// Child process entry: one slice of the simulated screens, so that no process holds more sockets than the open-file
// limit allows (10,000 screens need 20,000 client sockets: the hub's screens and the bare server's clients). It holds
// two ScreenFleets for the same slice of the site's screens, one on the hub and one on the bare ws server, and answers
// the bench's FleetRequests (ipc-messages.ts) with their records, times on the shared clock (ipc-messages.ts sharedClockNow).
// Started by server-child.ts with a JSON argument: { hubOrigin, bareOrigin, siteFile, from, to } (screens [from, to)).
import { readFile } from 'node:fs/promises';
import type { Site } from '../shared/model.ts';
import { serveParent, toSharedClock, type ChildToParent, type FleetRecord, type FleetRequest, type FleetSide } from './ipc-messages.ts';
import { ScreenFleet, fleetScreensOf } from './screen-fleet.ts';

interface FleetArgs {
  hubOrigin: string;
  bareOrigin: string;
  siteFile: string;
  from: number;
  to: number;
}

const send = (message: ChildToParent) => process.send?.(message);

try {
  const args = JSON.parse(process.argv[2] ?? '{}') as FleetArgs;
  const site = JSON.parse(await readFile(args.siteFile, 'utf8')) as Site;
  const screens = fleetScreensOf(site).slice(args.from, args.to);
  const fleets = new Map<FleetSide, ScreenFleet>();
  const fleet = (side: FleetSide): ScreenFleet => {
    const found = fleets.get(side);
    if (!found) throw new Error(`the ${side} fleet is not connected`);
    return found;
  };
  const slice = `screens ${args.from + 1}–${args.to}`;

  const handle = async (request: FleetRequest): Promise<unknown> => {
    switch (request.type) {
      case 'connect-fleet': {
        if (fleets.has(request.side)) throw new Error(`the ${request.side} fleet is already connected`);
        const connected = await ScreenFleet.connect(
          request.side === 'hub'
            ? { name: `hub screens (${slice})`, origin: args.hubOrigin, screens, hello: true }
            : { name: `bare clients (${slice})`, origin: args.bareOrigin, screens, hello: false },
        );
        fleets.set(request.side, connected);
        return null;
      }
      case 'wait-receipts': {
        const record = await fleet(request.side).waitForReceipts(request.seq, request.timeoutMs);
        // On the shared clock: the parent merges several children's records on its own.
        return {
          receipts: record.receipts,
          firstAt: toSharedClock(record.firstAt),
          lastSentAt: toSharedClock(record.lastSentAt),
          handlerMs: record.handlerMs,
          frame: record.frame,
          shown: [...record.shown],
        } satisfies FleetRecord;
      }
      case 'forget':
        if (request.seq === null) fleet(request.side).forgetAll();
        else fleet(request.side).forget(request.seq);
        return null;
    }
  };

  serveParent(
    async () => {
      for (const f of fleets.values()) f.close();
    },
    null,
    handle,
  );
  send({ type: 'ready', port: 0 });
} catch (error) {
  send({ type: 'failed', message: `fleet did not start: ${(error as Error).stack ?? String(error)}` });
  process.exit(1);
}
