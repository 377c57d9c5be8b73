// Outbound webhooks (issue 13, item 4): a signing integration with an outbound address hears of every mode start,
// All Clear and hazard change, signed the Standard Webhooks way with its secret; a receiver that is down gets it
// again later, and a hub killed with SIGKILL while a message waits sends it once it is back.
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkWebhookSignature } from '../../hub/integrations/webhook-signature.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { startHubProcess } from '../helpers/hub-process.ts';

interface Received {
  headers: Record<string, string>;
  body: string;
  json: { id: string; type: string; seq: number; data: Record<string, any> };
}

/** A webhook receiver on 127.0.0.1 that records what it gets and answers `status` (changeable). */
async function receiver(): Promise<{ url: string; received: Received[]; status: { code: number }; close: () => Promise<void>; server: Server }> {
  const received: Received[] = [];
  const status = { code: 200 };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (status.code < 300) received.push({ headers: request.headers as Record<string, string>, body, json: JSON.parse(body) });
      response.writeHead(status.code).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/muster`, received, status, server, close: () => new Promise((done) => server.close(() => done())) };
}

const signedBy = (secret: string, message: Received) =>
  checkWebhookSignature({ id: message.headers['webhook-id'], timestamp: message.headers['webhook-timestamp'], signature: message.headers['webhook-signature'] }, message.body, secret, Date.now());

describe('outbound webhooks', () => {
  let hub: TestHub;
  let admin: string;
  let office: string;
  let target: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await hub.login('admin');
    office = await hub.login('office');
    target = await receiver();
  });
  afterAll(async () => {
    await hub?.dispose();
    await target?.close();
  });

  it('tells a signing integration of a start and its All Clear, signed with its secret, and logs the deliveries', async () => {
    const created = await hub.api('/api/integrations', {
      cookie: admin,
      body: { name: 'Raptor', auth: 'signature', modes: ['lockdown'], ceiling: { kind: 'site' }, drillOnly: false, allowedAddresses: [], outboundUrl: target.url },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const { id } = created.body.integration;
    expect(created.body.integration.outboundUrl).toBe(target.url);

    expect((await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    expect((await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    await expect.poll(() => target.received.length, { timeout: 10_000 }).toBe(2);
    const [started, cleared] = target.received;
    expect(started!.json).toMatchObject({ type: 'mode.started', data: { mode: { mode: 'lockdown', drill: true, by: 'office' } } });
    expect(cleared!.json).toMatchObject({ type: 'mode.all-clear', seq: started!.json.seq + 1, data: { drill: true, ended: [started!.json.seq] } });
    for (const message of target.received) expect(signedBy(created.body.secret, message)).toEqual({ ok: true, id: message.json.id });

    // The receiver has the message before the hub has its answer and logs it: the log catches up shortly after.
    await expect.poll(async () => (await hub.api(`/api/integrations/${id}/deliveries`, { cookie: admin })).body.deliveries, { timeout: 10_000 }).toMatchObject([
      { type: 'mode.all-clear', attempts: 1, lastError: null, deliveredAt: expect.any(String) },
      { type: 'mode.started', attempts: 1, lastError: null },
    ]);
  });

  it('tries again when the receiver is down, and says why in the log', { timeout: 30_000 }, async () => {
    const before = target.received.length;
    target.status.code = 503;
    expect((await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } })).status).toBe(200);
    const id = (await hub.api('/api/integrations', { cookie: admin })).body.integrations[0].id;
    await expect.poll(async () => (await hub.api(`/api/integrations/${id}/deliveries`, { cookie: admin })).body.deliveries[0], { timeout: 10_000 }).toMatchObject({ attempts: 1, lastError: 'HTTP 503', deliveredAt: null });
    target.status.code = 200;
    // The second attempt comes 5 s after the first.
    await expect.poll(() => target.received.length, { timeout: 15_000, interval: 250 }).toBe(before + 1);
    expect(target.received.at(-1)!.json.type).toBe('mode.started');
    await expect.poll(async () => (await hub.api(`/api/integrations/${id}/deliveries`, { cookie: admin })).body.deliveries[0], { timeout: 10_000 }).toMatchObject({ attempts: 2, lastError: null });
    await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: true } });
  });

  it('refuses an outbound address for a bearer integration, which has no secret to sign with', async () => {
    const refused = await hub.api('/api/integrations', {
      cookie: admin,
      body: { name: 'Old box', auth: 'bearer', modes: ['lockdown'], ceiling: { kind: 'site' }, drillOnly: false, allowedAddresses: [], outboundUrl: target.url },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('only an integration that signs');
  });
});

describe('a hub killed while a message waits', () => {
  const PASSWORD = 'office-pass-123';
  let dataDir = '';
  let child: ChildProcess | null = null;
  let target: Awaited<ReturnType<typeof receiver>> | null = null;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await target?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function startHub(): Promise<string> {
    const started = await startHubProcess(dataDir, { MUSTER_OFFICE_PASSWORD: PASSWORD, MUSTER_ADMIN_PASSWORD: PASSWORD });
    child = started.child;
    return started.origin;
  }

  async function call(origin: string, path: string, body: unknown, cookie?: string) {
    const response = await fetch(`${origin}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json(), cookie: response.headers.get('set-cookie')?.split(';')[0] ?? null };
  }

  it('sends it once it is back, signed, after a kill -9', { timeout: 90_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'muster-outbox-'));
    target = await receiver();
    target.status.code = 503;
    let origin = await startHub();
    const admin = (await call(origin, '/api/session', { username: 'admin', password: PASSWORD })).cookie!;
    const created = await call(
      origin,
      '/api/integrations',
      { name: 'Raptor', auth: 'signature', modes: ['lockdown'], ceiling: { kind: 'site' }, drillOnly: false, allowedAddresses: [], outboundUrl: target.url },
      admin,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const office = (await call(origin, '/api/session', { username: 'office', password: PASSWORD })).cookie!;
    const started = await call(origin, '/api/modes', { mode: 'lockdown', scope: { kind: 'site' }, drill: true }, office);
    expect(started.status).toBe(200);
    // The receiver refused the first attempt: the message waits in the outbox.
    await expect.poll(async () => (await call(origin, `/api/integrations/${created.body.integration.id}/deliveries`, undefined, admin)).body.deliveries[0]?.lastError, { timeout: 10_000 }).toBe('HTTP 503');

    child!.kill('SIGKILL');
    await new Promise((done) => child!.once('exit', done));
    target.status.code = 200;
    origin = await startHub();
    await expect.poll(() => target!.received.length, { timeout: 20_000, interval: 250 }).toBeGreaterThanOrEqual(1);
    const message = target.received[0]!;
    expect(message.json).toMatchObject({ type: 'mode.started', seq: started.body.seq, data: { mode: { mode: 'lockdown', drill: true } } });
    expect(signedBy(created.body.secret, message).ok).toBe(true);
  });
});
