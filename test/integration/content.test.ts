// Publishing normal-mode content on a real hub: each publish bumps the revision and reaches the connected
// screens at once; a screen receives only the slides targeted at it; stale and bad publishes are refused.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { screenToken, startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let admin: string;

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
});
afterAll(async () => {
  await hub?.dispose();
});

const schedule = { startDate: null, endDate: null, days: [], from: null, until: null };
const base = { schedule, order: 0, durationSeconds: 10 };
const forEveryone = { ...base, kind: 'announcement', id: 'picture-day', title: 'Picture day', text: 'Picture day is **Thursday**.', targets: [{ kind: 'all' }] };
const forTheGym = { ...base, kind: 'bell-schedule', id: 'gym-schedule', title: 'Gym schedule', rows: [{ label: 'Open gym', time: '15:30' }], targets: [{ kind: 'zone', zoneId: 'gym' }] };
const forTheAnnex = { ...base, kind: 'drill-instructions', id: 'annex-lockdown', title: 'If you hear Lockdown', mode: 'lockdown', targets: [{ kind: 'building', buildingId: 'annex' }] };

const publish = (baseRevision: number, slides: unknown[]) => hub.api('/api/content', { method: 'PUT', cookie: admin, body: { baseRevision, slides } });

describe('publishing content', () => {
  it('bumps the revision and sends each connected screen only the slides targeted at it, at once', async () => {
    const gym = await TestSocket.screen(hub.origin, 'gym');
    const annex = await TestSocket.screen(hub.origin, 'annex-hall');
    expect((await gym.next('content')).slides).toEqual([]);
    await annex.next('content');

    const published = await publish(0, [forEveryone, forTheGym, forTheAnnex]);
    expect(published.status).toBe(200);
    expect(published.body.revision).toBe(1);

    const toGym = await gym.next('content');
    expect(toGym.revision).toBe(1);
    expect(toGym.slides.map((s) => s.id)).toEqual(['picture-day', 'gym-schedule']);
    const toAnnex = await annex.next('content');
    expect(toAnnex.slides.map((s) => s.id)).toEqual(['picture-day', 'annex-lockdown']);
    gym.close();
    annex.close();
    expect(await readFile(join(hub.dataDir, 'audit.jsonl'), 'utf8')).toMatch(/"action":"content.published".*revision 1: 3 slides/);
  });

  it('sends a reconnecting screen its slides only when its cached revision is out of date', async () => {
    const upToDate = await TestSocket.connect(hub.origin);
    upToDate.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId: 'gym', token: screenToken('gym'), lastSeq: 0, contentRevision: 1 });
    await upToDate.next('welcome');
    upToDate.send({ type: 'ping', t: 1 });
    await upToDate.next('pong');
    expect(upToDate.messages.some((m) => m.type === 'content')).toBe(false);
    upToDate.close();
    const behind = await TestSocket.screen(hub.origin, 'cafeteria');
    expect((await behind.next('content')).slides.map((s) => s.id)).toEqual(['picture-day']);
    behind.close();
  });

  it('refuses a publish from an outdated copy, so two managers cannot overwrite each other', async () => {
    const stale = await publish(0, []);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await hub.api('/api/content', { cookie: admin })).body.slides).toHaveLength(3);
  });

  it('refuses slides a screen could not show or that target nothing real, naming the problem', async () => {
    const bad = async (slide: unknown) => (await publish(1, [slide])).body;
    expect((await bad({ ...forTheGym, targets: [{ kind: 'zone', zoneId: 'no-such-zone' }] })).error.message).toMatch(/unknown zone "no-such-zone"/);
    expect((await bad({ ...base, kind: 'floor-map', id: 'plan', title: 'Plan', floorId: 'main-9', targets: [{ kind: 'all' }] })).error.message).toMatch(/unknown floor "main-9"/);
    expect((await bad({ ...forEveryone, targets: [] })).error.code).toBe('bad_request');
    expect((await bad({ ...forEveryone, schedule: { ...schedule, from: '08:00' } })).error.message).toMatch(/both a start and an end/);
    expect((await bad({ ...forEveryone, text: '' })).error.code).toBe('bad_request');
    expect((await bad({ ...forEveryone, durationSeconds: 1 })).error.code).toBe('bad_request');
    expect((await publish(1, [forEveryone, forEveryone])).body.error.message).toMatch(/same id/);
    expect((await hub.api('/api/content', { cookie: admin })).body.revision).toBe(1);
  });

  it('lets any staff read the content, and only admins publish', async () => {
    const viewer = await hub.login('viewer');
    expect((await hub.api('/api/content', { cookie: viewer })).body.revision).toBe(1);
    expect((await hub.api('/api/content', { method: 'PUT', cookie: await hub.login('office'), body: { baseRevision: 1, slides: [] } })).status).toBe(403);
  });
});

describe('picture slides', () => {
  const PNG_1X1 = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
  const upload = async (title: string, contentType: string, body: Uint8Array<ArrayBuffer> | string) => {
    const response = await fetch(`${hub.origin}/api/documents?${new URLSearchParams({ title, category: 'other' })}`, {
      method: 'POST',
      headers: { Origin: hub.origin, Cookie: admin, 'Content-Type': contentType },
      body,
    });
    return ((await response.json()) as { document: { id: string } }).document.id;
  };
  const picture = (documentId: string) => ({ ...base, kind: 'image', id: 'spirit-week', title: 'Spirit week', documentId, caption: 'Wear school colours', targets: [{ kind: 'all' }] });

  it('show a picture from the documents, served to paired screens and staff only, and to no one for other documents', async () => {
    const imageId = await upload('Spirit week poster', 'image/png', PNG_1X1);
    const otherId = await upload('Another picture', 'image/png', PNG_1X1);
    const pdfId = await upload('Emergency plan', 'application/pdf', '%PDF-1.4\n%%EOF\n');
    const { revision } = (await hub.api('/api/content', { cookie: admin })).body;
    expect((await publish(revision, [picture(pdfId)])).body.error.message).toMatch(/not an image in the documents/);
    expect((await publish(revision, [picture('0'.repeat(32))])).status).toBe(400);
    expect((await publish(revision, [picture(imageId)])).status).toBe(200);

    expect((await fetch(`${hub.origin}/content-images/${imageId}`)).status).toBe(401);
    const session = await fetch(`${hub.origin}/api/screens/session`, {
      method: 'POST',
      headers: { Origin: hub.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ screenId: 'gym', token: screenToken('gym') }),
    });
    const device = session.headers.get('set-cookie')!.split(';')[0]!;
    const served = await fetch(`${hub.origin}/content-images/${imageId}`, { headers: { Cookie: device } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(PNG_1X1))).toBe(true);
    expect((await fetch(`${hub.origin}/content-images/${otherId}`, { headers: { Cookie: device } })).status).toBe(404);
    expect((await fetch(`${hub.origin}/content-images/${imageId}`, { headers: { Cookie: admin } })).status).toBe(200);
  });

  it('keep their picture: a document a published slide shows cannot be deleted', async () => {
    const { slides } = (await hub.api('/api/content', { cookie: admin })).body;
    const deleted = await hub.api(`/api/documents/${slides[0].documentId}`, { method: 'DELETE', cookie: admin });
    expect(deleted.status).toBe(409);
    expect(deleted.body.error.message).toMatch(/Spirit week/);
  });
});
