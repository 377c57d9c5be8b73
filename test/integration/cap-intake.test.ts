// CAP 1.2 intake (issue 13, item 3), against a real hub: messages written for this test after the specification's
// examples and NWS's published formats (a tornado warning with SAME and UGC geocodes and a polygon, an Update and a
// Cancel with references), and a CAP 1.1 message that must be refused. Each answer is a CAP Ack or Error that is
// itself valid CAP 1.2, references what it answers, and says what happened; nothing refused changes the screens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { checkCapMessage } from '../../hub/integrations/cap/cap-validator.ts';
import { capAlert, CAP_SENT, srpInfo, TORNADO_INFO } from '../helpers/cap-messages.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let admin: string;
let office: string;
let weather: { id: string; key: string };
let annexOnly: { id: string; key: string };

async function createIntegration(fields: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const { status, body } = await hub.api('/api/integrations', { cookie: admin, body: { auth: 'bearer', drillOnly: false, allowedAddresses: [], ...fields } });
  expect(status, JSON.stringify(body)).toBe(200);
  return { id: body.integration.id, key: body.secret };
}

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
  office = await hub.login('office');
  weather = await createIntegration({ name: 'County alerts', modes: ['shelter', 'lockdown', 'evacuate', 'hold'], ceiling: { kind: 'site' } });
  annexOnly = await createIntegration({ name: 'Annex panic button', modes: ['lockdown'], ceiling: { kind: 'building', buildingId: 'annex' } });
});
afterAll(async () => {
  await hub?.dispose();
});

const cap = capAlert;
const SENT = CAP_SENT;

const reader = new XMLParser({ removeNSPrefix: true, parseTagValue: false });

/** What an alarm system sends: the key, CAP's media type, no cookie and no Origin. */
async function send(integration: { id: string; key: string } | null, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${hub.origin}/api/integrations/${integration?.id ?? 'nobody'}/cap`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${integration?.key ?? 'wrong'}`, 'Content-Type': 'application/cap+xml', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text, replayed: response.headers.get('idempotent-replayed'), answer: reader.parse(text).alert as Record<string, string> };
}

async function modes() {
  const { body } = await hub.api('/api/state', { cookie: office });
  return body.state.modes as { mode: string; hazard?: string; drill: boolean; scope: unknown; by: string; byIntegration?: true; destination?: string }[];
}

async function auditDetails() {
  const { body } = await hub.api('/api/audit?limit=1000', { cookie: admin });
  return (body.entries as { action: string; who: string; detail?: string }[]).map((e) => `${e.action} ${e.who}: ${e.detail ?? ''}`);
}

describe('CAP 1.2 alerts from an integration', () => {
  it('shelters for a tornado warning, as the integration, and answers with a valid CAP Ack that references it', async () => {
    const sent = await send(weather, cap({ identifier: 'NWS-IDP-KSHV-TOR-1' }));
    expect(sent.status, sent.text).toBe(200);
    expect(sent.type).toContain('application/cap+xml');
    expect(await checkCapMessage(sent.text)).toEqual({ ok: true });
    expect(sent.answer).toMatchObject({ msgType: 'Ack', status: 'Actual', scope: 'Private', references: `w-nws.webmaster@noaa.gov,NWS-IDP-KSHV-TOR-1,${SENT}` });
    expect(sent.answer.note).toContain('start Shelter (real) on Whole school');
    expect(sent.answer.sent).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-00:00$/);
    expect(await modes()).toMatchObject([{ mode: 'shelter', hazard: 'tornado', drill: false, scope: { kind: 'site' }, by: 'County alerts', byIntegration: true }]);
  });

  it('takes the same message again as a retry: the first answer again, and nothing changes', async () => {
    const seqBefore = (await hub.api('/api/state', { cookie: office })).body.state.seq;
    const again = await send(weather, cap({ identifier: 'NWS-IDP-KSHV-TOR-1' }));
    expect(again.status).toBe(200);
    expect(again.replayed).toBe('true');
    expect((await hub.api('/api/state', { cookie: office })).body.state.seq).toBe(seqBefore);
  });

  it('ends the Shelter at a Cancel that references the warning', async () => {
    const cancel = await send(weather, cap({ identifier: 'NWS-IDP-KSHV-TOR-1-CAN', msgType: 'Cancel', references: `w-nws.webmaster@noaa.gov,NWS-IDP-KSHV-TOR-1,${SENT}` }));
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.answer.note).toContain('All Clear (real) on Whole school');
    expect(await modes()).toEqual([]);
  });

  it('runs an Exercise as a drill, and an Update replaces it on the same scope', async () => {
    const first = await send(weather, cap({ identifier: 'EX-1', status: 'Exercise', info: srpInfo('LOCKDOWN') }));
    expect(first.status, first.text).toBe(200);
    expect(await modes()).toMatchObject([{ mode: 'lockdown', drill: true }]);
    const update = await send(weather, cap({ identifier: 'EX-2', status: 'Exercise', msgType: 'Update', references: `w-nws.webmaster@noaa.gov,EX-1,${SENT}`, info: srpInfo('HOLD') }));
    expect(update.status, update.text).toBe(200);
    expect(await modes()).toMatchObject([{ mode: 'hold', drill: true }]);
    expect((await send(weather, cap({ identifier: 'EX-3', status: 'Exercise', info: srpInfo('ALL_CLEAR') }))).status).toBe(200);
    expect(await modes()).toEqual([]);
  });

  it('evacuates to the building’s default assembly point when the alert names none', async () => {
    const sent = await send(weather, cap({ identifier: 'EV-1', status: 'Exercise', info: srpInfo('EVACUATE', '<geocode><valueName>MUSTER-BUILDING</valueName><value>main</value></geocode>') }));
    expect(sent.status, sent.text).toBe(200);
    expect(await modes()).toMatchObject([{ mode: 'evacuate', destination: expect.any(String), scope: { kind: 'building', buildingId: 'main' } }]);
    expect((await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: true } })).status).toBe(200);
  });

  it('acknowledges a Test message, audits it and changes no screen', async () => {
    const seqBefore = (await hub.api('/api/state', { cookie: office })).body.state.seq;
    const test = await send(weather, cap({ identifier: 'RMT-1', status: 'Test' }));
    expect(test.status).toBe(200);
    expect(test.answer).toMatchObject({ msgType: 'Ack', status: 'Test' });
    expect(test.answer.note).toContain('no screen changed');
    expect((await hub.api('/api/state', { cookie: office })).body.state.seq).toBe(seqBefore);
    expect(await auditDetails()).toContainEqual(expect.stringMatching(/^integration\.cap-received County alerts: CAP Alert "Tornado Warning" \(Test\)/));
  });
});

