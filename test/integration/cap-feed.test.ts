// The CAP feed for subscribers (issue 13, item 4), against a real hub: the office starts a Lockdown drill and a real
// Evacuate and gives the All Clear; an integration reads the Atom feed and each CAP document with its secret. Every
// document must be valid CAP 1.2 by the hub's own validator, the All Clear a Cancel naming both alerts, and an
// integration must see only what lies within its ceiling. Reads change nothing on disk.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCapMessage } from '../../hub/integrations/cap/cap-validator.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let admin: string;
let office: string;
/** Sees the whole school; a bearer key. */
let county: string;
/** Sees the annex only; a signing integration, reading with its signing secret. */
let annex: string;
/** Disabled after it was set up. */
let retired: string;

const reader = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, isArray: (name) => ['entry', 'references', 'info', 'geocode'].includes(name) });

async function createIntegration(fields: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const { status, body } = await hub.api('/api/integrations', { cookie: admin, body: { auth: 'bearer', modes: [], drillOnly: false, allowedAddresses: [], ceiling: { kind: 'site' }, ...fields } });
  expect(status, JSON.stringify(body)).toBe(200);
  return { id: body.integration.id, secret: body.secret };
}

/** What a subscriber sends: its key, no cookie and no Origin. */
async function read(path: string, key: string | null, headers: Record<string, string> = {}) {
  const response = await fetch(path.startsWith('http') ? path : `${hub.origin}${path}`, { headers: { ...(key === null ? {} : { Authorization: `Bearer ${key}` }), ...headers } });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), etag: response.headers.get('etag'), text };
}

interface Entry {
  id: string;
  title: string;
  updated: string;
  link: { '@_href': string; '@_rel': string; '@_type': string };
  'cap:identifier': string;
  'cap:status': string;
  'cap:msgType': string;
  'cap:references'?: string;
}

async function feedOf(key: string): Promise<{ feed: Record<string, any>; entries: Entry[] }> {
  const { status, type, text } = await read('/api/cap/feed', key);
  expect(status, text).toBe(200);
  expect(type).toContain('application/atom+xml');
  expect(XMLValidator.validate(text)).toBe(true);
  const feed = reader.parse(text).feed;
  return { feed, entries: (feed.entry ?? []) as Entry[] };
}

/** Every file in the data directory with its size and modification time. */
async function dataFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await readdir(hub.dataDir, { recursive: true })) {
    const info = await stat(join(hub.dataDir, name));
    if (info.isFile()) files[name] = `${info.size} ${info.mtimeMs}`;
  }
  return files;
}

let lockdownSeq: number;
let evacuateSeq: number;
let allClearSeq: number;

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
  office = await hub.login('office');
  county = (await createIntegration({ name: 'County dispatch' })).secret;
  annex = (await createIntegration({ name: 'Annex console', auth: 'signature', ceiling: { kind: 'building', buildingId: 'annex' } })).secret;
  const old = await createIntegration({ name: 'Old pager' });
  retired = old.secret;
  expect((await hub.api(`/api/integrations/${old.id}`, { method: 'PATCH', cookie: admin, body: { enabled: false } })).status).toBe(200);

  const lockdown = await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'building', buildingId: 'main' }, drill: true, note: 'Drill: "B" door & <gym>' } });
  expect(lockdown.status, JSON.stringify(lockdown.body)).toBe(200);
  lockdownSeq = lockdown.body.mode.seq;
  const evacuate = await hub.api('/api/modes', { cookie: office, body: { mode: 'evacuate', scope: { kind: 'site' }, drill: false, destination: 'North field' } });
  expect(evacuate.status, JSON.stringify(evacuate.body)).toBe(200);
  evacuateSeq = evacuate.body.mode.seq;
  const clear = await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: false } });
  expect(clear.status, JSON.stringify(clear.body)).toBe(200);
  expect(clear.body.cleared).toEqual([lockdownSeq, evacuateSeq]);
  allClearSeq = clear.body.seq;
});
afterAll(async () => {
  await hub?.dispose();
});

const identifier = (seq: number) => `muster-maple-grove-${seq}`;

