// Integrations (issue 13, items 1 and 2): an admin sets one up and sees its secret once; its signed or bearer events
// start and end modes through the same operations as the console, idempotently; every refusal changes nothing.
import { createHmac, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let admin: string;
let office: string;

beforeEach(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
  office = await hub.login('office');
});
afterEach(async () => {
  await hub.dispose();
});

const RAPTOR = { name: 'Raptor', auth: 'signature', modes: ['lockdown', 'hold'], ceiling: { kind: 'site' }, drillOnly: false, allowedAddresses: [] };

async function createIntegration(fields: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
  const { status, body } = await hub.api('/api/integrations', { cookie: admin, body: { ...RAPTOR, ...fields } });
  expect(status, JSON.stringify(body)).toBe(200);
  return { id: body.integration.id, secret: body.secret };
}

/** Signs as the Standard Webhooks specification says, with node:crypto alone. */
function signed(secret: string, body: unknown, options: { id?: string; timestamp?: number; text?: string } = {}) {
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const text = options.text ?? JSON.stringify(body);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${text}`).digest('base64')}`;
  return { rawBody: text, headers: { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature, 'Content-Type': 'application/json' } };
}

/** What an external system sends: no Origin (it is not a browser), no cookie. */
async function send(id: string, request: { rawBody: string; headers: Record<string, string> }) {
  const response = await fetch(`${hub.origin}/api/integrations/${id}/events`, { method: 'POST', headers: request.headers, body: request.rawBody });
  return { status: response.status, body: await response.json(), replayed: response.headers.get('idempotent-replayed') };
}

async function state() {
  const { body } = await hub.api('/api/state', { cookie: office });
  return body.state as { seq: number; modes: { mode: string; by: string; byIntegration?: true; drill: boolean }[] };
}

async function audit() {
  const { body } = await hub.api('/api/audit?limit=1000', { cookie: admin });
  return (body.entries as { action: string; who: string; role: string; detail?: string; from: string }[]).reverse();
}

const LOCKDOWN = { type: 'start', mode: 'lockdown', scope: { kind: 'site' }, drill: true, note: 'Panic button in room 104' };

describe('setting integrations up', () => {
  it('shows the secret once, on creation and on "new secret", and never in the list or the file as a bearer key', async () => {
    const { status, body } = await hub.api('/api/integrations', { cookie: admin, body: RAPTOR });
    expect(status).toBe(200);
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(body.integration).toMatchObject({ name: 'Raptor', auth: 'signature', enabled: true, lastUsedAt: null, createdBy: 'admin' });
    expect(JSON.stringify(body.integration)).not.toContain(body.secret.slice(6));

    const listed = await hub.api('/api/integrations', { cookie: admin });
    expect(listed.body.integrations).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(body.secret.slice(6));

    const bearer = await hub.api('/api/integrations', { cookie: admin, body: { ...RAPTOR, name: 'Old alarm box', auth: 'bearer' } });
    expect(bearer.body.secret).toMatch(/^muster_[A-Za-z0-9_-]{43}$/);
    const file = await readFile(join(hub.dataDir, 'integrations.json'), 'utf8');
    expect(file).not.toContain(bearer.body.secret);

    const renewed = await hub.api(`/api/integrations/${body.integration.id}/secret`, { cookie: admin, method: 'POST' });
    expect(renewed.body.secret).toMatch(/^whsec_/);
    expect(renewed.body.secret).not.toBe(body.secret);
    // The old secret stops working at once.
    expect((await send(body.integration.id, signed(body.secret, LOCKDOWN))).status).toBe(401);
    expect((await send(body.integration.id, signed(renewed.body.secret, LOCKDOWN))).status).toBe(200);

    const actions = (await audit()).filter((e) => e.action.startsWith('integration.')).map((e) => e.action);
    expect(actions).toEqual(['integration.created', 'integration.created', 'integration.secret-replaced', 'integration.refused']);
  });

  it('refuses bad set-ups with clear 4xx errors, and is for admins only', async () => {
    const bad = async (fields: Record<string, unknown>) => (await hub.api('/api/integrations', { cookie: admin, body: { ...RAPTOR, ...fields } })).body.error;
    expect(await bad({ allowedAddresses: ['10.0.0.0/33'] })).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/IP address/) });
    expect(await bad({ modes: ['normal'] })).toMatchObject({ code: 'bad_request' });
    expect(await bad({ ceiling: { kind: 'building', buildingId: 'nowhere' } })).toMatchObject({ code: 'unknown_scope' });
    expect(await bad({ auth: undefined })).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/signature or bearer/) });
    await createIntegration();
    expect(await bad({ name: 'raptor' })).toMatchObject({ code: 'conflict' });
    expect((await hub.api('/api/integrations', { cookie: office })).status).toBe(403);
    expect((await hub.api('/api/integrations/000000000000', { cookie: admin, method: 'PATCH', body: { enabled: false } })).status).toBe(404);
  });
});

