// The document library on a real hub: uploads checked for type, content and size, stored under generated names
// inside documents/, served back byte for byte with safe headers, renamed, deleted, audited, and role-checked.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../shared/documents.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let admin: string;
let office: string;
let viewer: string;

const PNG_1X1 = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
// A minimal but well-formed PDF, with bytes above 0x7f as real PDFs have after the header.
const PDF = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n1 0 obj <</Type/Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n')]));

beforeAll(async () => {
  hub = await startTestHub();
  [admin, office, viewer] = await Promise.all([hub.login('admin'), hub.login('office'), hub.login('viewer')]);
});
afterAll(async () => {
  await hub?.dispose();
});

const documentsDir = () => join(hub.dataDir, 'documents');

async function upload(query: Record<string, string>, contentType: string, body: Uint8Array<ArrayBuffer> | string, cookie = admin) {
  const response = await fetch(`${hub.origin}/api/documents?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { Origin: hub.origin, Cookie: cookie, 'Content-Type': contentType },
    body,
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function download(id: string, cookie = office) {
  const response = await fetch(`${hub.origin}/api/documents/${id}`, { headers: { Cookie: cookie } });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function auditActions(): Promise<{ action: string; who: string; detail?: string }[]> {
  return (await hub.api('/api/audit?action=documents', { cookie: admin })).body.entries;
}

describe('uploading and reading documents', () => {
  it('stores a PDF and a PNG under generated names, lists them, and serves them back byte for byte with safe headers', async () => {
    const pdf = await upload({ title: 'Emergency operations plan', category: 'emergency-plan', filename: 'EOP 2026.pdf' }, 'application/pdf', PDF);
    expect(pdf.status).toBe(200);
    expect(pdf.body.document).toMatchObject({ title: 'Emergency operations plan', category: 'emergency-plan', originalName: 'EOP 2026.pdf', contentType: 'application/pdf', size: PDF.length, uploadedBy: 'admin' });
    const png = await upload({ title: 'Main building, ground floor', category: 'floor-plan', filename: 'ground.png', buildingId: 'main' }, 'image/png', PNG_1X1);
    expect(png.status).toBe(200);
    expect(png.body.document.buildingId).toBe('main');

    const files = await readdir(documentsDir());
    expect(files).toContain(`${pdf.body.document.id}.pdf`);
    expect(files).toContain(`${png.body.document.id}.png`);
    expect(files.some((f) => f.includes('EOP') || f.includes('ground'))).toBe(false);

    for (const cookie of [admin, office, viewer]) {
      const list = await hub.api('/api/documents', { cookie });
      expect(list.status).toBe(200);
      expect(list.body.documents.map((d: any) => d.id)).toEqual(expect.arrayContaining([pdf.body.document.id, png.body.document.id]));
    }

    const { response, bytes } = await download(pdf.body.document.id, viewer);
    expect(response.status).toBe(200);
    expect(Buffer.from(bytes).equals(Buffer.from(PDF))).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="EOP 2026.pdf"; filename*=UTF-8''EOP%202026.pdf`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");

    const image = await download(png.body.document.id);
    expect(image.response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(image.bytes).equals(Buffer.from(PNG_1X1))).toBe(true);
    expect(image.response.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");

    const audit = await auditActions();
    expect(audit.filter((e) => e.action === 'document.uploaded').map((e) => e.detail)).toEqual(
      expect.arrayContaining([expect.stringContaining('Emergency operations plan'), expect.stringContaining('Main building, ground floor')]),
    );
  });

  it('refuses other types with 415, a fake PDF or PNG with 400, a missing title or category with 400, and files over 20 MiB with 413', async () => {
    const before = await readdir(documentsDir()).catch(() => []);
    const wrongType = await upload({ title: 'Notes', category: 'other' }, 'text/plain', 'just text');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('unsupported_type');

    const fakePdf = await upload({ title: 'Plan', category: 'procedure' }, 'application/pdf', 'This is a Word file renamed to .pdf');
    expect(fakePdf.status).toBe(400);
    expect(fakePdf.body.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('not a PDF') });

    const fakePng = await upload({ title: 'Plan', category: 'floor-plan' }, 'image/png', PDF);
    expect(fakePng.status).toBe(400);
    expect(fakePng.body.error.code).toBe('bad_request');

    const noTitle = await upload({ category: 'procedure' }, 'application/pdf', PDF);
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.message).toContain('title');
    const blankTitle = await upload({ title: '   ', category: 'procedure' }, 'application/pdf', PDF);
    expect(blankTitle.status).toBe(400);
    const noCategory = await upload({ title: 'Plan' }, 'application/pdf', PDF);
    expect(noCategory.status).toBe(400);
    expect(noCategory.body.error.message).toContain('category');
    const badCategory = await upload({ title: 'Plan', category: 'secret' }, 'application/pdf', PDF);
    expect(badCategory.status).toBe(400);
    const unknownBuilding = await upload({ title: 'Plan', category: 'floor-plan', buildingId: 'no-such-building' }, 'application/pdf', PDF);
    expect(unknownBuilding.status).toBe(400);
    expect(unknownBuilding.body.error.code).toBe('unknown_scope');

    const huge = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    huge.set(Buffer.from('%PDF-1.4\n'));
    const tooLarge = await upload({ title: 'Huge', category: 'other' }, 'application/pdf', huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('payload_too_large');

    expect(await readdir(documentsDir()).catch(() => [])).toEqual(before);
    expect((await hub.api('/api/documents', { cookie: admin })).body.documents.map((d: any) => d.title)).not.toContain('Huge');
  });

  it('stores an SVG without its script or event handlers, and says what it removed', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="5" height="5" onclick="alert(2)"/></svg>';
    const stored = await upload({ title: 'Site plan', category: 'floor-plan', filename: 'site.svg' }, 'image/svg+xml', svg);
    expect(stored.status).toBe(200);
    expect(stored.body.removed.join(' ')).toContain('script');
    const { response, bytes } = await download(stored.body.document.id);
    const text = Buffer.from(bytes).toString('utf8');
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(text).toContain('<rect');
    expect(text).not.toContain('script');
    expect(text).not.toContain('onclick');
    const onDisk = await readFile(join(documentsDir(), `${stored.body.document.id}.svg`), 'utf8');
    expect(onDisk).not.toContain('alert');
  });

  it('keeps names with ../ or odd characters out of the path: they are only shown, and offered on download', async () => {
    const names = ['../../muster.json', '..\\..\\escape.pdf', '/etc/passwd', 'plan\u0000.pdf', 'Plan d’évacuation "Bâtiment A".pdf'];
    const ids: string[] = [];
    for (const filename of names) {
      const stored = await upload({ title: `Odd ${filename}`, category: 'other', filename }, 'application/pdf', PDF);
      expect(stored.status, filename).toBe(200);
      expect(stored.body.document.originalName).not.toMatch(/[\\/\u0000]/);
      ids.push(stored.body.document.id);
    }
    const files = await readdir(documentsDir());
    for (const id of ids) expect(files).toContain(`${id}.pdf`);
    expect(files.every((f) => /^[a-f0-9]{32}\.(pdf|png|jpg|svg)$/.test(f))).toBe(true);
    // Nothing appeared beside the data directory's own files, and the store is intact.
    expect(existsSync(join(hub.dataDir, '..', 'escape.pdf'))).toBe(false);
    expect(JSON.parse(await readFile(join(hub.dataDir, 'muster.json'), 'utf8')).schemaVersion).toBe(2);

    const french = await download(ids[4]!);
    expect(french.response.status).toBe(200);
    expect(french.response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Plan d’évacuation "Bâtiment A".pdf')}`);
    expect(french.response.headers.get('content-disposition')).toMatch(/^inline; filename="Plan d_.vacuation _B_timent A_.pdf";/);

    // An id is only ever a generated one: anything else is not found, never a path.
    for (const id of ['..%2Fmuster.json', '..%2F..%2Fetc%2Fpasswd', 'muster.json', ids[0]!.toUpperCase()]) {
      const { response } = await download(id);
      expect(response.status, id).toBe(404);
    }
  });
});

