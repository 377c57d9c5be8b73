// Names of Object.prototype's members are no types, groups or kinds: uploads declaring them are refused as any
// unknown type, queries naming them get a 400, nothing odd is stored, and the hub starts again afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let admin: string;

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
});

afterAll(async () => {
  await hub?.dispose();
});

const HOSTILE = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('hostile names of types and filters', () => {
  for (const type of HOSTILE) {
    it(`refuses a document and a map declared as "${type}" with 415, storing nothing`, async () => {
      const headers = { 'Content-Type': type };
      const doc = await hub.api(`/api/documents?title=Plan&category=${encodeURIComponent('floor-plans')}`, { method: 'POST', cookie: admin, rawBody: PNG.toString('latin1'), headers });
      expect(doc.status).toBe(415);
      expect(doc.body.error.code).toBe('unsupported_type');
      const map = await hub.api('/api/maps?floor=main-1', { method: 'POST', cookie: admin, rawBody: PNG.toString('latin1'), headers });
      expect(map.status).toBe(415);
      expect(map.body.error.code).toBe('unsupported_type');
    });

    it(`answers an audit filter "${type}" with 400`, async () => {
      const reply = await hub.api(`/api/audit?action=${encodeURIComponent(type)}`, { cookie: admin });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('bad_request');
    });
  }

  it('starts again afterwards, with no document stored', async () => {
    hub = await hub.restart();
    admin = await hub.login('admin');
    const documents = await hub.api('/api/documents', { cookie: admin });
    expect(documents.status).toBe(200);
    expect(JSON.stringify(documents.body)).not.toMatch(/constructor|__proto__|undefined/);
  });
});