describe('events from an integration', () => {
  it('a signed Lockdown starts the mode, by the integration, in the audit log and the active mode', async () => {
    const { id, secret } = await createIntegration();
    const before = await state();
    const answer = await send(id, signed(secret, LOCKDOWN));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, type: 'start', seq: before.seq + 1, mode: { mode: 'lockdown', by: 'Raptor', byIntegration: true, drill: true } });

    const after = await state();
    expect(after.modes).toEqual([expect.objectContaining({ mode: 'lockdown', by: 'Raptor', byIntegration: true })]);
    const set = (await audit()).find((e) => e.action === 'mode.set');
    expect(set).toMatchObject({ who: 'Raptor', role: 'integration', from: '127.0.0.1', detail: expect.stringContaining('Panic button in room 104') });
    const listed = await hub.api('/api/integrations', { cookie: admin });
    expect(listed.body.integrations[0].lastUsedAt).toEqual(expect.any(String));
    const reports = await hub.api('/api/drill-reports', { cookie: office });
    expect(reports.body.changes).toEqual([expect.objectContaining({ mode: 'lockdown', who: 'Raptor', role: 'integration' })]);
  });

  it('the same event id again gets the same answer and changes nothing', async () => {
    const { id, secret } = await createIntegration();
    const event = signed(secret, LOCKDOWN);
    const first = await send(id, event);
    const seqAfterFirst = (await state()).seq;
    const again = await send(id, event);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.replayed).toBe('true');
    expect(first.replayed).toBeNull();
    expect((await state()).seq).toBe(seqAfterFirst);
    expect((await audit()).filter((e) => e.action === 'mode.set')).toHaveLength(1);

    // Sent twice at once: still one change.
    const twin = signed(secret, { ...LOCKDOWN, mode: 'hold' });
    const both = await Promise.all([send(id, twin), send(id, twin)]);
    expect(both.map((a) => a.status)).toEqual([200, 200]);
    expect(both[0]!.body).toEqual(both[1]!.body);
    expect((await state()).seq).toBe(seqAfterFirst + 1);

    // The same id with another body is a sender's mistake: refused, nothing changes.
    const reused = signed(secret, { ...LOCKDOWN, note: 'another' }, { id: event.headers['webhook-id'] });
    expect((await send(id, reused)).status).toBe(409);
    expect((await state()).seq).toBe(seqAfterFirst + 1);
  });

  it('refuses an expired, unsigned, wrongly signed or unknown-integration event with 401, and audits it', async () => {
    const { id, secret } = await createIntegration();
    const seq = (await state()).seq;
    const expired = await send(id, signed(secret, LOCKDOWN, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
    expect(expired).toMatchObject({ status: 401, body: { ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/from the hub's clock/) } } });
    const unsigned = signed(secret, LOCKDOWN);
    delete (unsigned.headers as Record<string, string>)['webhook-signature'];
    expect((await send(id, unsigned)).status).toBe(401);
    const tampered = signed(secret, LOCKDOWN);
    tampered.rawBody = tampered.rawBody.replace('"drill":true', '"drill":false');
    expect((await send(id, tampered)).status).toBe(401);
    expect((await send('ffffffffffff', signed(secret, LOCKDOWN))).status).toBe(401);
    // A signing integration does not take a bearer key, not even its own secret.
    expect((await send(id, { rawBody: JSON.stringify({ ...LOCKDOWN, id: 'b1' }), headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401);

    expect((await state()).seq).toBe(seq);
    const refused = (await audit()).filter((e) => e.action === 'integration.refused');
    expect(refused).toHaveLength(5);
    expect(refused[0]).toMatchObject({ who: 'Raptor', role: 'integration', from: '127.0.0.1', detail: expect.stringMatching(/^unauthenticated: /) });
    expect(refused[3]).toMatchObject({ who: 'unknown integration ffffffffffff' });
  });

  it('a bearer key works, with the event id in the body', async () => {
    const { id, secret } = await createIntegration({ name: 'Old alarm box', auth: 'bearer' });
    const event = { rawBody: JSON.stringify({ ...LOCKDOWN, id: 'alarm-7' }), headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' } };
    const answer = await send(id, event);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ id: 'alarm-7', mode: { by: 'Old alarm box', byIntegration: true } });
    expect((await send(id, event)).replayed).toBe('true');
    expect((await send(id, { ...event, headers: { Authorization: 'Bearer muster_wrong' } })).status).toBe(401);
    const noId = await send(id, { rawBody: JSON.stringify(LOCKDOWN), headers: { Authorization: `Bearer ${secret}` } });
    expect(noId).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/Give each event an id/) } } });
  });

  it('refuses with 403, and changes nothing: out of its ceiling, a mode it may not start, a real event when drill-only, disabled, a wrong address', async () => {
    const building = await createIntegration({ name: 'Gym panic button', ceiling: { kind: 'zone', zoneId: 'gym' } });
    const drills = await createIntegration({ name: 'Training box', drillOnly: true });
    const elsewhere = await createIntegration({ name: 'Far away', allowedAddresses: ['10.0.0.0/8'] });
    const disabled = await createIntegration({ name: 'Switched off' });
    await hub.api(`/api/integrations/${disabled.id}`, { cookie: admin, method: 'PATCH', body: { enabled: false } });
    const seq = (await state()).seq;

    const refusal = async (who: { id: string; secret: string }, event: object) => {
      const answer = await send(who.id, signed(who.secret, event));
      expect(answer.status, JSON.stringify(answer.body)).toBe(403);
      return answer.body.error.message as string;
    };
    expect(await refusal(building, LOCKDOWN)).toMatch(/Whole school is outside what it may act on \(Gym/);
    expect(await refusal(building, { ...LOCKDOWN, mode: 'evacuate', destination: 'Field', scope: { kind: 'zone', zoneId: 'gym' } })).toMatch(/may not start Evacuate/);
    expect(await refusal(drills, { ...LOCKDOWN, drill: false })).toMatch(/only run drills/);
    expect(await refusal(drills, { type: 'hazard', blocked: true, areaIds: ['m1-east-hall-end'] })).toMatch(/drill-only/);
    expect(await refusal(elsewhere, LOCKDOWN)).toMatch(/127\.0\.0\.1 are not accepted/);
    expect(await refusal(disabled, LOCKDOWN)).toMatch(/disabled/);

    expect((await state()).seq).toBe(seq);
    expect((await audit()).filter((e) => e.action === 'integration.refused')).toHaveLength(6);
    // Inside its ceiling it works.
    expect((await send(building.id, signed(building.secret, { ...LOCKDOWN, scope: { kind: 'zone', zoneId: 'gym' } }))).status).toBe(200);
    // And a changed allow-list lets it in.
    await hub.api(`/api/integrations/${elsewhere.id}`, { cookie: admin, method: 'PATCH', body: { allowedAddresses: ['127.0.0.1', '10.0.0.0/8'] } });
    expect((await send(elsewhere.id, signed(elsewhere.secret, { ...LOCKDOWN, mode: 'hold' }))).status).toBe(200);
  });

  it('gives the All Clear, only for what it may start, and marks hazards', async () => {
    const { id, secret } = await createIntegration();
    await send(id, signed(secret, LOCKDOWN));
    const clear = await send(id, signed(secret, { type: 'all-clear', scope: { kind: 'site' }, drill: true }));
    expect(clear.status, JSON.stringify(clear.body)).toBe(200);
    expect(clear.body).toMatchObject({ ok: true, type: 'all-clear', cleared: [expect.any(Number)] });
    expect((await state()).modes).toEqual([]);
    expect((await audit()).find((e) => e.action === 'mode.all-clear')).toMatchObject({ who: 'Raptor', role: 'integration' });
    const reports = await hub.api('/api/drill-reports', { cookie: office });
    expect(reports.body.changes[0].end).toMatchObject({ kind: 'all-clear', who: 'Raptor', role: 'integration' });

    // An Evacuate the office started is not the integration's to end.
    await hub.api('/api/modes', { cookie: office, body: { mode: 'evacuate', scope: { kind: 'site' }, drill: true, destination: 'North field' } });
    const foreign = await send(id, signed(secret, { type: 'all-clear', scope: { kind: 'site' }, drill: true }));
    expect(foreign).toMatchObject({ status: 403, body: { error: { message: expect.stringMatching(/may not end Evacuate/) } } });
    expect((await state()).modes).toHaveLength(1);

    const hazard = await send(id, signed(secret, { type: 'hazard', blocked: true, areaIds: ['m1-east-hall-end'] }));
    expect(hazard.status, JSON.stringify(hazard.body)).toBe(200);
    expect(hazard.body).toMatchObject({ type: 'hazard', areaIds: ['m1-east-hall-end'] });
  });

  it('answers bad events with 400 and a domain refusal with its own code, auditing both', async () => {
    const { id, secret } = await createIntegration();
    expect((await send(id, signed(secret, null, { text: '{not json' }))).body.error.code).toBe('invalid_json');
    expect((await send(id, signed(secret, { type: 'start', mode: 'lockdown' }))).body.error.code).toBe('bad_request');
    const nothingActive = await send(id, signed(secret, { type: 'all-clear', scope: { kind: 'site' }, drill: false }));
    expect(nothingActive).toMatchObject({ status: 409, body: { error: { code: 'no_active_mode' } } });
    const refused = (await audit()).filter((e) => e.action === 'integration.refused');
    expect(refused.map((e) => e.detail)).toEqual([expect.stringMatching(/^invalid_json/), expect.stringMatching(/^bad_request/), expect.stringMatching(/All Clear \(real\) on Whole school: no_active_mode/)]);
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const { id, secret } = await createIntegration();
    const big = signed(secret, { ...LOCKDOWN, padding: 'x'.repeat(70 * 1024) });
    expect((await send(id, big)).status).toBe(413);
  });

  it('still knows an event id after a restart: the replay changes nothing', async () => {
    const { id, secret } = await createIntegration();
    const event = signed(secret, LOCKDOWN);
    const first = await send(id, event);
    expect(first.status).toBe(200);
    hub = await hub.restart();
    admin = await hub.login('admin');
    office = await hub.login('office');
    const seq = (await state()).seq;
    const again = await send(id, event);
    expect(again).toMatchObject({ status: 200, body: first.body, replayed: 'true' });
    expect((await state()).seq).toBe(seq);
  });
});

describe('what an integration is limited to', () => {
  it('keeps its building and zone: the site editor and a site import refuse to remove them, naming it', async () => {
    await createIntegration({ name: 'Annex panic button', ceiling: { kind: 'building', buildingId: 'annex' } });
    await createIntegration({ name: 'Gym alarm', ceiling: { kind: 'zone', zoneId: 'gym' } });
    const { body } = await hub.api('/api/site', { cookie: admin });
    const { id: _id, screens: _screens, ...settings } = body.site;
    const withoutGym = { ...settings, zones: settings.zones.filter((z: { id: string }) => z.id !== 'gym') };
    const refused = await hub.api('/api/site', { method: 'PUT', cookie: admin, body: { baseVersion: body.version, settings: withoutGym } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('Zone “Gym” is still used by');
    expect(refused.body.error.message).toContain('integration “Gym alarm”');
    const withoutAnnex = { ...settings, buildings: settings.buildings.filter((b: { id: string }) => b.id !== 'annex'), zones: settings.zones.filter((z: { buildingId: string }) => z.buildingId !== 'annex') };
    const annex = await hub.api('/api/site', { method: 'PUT', cookie: admin, body: { baseVersion: body.version, settings: withoutAnnex } });
    expect(annex.body.error.message).toContain('integration “Annex panic button”');

    const file = (await hub.api('/api/site/export', { cookie: admin })).body;
    file.site.buildings = file.site.buildings.filter((b: { id: string }) => b.id !== 'annex');
    file.site.zones = file.site.zones.filter((z: { buildingId: string }) => z.buildingId !== 'annex');
    file.site.screens = file.site.screens.filter((s: { buildingId: string }) => s.buildingId !== 'annex');
    file.wayfinding.floors = file.wayfinding.floors.filter((f: { floorId: string }) => !f.floorId.startsWith('annex'));
    file.wayfinding.screens = file.wayfinding.screens.filter((s: { screenId: string }) => file.site.screens.some((k: { id: string }) => k.id === s.screenId));
    const imported = await hub.api('/api/site/import', { cookie: admin, body: file });
    expect(imported.status, JSON.stringify(imported.body)).toBe(409);
    expect(imported.body.error.message).toContain('“Annex panic button”');
  });
});

describe('the admin console’s test', () => {
  it('sends a test event through a signing integration and a bearer one: audited, no screen changed', async () => {
    const signing = await createIntegration({ name: 'Signed alarm' });
    const bearer = await createIntegration({ name: 'Old alarm box', auth: 'bearer', allowedAddresses: ['10.9.9.9'] });
    const seqBefore = (await state()).seq;
    const tested = await hub.api(`/api/integrations/${signing.id}/test`, { cookie: admin, body: {} });
    expect(tested.status).toBe(200);
    expect(tested.body.result).toMatchObject({ ok: true, steps: expect.arrayContaining([expect.objectContaining({ step: 'Signature', ok: true }), expect.objectContaining({ step: 'Screens', detail: 'no screen changed' })]) });
    const viaKey = await hub.api(`/api/integrations/${bearer.id}/test`, { cookie: admin, body: {} });
    expect(viaKey.body.result.ok).toBe(true);
    expect(viaKey.body.result.steps[0]).toMatchObject({ step: 'Key', detail: expect.stringContaining('not checked here') });
    expect((await state()).seq).toBe(seqBefore);
    expect((await audit()).filter((e) => e.action === 'integration.test').map((e) => e.who)).toEqual(['Signed alarm', 'Old alarm box']);
    // The admin's test is not the sender using it: "last used" stays empty.
    const listed = (await hub.api('/api/integrations', { cookie: admin })).body.integrations as { id: string; lastUsedAt: string | null }[];
    expect(listed.filter((i) => i.id === signing.id || i.id === bearer.id).map((i) => i.lastUsedAt ?? null)).toEqual([null, null]);

    // A disabled integration's test says so; only admins may send one.
    await hub.api(`/api/integrations/${signing.id}`, { method: 'PATCH', cookie: admin, body: { enabled: false } });
    const disabled = await hub.api(`/api/integrations/${signing.id}/test`, { cookie: admin, body: {} });
    expect(disabled.body.result.ok).toBe(false);
    expect(disabled.body.result.steps.at(-1).detail).toContain('disabled');
    expect((await hub.api(`/api/integrations/${bearer.id}/test`, { cookie: office, body: {} })).status).toBe(403);
  });

  it('takes a test event from the integration itself, too', async () => {
    const { id, secret } = await createIntegration({ name: 'Signed alarm' });
    const sent = await send(id, signed(secret, { type: 'test' }));
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ ok: true, type: 'test', screensChanged: false });
    const listed = (await hub.api('/api/integrations', { cookie: admin })).body.integrations as { id: string; lastUsedAt: string | null }[];
    expect(listed.find((i) => i.id === id)?.lastUsedAt).toEqual(expect.any(String));
  });
});
