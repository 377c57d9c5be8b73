// Procedure acknowledgement on a real hub (issue 14, item 2): staff read the required procedures and acknowledge the
// current version; a changed mode wording or a replaced document asks again; an old version is a clear 409; staff
// open only the required documents; the admin chooses what is required and sees who has read what, also as CSV.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyProcedure, ProcedureStanding } from '../../shared/acknowledgements.ts';
import { modeWordingFor } from '../../shared/modes.ts';
import { parseCsv } from '../helpers/csv.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let admin: string;
let staff: string;
let office: string;

const pdf = (text: string) => `%PDF-1.4\n% ${text}\ntrailer <<>>\n%%EOF\n`;

beforeAll(async () => {
  hub = await startTestHub();
  [admin, staff, office] = await Promise.all([hub.login('admin'), hub.login('staff'), hub.login('office')]);
  // A second teacher, who never reads anything.
  expect((await hub.api('/api/users', { cookie: admin, body: { username: 'teacher-two', role: 'staff', password: 'teacher-two-pass' } })).status).toBe(200);
});
afterAll(async () => {
  await hub?.dispose();
});

async function mine(cookie = staff): Promise<MyProcedure[]> {
  const { status, body } = await hub.api('/api/acknowledgements/mine', { cookie });
  expect(status).toBe(200);
  return body.procedures;
}
const find = (list: MyProcedure[], key: string) => list.find((p) => p.key === key)!;
const acknowledge = (procedure: string, version: string, cookie = staff) => hub.api('/api/acknowledgements/mine', { cookie, body: { procedure, version } });

async function uploadDocument(title: string, text: string): Promise<string> {
  const { status, body } = await hub.api(`/api/documents?${new URLSearchParams({ title, category: 'procedure', filename: `${title}.pdf` })}`, {
    method: 'POST',
    cookie: admin,
    rawBody: pdf(text),
    headers: { 'Content-Type': 'application/pdf' },
  });
  expect(status).toBe(200);
  return body.document.id;
}

async function standings(): Promise<{ procedures: ProcedureStanding[] }> {
  const { status, body } = await hub.api('/api/acknowledgements', { cookie: admin });
  expect(status).toBe(200);
  return body;
}
const names = (people: { username: string }[]) => people.map((p) => p.username);

async function auditOf(action: string) {
  return ((await hub.api(`/api/audit?action=${action}`, { cookie: admin })).body.entries as { who: string; detail: string }[]) ?? [];
}

