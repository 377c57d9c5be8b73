// Socket resilience on a real hub: a connection that floods is told and closed; a screen that stops answering
// heartbeats is dropped and shown offline within seconds, while a live one stays.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Wayfinding } from '../../shared/floor-plan.ts';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { startTestHub, type TestHub, screenToken } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
afterEach(async () => {
  await hub?.dispose();
});

const screenStatus = async (id: string) => {
  const { body } = await hub.api('/api/state', { cookie: await hub.login('viewer') });
  return body.state.screens.find((s: { id: string }) => s.id === id);
};

describe('a flooding connection', () => {
  it('is told to slow down and then closed, while a normal screen keeps working', async () => {
    hub = await startTestHub();
    const normal = await TestSocket.screen(hub.origin, 'gym');
    const flood = await TestSocket.connect(hub.origin);
    for (let i = 0; i < 200; i++) flood.send({ type: 'ping', t: i });
    expect(await flood.closed).toBe(CLOSE_CODES.tooManyMessages);
    expect(flood.messages.some((m) => m.type === 'error' && m.code === 'rate_limited')).toBe(true);
    // The burst allowance answered the first pings; the rest were refused, not queued.
    expect(flood.messages.filter((m) => m.type === 'pong').length).toBeLessThanOrEqual(45);

    normal.send({ type: 'ping', t: 1 });
    expect((await normal.next('pong')).t).toBe(1);
    normal.close();
  });
});

describe('heartbeats', () => {
  it('drop a screen that stops answering within seconds and show it offline; a live screen stays', async () => {
    hub = await startTestHub({ overrides: { heartbeatMs: 1000 } });
    const live = await TestSocket.screen(hub.origin, 'gym');
    // A screen whose machine froze: its socket stays open but never answers the hub's pings.
    const frozen = new WebSocket(`${hub.origin.replace('http', 'ws')}/ws`, { headers: { Origin: hub.origin }, autoPong: false });
    await new Promise<void>((resolve) => frozen.once('open', () => resolve()));
    frozen.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId: 'cafeteria', token: screenToken('cafeteria'), lastSeq: 0 }));
    const droppedAt = new Promise<number>((resolve) => frozen.once('close', () => resolve(Date.now())));
    const startedAt = Date.now();
    await expect.poll(async () => (await screenStatus('cafeteria'))?.online, { timeout: 2000 }).toBe(true);

    const dropped = await droppedAt;
    expect(dropped - startedAt).toBeLessThan(5000); // two heartbeats of 1 s, with room for a busy machine
    await expect.poll(async () => (await screenStatus('cafeteria'))?.online, { timeout: 2000 }).toBe(false);
    expect((await screenStatus('gym')).online).toBe(true);
    expect(live.closeCode).toBeNull();
    live.close();
  });
});

describe('a screen that stops reading', () => {
  it('is dropped once the hub has queued too much for it, and the hub goes on serving the others', async () => {
    hub = await startTestHub();
    const admin = await hub.login('admin');
    const live = await TestSocket.screen(hub.origin, 'main-1-west');
    // A wall PC whose browser hung: welcomed, then its socket is never read again.
    const stuck = await TestSocket.screen(hub.origin, 'main-1-east');
    const stuckSocket = (stuck.socket as unknown as { _socket: Socket })._socket;
    stuckSocket.pause();
    await live.next('plan');

    // Every save of a large plan is pushed to both screens: about 1.2 MB each time, which the stuck one never takes.
    let { body } = await hub.api('/api/wayfinding', { cookie: admin });
    const wayfinding: Wayfinding = body.wayfinding;
    const floor = wayfinding.floors.find((f) => f.floorId === 'main-1')!;
    // Bulk a screen is sent (staff notes are not): 125 finely drawn areas of 200 corners each.
    for (let i = 0; i < 125; i++) {
      const polygon = Array.from({ length: 200 }, (_, k) => ({ x: 200 + (i % 50) * 20 + 8 * Math.cos(k / 32), y: 300 + Math.floor(i / 50) * 20 + 8 * Math.sin(k / 32) }));
      floor.areas.push({ id: `bulk-area-${i}`, name: `Area ${i}`, translations: {}, polygon });
    }
    let version: string = body.version;
    let saves = 0;
    let planVersion = '';
    while ((await screenStatus('main-1-east')).online && saves < 20) {
      floor.pois[0]!.label = `Extinguisher by room ${saves}`;
      ({ body } = await hub.api('/api/wayfinding', { method: 'PUT', cookie: admin, body: { baseVersion: version, wayfinding } }));
      version = body.version;
      saves += 1;
      const label = floor.pois[0]!.label;
      const pushed = await live.next('plan');
      expect(pushed.wayfinding.floors.find((f) => f.floorId === 'main-1')!.pois[0]!.label).toBe(label);
      planVersion = pushed.version;
    }
    // Kernel buffers take the first few megabytes; past them the hub holds at most its 1 MiB cap before dropping.
    expect(saves).toBeGreaterThan(1);
    expect(saves).toBeLessThan(20);
    expect((await screenStatus('main-1-east')).online).toBe(false);
    expect((await screenStatus('main-1-west')).online).toBe(true);

    // The hub cut the connection without waiting for the close frame to drain: when the screen reads again it finds
    // the connection gone (1006), reconnects and resyncs.
    stuckSocket.resume();
    expect(await stuck.closed).toBe(1006);
    const again = await TestSocket.screen(hub.origin, 'main-1-east');
    expect((await again.next('plan')).version).toBe(planVersion);
    again.close();
    live.close();
  });
});
