// Socket resilience on a real hub: a connection that floods is told and closed; a screen that stops answering
// heartbeats is dropped and shown offline within seconds, while a live one stays.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
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
    frozen.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId: 'cafeteria', token: null, lastSeq: 0 }));
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