describe('reading and acknowledging', () => {
  it('asks staff for every mode’s staff steps by default, most serious first, in the school’s words', async () => {
    const list = await mine();
    expect(list.map((p) => p.key)).toEqual(['mode:lockdown', 'mode:evacuate', 'mode:shelter', 'mode:secure', 'mode:hold']);
    const lockdown = find(list, 'mode:lockdown');
    const catalogue = modeWordingFor('lockdown', 'en');
    expect(lockdown).toMatchObject({ kind: 'mode', title: 'Lockdown: staff steps', directive: catalogue.directive, steps: catalogue.staff, status: 'never', acknowledged: null });
    expect(lockdown.version).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('records an acknowledgement of the current version, once, in its own file, audited', async () => {
    const lockdown = find(await mine(), 'mode:lockdown');
    const { status, body } = await acknowledge('mode:lockdown', lockdown.version);
    expect(status).toBe(200);
    const after = find(body.procedures, 'mode:lockdown');
    expect(after.status).toBe('current');
    expect(after.acknowledged!.version).toBe(lockdown.version);
    // Again: nothing new is recorded.
    expect((await acknowledge('mode:lockdown', lockdown.version)).status).toBe(200);
    const file = JSON.parse(await readFile(join(hub.dataDir, 'acknowledgements.json'), 'utf8'));
    expect(file.acknowledgements).toEqual([{ username: 'staff', procedure: 'mode:lockdown', version: lockdown.version, at: after.acknowledged!.at }]);
    const audit = await auditOf('procedure.acknowledged');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ who: 'staff' });
    expect(audit[0]!.detail).toContain(lockdown.version);
  });

  it('refuses a version that is not current with a clear 409, and a procedure not required with 404, recording nothing', async () => {
    const wrong = await acknowledge('mode:hold', 'AAAAAAAAAAAAAAAA');
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('conflict');
    expect(wrong.body.error.message).toMatch(/Hold: staff steps.*changed since you opened it/);
    const notRequired = await acknowledge('document:0123456789abcdef0123456789abcdef', 'AAAAAAAAAAAAAAAA');
    expect(notRequired.status).toBe(404);
    const bad = await acknowledge('mode:normal', 'short');
    expect(bad.status).toBe(400);
    expect(find(await mine(), 'mode:hold').status).toBe('never');
  });

  it('asks again when the admin changes the mode’s staff wording, showing the new steps and when they changed', async () => {
    const before = find(await mine(), 'mode:lockdown');
    const catalogue = modeWordingFor('lockdown', 'en');
    const saved = await hub.api('/api/mode-wordings/lockdown/en', {
      method: 'PUT',
      cookie: admin,
      body: { directive: catalogue.directive, students: catalogue.students, staff: [...catalogue.staff, 'Take the class list to the hardened corner.'] },
    });
    expect(saved.status).toBe(200);
    const after = find(await mine(), 'mode:lockdown');
    if (after.kind !== 'mode') throw new Error('Lockdown is a mode');
    expect(after.version).not.toBe(before.version);
    expect(after.status).toBe('older');
    expect(after.acknowledged!.version).toBe(before.version);
    expect(after.steps.at(-1)).toBe('Take the class list to the hardened corner.');
    expect(Date.parse(after.updatedAt!)).toBeGreaterThanOrEqual(Date.parse(after.acknowledged!.at));

    // The old version is refused; the new one is taken.
    expect((await acknowledge('mode:lockdown', before.version)).status).toBe(409);
    expect(find((await acknowledge('mode:lockdown', after.version)).body.procedures, 'mode:lockdown').status).toBe('current');
  });

  it('does not ask again for a change staff do not read (the students’ steps) or in another language', async () => {
    const before = find(await mine(), 'mode:lockdown');
    const english = modeWordingFor('lockdown', 'en', (await hub.api('/api/mode-wordings', { cookie: admin })).body.wordings);
    expect((await hub.api('/api/mode-wordings/lockdown/en', { method: 'PUT', cookie: admin, body: { directive: english.directive, students: ['Hide quietly.'], staff: english.staff } })).status).toBe(200);
    const spanish = modeWordingFor('lockdown', 'es');
    expect((await hub.api('/api/mode-wordings/lockdown/es', { method: 'PUT', cookie: admin, body: { directive: spanish.directive, students: spanish.students, staff: ['Cierren con llave.'] } })).status).toBe(200);
    const after = find(await mine(), 'mode:lockdown');
    expect(after.version).toBe(before.version);
    expect(after.status).toBe('current');
  });
});