describe('changing and deleting documents', () => {
  it('renames and refiles a document, and audits the change', async () => {
    const stored = await upload({ title: 'Fire drill procedure', category: 'other' }, 'application/pdf', PDF);
    const id = stored.body.document.id;
    const renamed = await hub.api(`/api/documents/${id}`, { method: 'PATCH', cookie: admin, body: { title: 'Fire evacuation procedure', category: 'procedure' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.document).toMatchObject({ id, title: 'Fire evacuation procedure', category: 'procedure' });
    const listed = (await hub.api('/api/documents', { cookie: viewer })).body.documents.find((d: any) => d.id === id);
    expect(listed).toMatchObject({ title: 'Fire evacuation procedure', category: 'procedure' });

    expect((await hub.api(`/api/documents/${id}`, { method: 'PATCH', cookie: admin, body: {} })).status).toBe(400);
    expect((await hub.api(`/api/documents/${id}`, { method: 'PATCH', cookie: admin, body: { title: '' } })).status).toBe(400);
    expect((await hub.api(`/api/documents/${id}`, { method: 'PATCH', cookie: admin, body: { category: 'secret' } })).status).toBe(400);
    expect((await hub.api('/api/documents/00000000000000000000000000000000', { method: 'PATCH', cookie: admin, body: { title: 'X' } })).status).toBe(404);

    const audit = await auditActions();
    expect(audit.find((e) => e.action === 'document.updated' && e.detail?.includes('Fire evacuation procedure'))).toMatchObject({ who: 'admin' });
  });

  it('deletes the record and the file, and the document is gone for everyone', async () => {
    const stored = await upload({ title: 'Old blueprint', category: 'floor-plan' }, 'image/png', PNG_1X1);
    const id = stored.body.document.id;
    const file = join(documentsDir(), `${id}.png`);
    expect(existsSync(file)).toBe(true);
    const deleted = await hub.api(`/api/documents/${id}`, { method: 'DELETE', cookie: admin });
    expect(deleted.status).toBe(200);
    expect(existsSync(file)).toBe(false);
    expect((await hub.api('/api/documents', { cookie: admin })).body.documents.some((d: any) => d.id === id)).toBe(false);
    expect((await download(id)).response.status).toBe(404);
    expect((await hub.api(`/api/documents/${id}`, { method: 'DELETE', cookie: admin })).status).toBe(404);
    expect((await auditActions()).find((e) => e.action === 'document.deleted' && e.detail?.includes('Old blueprint'))).toBeDefined();
  });

  it('keeps the library across a restart', async () => {
    const stored = await upload({ title: 'Reunification procedure', category: 'procedure' }, 'application/pdf', PDF);
    hub = await hub.restart();
    [admin, office, viewer] = await Promise.all([hub.login('admin'), hub.login('office'), hub.login('viewer')]);
    const { response, bytes } = await download(stored.body.document.id);
    expect(response.status).toBe(200);
    expect(Buffer.from(bytes).equals(Buffer.from(PDF))).toBe(true);
  });
});

describe('roles', () => {
  it('lets office and viewer read, but only an admin upload, rename or delete', async () => {
    const stored = await upload({ title: 'Lockdown procedure', category: 'procedure' }, 'application/pdf', PDF);
    const id = stored.body.document.id;
    for (const cookie of [office, viewer]) {
      const refused = await upload({ title: 'Sneaky', category: 'other' }, 'application/pdf', PDF, cookie);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      expect((await hub.api(`/api/documents/${id}`, { method: 'PATCH', cookie, body: { title: 'Changed' } })).status).toBe(403);
      expect((await hub.api(`/api/documents/${id}`, { method: 'DELETE', cookie })).status).toBe(403);
      expect((await download(id, cookie)).response.status).toBe(200);
    }
    const anonymous = await fetch(`${hub.origin}/api/documents/${id}`);
    expect(anonymous.status).toBe(401);
    expect((await hub.api('/api/documents')).status).toBe(401);
    expect((await hub.api('/api/documents', { cookie: admin })).body.documents.find((d: any) => d.id === id).title).toBe('Lockdown procedure');
  });
});