describe('the CAP feed', () => {
  it('lists the alerts newest first, each linking to a CAP document that is valid CAP 1.2', async () => {
    const { feed, entries } = await feedOf(county);
    expect(feed.id).toBeTruthy();
    expect(feed.title).toContain('Maple Grove');
    expect(feed.updated).toBe(entries[0]!.updated);
    expect(feed.link).toMatchObject({ '@_rel': 'self', '@_href': `${hub.origin}/api/cap/feed` });
    expect(entries.map((e) => [e['cap:identifier'], e['cap:msgType'], e['cap:status']])).toEqual([
      [identifier(allClearSeq), 'Cancel', 'Actual'],
      [identifier(evacuateSeq), 'Alert', 'Actual'],
      [identifier(lockdownSeq), 'Alert', 'Exercise'],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ id: expect.stringMatching(/^urn:/), title: expect.any(String), updated: expect.any(String), summary: expect.any(String) });
      expect(entry.link).toMatchObject({ '@_rel': 'alternate', '@_type': 'application/cap+xml' });
      const document = await read(entry.link['@_href'], county);
      expect(document.status, document.text).toBe(200);
      expect(document.type).toContain('application/cap+xml');
      expect(await checkCapMessage(document.text)).toEqual({ ok: true });
      expect(reader.parse(document.text).alert).toMatchObject({ identifier: entry['cap:identifier'], sender: 'muster@maple-grove', scope: 'Restricted' });
    }
  });

  it('words each alert as the school does, with the codes a CAP reader acts on', async () => {
    const lockdown = reader.parse((await read(`/api/cap/alerts/${identifier(lockdownSeq)}`, county)).text).alert;
    const [info] = lockdown.info;
    expect(info).toMatchObject({ event: 'Lockdown', urgency: 'Immediate', eventCode: { valueName: 'SRP', value: 'LOCKDOWN' } });
    expect(info.headline).toBe('Lockdown (drill): Main Building');
    expect(info.description).toContain('Note from the office: Drill: "B" door & <gym>');
    expect(info.area).toMatchObject({ areaDesc: 'Main Building', geocode: [{ valueName: 'MUSTER-BUILDING', value: 'main' }] });
    const evacuate = reader.parse((await read(`/api/cap/alerts/${identifier(evacuateSeq)}`, county)).text).alert;
    expect(evacuate.info[0]).toMatchObject({ event: 'Evacuate', responseType: 'Evacuate', parameter: { valueName: 'DESTINATION', value: 'North field' } });
  });

  it('makes the All Clear a Cancel whose references name both alerts as sender,identifier,sent', async () => {
    const sentOf = async (seq: number) => reader.parse((await read(`/api/cap/alerts/${identifier(seq)}`, county)).text).alert.sent as string;
    const cancel = reader.parse((await read(`/api/cap/alerts/${identifier(allClearSeq)}`, county)).text).alert;
    expect(cancel.msgType).toBe('Cancel');
    expect(cancel.references[0].split(' ')).toEqual([
      `muster@maple-grove,${identifier(lockdownSeq)},${await sentOf(lockdownSeq)}`,
      `muster@maple-grove,${identifier(evacuateSeq)},${await sentOf(evacuateSeq)}`,
    ]);
    expect(cancel.info[0]).toMatchObject({ responseType: 'AllClear', eventCode: { valueName: 'SRP', value: 'ALL_CLEAR' } });
  });

  it('shows an integration only what lies within its ceiling: the annex does not see the main building', async () => {
    const { entries } = await feedOf(annex);
    expect(entries.map((e) => e['cap:identifier'])).toEqual([identifier(allClearSeq), identifier(evacuateSeq)]);
    // Its Cancel references only the alert it saw.
    expect(entries[0]!['cap:references']).toBe(reader.parse((await read(`/api/cap/alerts/${identifier(allClearSeq)}`, annex)).text).alert.references[0]);
    expect(entries[0]!['cap:references']).not.toContain(identifier(lockdownSeq));
    const hidden = await read(`/api/cap/alerts/${identifier(lockdownSeq)}`, annex);
    expect(hidden.status).toBe(404);
    expect(JSON.parse(hidden.text)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers 401 without a key or with a wrong one, 403 for a disabled integration, 404 for an unknown alert', async () => {
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer muster_wrong' }, { Authorization: `Basic ${county}` }];
    for (const headers of attempts) {
      for (const path of ['/api/cap/feed', `/api/cap/alerts/${identifier(lockdownSeq)}`]) {
        const { status, text } = await read(path, null, headers);
        expect(status, path).toBe(401);
        expect(JSON.parse(text)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      }
    }
    const disabled = await read('/api/cap/feed', retired);
    expect(disabled.status).toBe(403);
    expect(JSON.parse(disabled.text)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const unknown = await read('/api/cap/alerts/muster-maple-grove-9999', county);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers a poll with the same ETag 304, and changes nothing on disk however often it is read', async () => {
    const before = await dataFiles();
    const first = await read('/api/cap/feed', county);
    const again = await read('/api/cap/feed', county, { 'If-None-Match': first.etag! });
    expect(again.status).toBe(304);
    for (let i = 0; i < 5; i++) {
      await read('/api/cap/feed', county);
      await read(`/api/cap/alerts/${identifier(evacuateSeq)}`, annex);
      await read('/api/cap/feed', 'muster_wrong');
    }
    expect(await dataFiles()).toEqual(before);
  });

  it('has the next change in the feed at once', async () => {
    const hold = await hub.api('/api/modes', { cookie: office, body: { mode: 'hold', scope: { kind: 'building', buildingId: 'annex' }, drill: true } });
    expect(hold.status).toBe(200);
    const { entries } = await feedOf(annex);
    expect(entries[0]).toMatchObject({ 'cap:identifier': identifier(hold.body.mode.seq), 'cap:msgType': 'Alert', 'cap:status': 'Exercise' });
    expect(await checkCapMessage((await read(entries[0]!.link['@_href'], annex)).text)).toEqual({ ok: true });
  });
});