describe('required documents', () => {
  let fireId = '';
  let blueprintId = '';

  it('asks for a document only once the admin requires it, and lets staff open only required ones', async () => {
    fireId = await uploadDocument('Fire evacuation procedure', 'first edition');
    blueprintId = await uploadDocument('Boiler room blueprint', 'blueprint');
    expect((await mine()).some((p) => p.key === `document:${fireId}`)).toBe(false);
    expect((await hub.api(`/api/acknowledgements/documents/${fireId}`, { cookie: staff })).status).toBe(404);

    const set = await hub.api('/api/acknowledgements/required', { method: 'PUT', cookie: admin, body: { modes: ['lockdown', 'hold'], documents: [fireId] } });
    expect(set.status).toBe(200);
    expect(set.body.choices.filter((c: { required: boolean }) => c.required).map((c: { key: string }) => c.key)).toEqual(['mode:lockdown', 'mode:hold', `document:${fireId}`]);
    const audit = await auditOf('procedure.requirements-changed');
    expect(audit[0]!.detail).toContain('Fire evacuation procedure');

    const list = await mine();
    expect(list.map((p) => p.key)).toEqual(['mode:lockdown', 'mode:hold', `document:${fireId}`]);
    expect(find(list, `document:${fireId}`)).toMatchObject({ kind: 'document', title: 'Fire evacuation procedure', contentType: 'application/pdf', status: 'never' });

    const open = await fetch(`${hub.origin}/api/acknowledgements/documents/${fireId}`, { headers: { Cookie: staff } });
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('application/pdf');
    expect(open.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await open.text()).toBe(pdf('first edition'));
    // The rest of the binder stays closed to staff.
    expect((await hub.api(`/api/acknowledgements/documents/${blueprintId}`, { cookie: staff })).status).toBe(404);
    expect((await hub.api(`/api/documents/${blueprintId}`, { cookie: staff })).status).toBe(403);
  });

  it('refuses to require a document that is not in the library', async () => {
    const { status, body } = await hub.api('/api/acknowledgements/required', { method: 'PUT', cookie: admin, body: { modes: [], documents: ['0123456789abcdef0123456789abcdef'] } });
    expect(status).toBe(404);
    expect(body.error.message).toMatch(/no document/);
    const bad = await hub.api('/api/acknowledgements/required', { method: 'PUT', cookie: admin, body: { modes: ['normal'], documents: [] } });
    expect(bad.status).toBe(400);
  });

  it('asks again when the document’s file is replaced, but not when it is renamed', async () => {
    const first = find(await mine(), `document:${fireId}`);
    expect((await acknowledge(first.key, first.version)).status).toBe(200);

    expect((await hub.api(`/api/documents/${fireId}`, { method: 'PATCH', cookie: admin, body: { title: 'Fire evacuation procedure (2026)' } })).status).toBe(200);
    const renamed = find(await mine(), `document:${fireId}`);
    expect(renamed).toMatchObject({ title: 'Fire evacuation procedure (2026)', version: first.version, status: 'current' });

    const replaced = await hub.api(`/api/documents/${fireId}/file?filename=fire-2026.pdf`, { method: 'PUT', cookie: admin, rawBody: pdf('second edition'), headers: { 'Content-Type': 'application/pdf' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.document).toMatchObject({ id: fireId, originalName: 'fire-2026.pdf', title: 'Fire evacuation procedure (2026)' });
    expect((await auditOf('document.replaced'))[0]!.detail).toContain(fireId);

    const after = find(await mine(), `document:${fireId}`);
    expect(after.version).not.toBe(first.version);
    expect(after.status).toBe('older');
    expect(after.updatedAt).toBe(replaced.body.document.uploadedAt);
    expect(await (await fetch(`${hub.origin}/api/acknowledgements/documents/${fireId}`, { headers: { Cookie: staff } })).text()).toBe(pdf('second edition'));
    expect((await acknowledge(after.key, first.version)).status).toBe(409);
    expect((await acknowledge(after.key, after.version)).status).toBe(200);
  });

  it('refuses a replacement that is not what its type says, changing nothing', async () => {
    const before = find(await mine(), `document:${fireId}`);
    const bad = await hub.api(`/api/documents/${fireId}/file`, { method: 'PUT', cookie: admin, rawBody: 'not a pdf', headers: { 'Content-Type': 'application/pdf' } });
    expect(bad.status).toBe(400);
    expect(find(await mine(), `document:${fireId}`).version).toBe(before.version);
    expect((await hub.api('/api/documents/0123456789abcdef0123456789abcdef/file', { method: 'PUT', cookie: admin, rawBody: pdf('x'), headers: { 'Content-Type': 'application/pdf' } })).status).toBe(404);
  });

  it('stops asking for a document once it is deleted', async () => {
    const doomed = await uploadDocument('Old drill sheet', 'old');
    const set = await hub.api('/api/acknowledgements/required', { method: 'PUT', cookie: admin, body: { modes: ['lockdown', 'hold'], documents: [fireId, doomed] } });
    expect(set.status).toBe(200);
    expect((await mine()).some((p) => p.key === `document:${doomed}`)).toBe(true);
    expect((await hub.api(`/api/documents/${doomed}`, { method: 'DELETE', cookie: admin })).status).toBe(200);
    expect((await mine()).some((p) => p.key === `document:${doomed}`)).toBe(false);
    expect((await hub.api(`/api/acknowledgements/documents/${doomed}`, { cookie: staff })).status).toBe(404);
  });
});

describe('the admin’s view', () => {
  it('shows per procedure who read the current version, who an older one, who never; and per person', async () => {
    // The office reads Hold too, so it is listed; the viewer and the admin, who read nothing, are not.
    const hold = find(await mine(office), 'mode:hold');
    expect((await acknowledge('mode:hold', hold.version, office)).status).toBe(200);
    const catalogue = modeWordingFor('hold', 'en');
    expect((await hub.api('/api/mode-wordings/hold/en', { method: 'PUT', cookie: admin, body: { directive: catalogue.directive, students: catalogue.students, staff: ['Close and lock the door.', 'Keep teaching.'] } })).status).toBe(200);

    const { procedures, people } = (await standings()) as { procedures: ProcedureStanding[]; people: { person: { username: string }; readings: { procedure: string; status: string }[] }[] };
    const lockdown = procedures.find((p) => p.procedure.key === 'mode:lockdown')!;
    expect(names(lockdown.current)).toEqual(['staff']);
    expect(names(lockdown.never)).toEqual(['office', 'teacher-two']);
    const holdStanding = procedures.find((p) => p.procedure.key === 'mode:hold')!;
    expect(names(holdStanding.older)).toEqual(['office']);
    expect(names(holdStanding.never)).toEqual(['staff', 'teacher-two']);
    expect(people.map((p) => p.person.username)).toEqual(['office', 'staff', 'teacher-two']);
    expect(people.find((p) => p.person.username === 'teacher-two')!.readings.every((r) => r.status === 'never')).toBe(true);
  });

  it('exports the same as CSV, one row per procedure and person', async () => {
    const response = await fetch(`${hub.origin}/api/acknowledgements/report.csv`, { headers: { Cookie: admin } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="procedure-acknowledgements-\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual(['procedure', 'kind', 'current_version', 'current_since', 'person', 'role', 'status', 'version_read', 'acknowledged_at']);
    const row = (procedure: string, person: string) => rows.find((r) => r[0] === procedure && r[4] === person)!;
    expect(row('Lockdown: staff steps', 'staff')[6]).toBe('read current version');
    expect(row('Lockdown: staff steps', 'teacher-two').slice(6)).toEqual(['never read', '', '']);
    expect(row('Hold: staff steps', 'office')[6]).toBe('read an older version');
    expect(row('Hold: staff steps', 'office')[8]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    // 3 procedures (Lockdown, Hold, the fire procedure) × 3 people.
    expect(rows).toHaveLength(9);
  });

  it('drops a disabled account from the lists, keeping its acknowledgements', async () => {
    expect((await hub.api('/api/users/teacher-two', { method: 'PATCH', cookie: admin, body: { disabled: true } })).status).toBe(200);
    const lockdown = (await standings()).procedures.find((p) => p.procedure.key === 'mode:lockdown')!;
    expect(names(lockdown.never)).toEqual(['office']);
  });

  it('keeps acknowledgements and the dates of versions across a restart', async () => {
    const before = await mine();
    hub = await hub.restart();
    staff = await hub.login('staff');
    admin = await hub.login('admin');
    expect(await mine()).toEqual(before);
  });
});