describe('CAP messages Muster refuses, each with a CAP Error and no change', () => {
  it('says "alert received, not understood" for a valid alert that names no mode, and audits it', async () => {
    const info = TORNADO_INFO.replace('<responseType>Shelter</responseType>', '<responseType>Monitor</responseType>').replace('Tornado Warning', 'Special Weather Statement');
    const sent = await send(weather, cap({ identifier: 'SPS-1', info }));
    expect(sent.status).toBe(422);
    expect(await checkCapMessage(sent.text)).toEqual({ ok: true });
    expect(sent.answer).toMatchObject({ msgType: 'Error', references: `w-nws.webmaster@noaa.gov,SPS-1,${SENT}` });
    expect(sent.answer.note).toContain('Alert received, not understood');
    expect(await auditDetails()).toContainEqual(expect.stringContaining('alert received, not understood: "Special Weather Statement" names no mode'));
    expect(await modes()).toEqual([]);
  });

  it('refuses CAP 1.1, a message out of order and a bad date with the schema’s reasons', async () => {
    const old = await send(weather, cap({ identifier: 'OLD-1', namespace: 'urn:oasis:names:tc:emergency:cap:1.1' }));
    expect(old.status).toBe(400);
    expect(old.answer).toMatchObject({ msgType: 'Error' });
    expect(old.answer.note).toContain('Not a valid CAP 1.2 message');
    const outOfOrder = cap({ identifier: 'ORD-1' }).replace('<status>Actual</status>\n  <msgType>Alert</msgType>', '<msgType>Alert</msgType>\n  <status>Actual</status>');
    expect((await send(weather, outOfOrder)).status).toBe(400);
    const zulu = cap({ identifier: 'Z-1' }).replace(`<sent>${SENT}</sent>`, '<sent>2026-11-26T20:05:00Z</sent>');
    expect((await send(weather, zulu)).status).toBe(400);
    const status = cap({ identifier: 'ST-1', status: 'Real' });
    expect((await send(weather, status)).status).toBe(400);
    expect(await modes()).toEqual([]);
  });

  it('refuses entities and document types at once, reading nothing from them', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${cap({ identifier: '&c;' }).replace(/^<\?xml[^>]*>/, '')}`;
    const external = `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>${cap({ identifier: '&x;' }).replace(/^<\?xml[^>]*>/, '')}`;
    for (const body of [bomb, external]) {
      const started = performance.now();
      const sent = await send(weather, body);
      expect(sent.status).toBe(400);
      expect(sent.answer.note).toContain('no document type declaration');
      expect(sent.text).not.toContain('root:');
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it('refuses a wrong key with 401 and another media type with 415, in CAP', async () => {
    const wrong = await send({ id: weather.id, key: 'not-the-key' }, cap({ identifier: 'K-1' }));
    expect(wrong.status).toBe(401);
    expect(wrong.answer.msgType).toBe('Error');
    expect((await send(weather, cap({ identifier: 'K-2' }), { 'Content-Type': 'application/json' })).status).toBe(415);
    expect(await modes()).toEqual([]);
  });

  it('refuses a scope outside the integration’s ceiling with 403', async () => {
    const sent = await send(annexOnly, cap({ identifier: 'PB-1', info: srpInfo('LOCKDOWN', '<geocode><valueName>MUSTER-BUILDING</valueName><value>main</value></geocode>') }));
    expect(sent.status).toBe(403);
    expect(sent.answer.note).toContain('outside what it may act on');
    const inside = await send(annexOnly, cap({ identifier: 'PB-2', status: 'Exercise', info: srpInfo('LOCKDOWN') }));
    expect(inside.status, inside.text).toBe(200);
    expect(await modes()).toMatchObject([{ mode: 'lockdown', scope: { kind: 'building', buildingId: 'annex' } }]);
  });
});

// Last: the hub answers before it has read the whole body and closes that connection, which fetch had kept for reuse.
it('refuses a body over 512 KiB with 413, in CAP', async () => {
  const huge = cap({ identifier: 'BIG-1', info: TORNADO_INFO.replace('<instruction>', `<instruction>${'x'.repeat(600 * 1024)}`) });
  const sent = await send(weather, huge);
  expect(sent.status).toBe(413);
  expect(sent.answer.msgType).toBe('Error');
});
