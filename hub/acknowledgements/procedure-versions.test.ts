import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../shared/documents.ts';
import { modeWordingFor } from '../../shared/modes.ts';
import { DocumentVersions, fileVersion, modeStaffVersion } from './procedure-versions.ts';

describe('a mode’s staff steps version', () => {
  const lockdown = modeWordingFor('lockdown', 'en');

  it('is the same for the same words, and 16 URL-safe characters', () => {
    expect(modeStaffVersion(lockdown)).toBe(modeStaffVersion({ directive: lockdown.directive, staff: [...lockdown.staff] }));
    expect(modeStaffVersion(lockdown)).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('changes with a staff step or the directive', () => {
    const base = modeStaffVersion(lockdown);
    expect(modeStaffVersion({ ...lockdown, staff: [...lockdown.staff, 'Take the class list.'] })).not.toBe(base);
    expect(modeStaffVersion({ ...lockdown, staff: lockdown.staff.slice(1) })).not.toBe(base);
    expect(modeStaffVersion({ ...lockdown, directive: 'Locks, lights, out of sight. Silence.' })).not.toBe(base);
  });

  it('does not change with what staff do not read: the students’ steps, the PA script', () => {
    const base = modeStaffVersion(lockdown);
    expect(modeStaffVersion({ ...lockdown, students: ['Hide.'], announcement: 'Lockdown now.' } as typeof lockdown)).toBe(base);
  });

  it('tells steps apart from their joining: two steps are not one step with both texts', () => {
    expect(modeStaffVersion({ directive: 'D', staff: ['a', 'b'] })).not.toBe(modeStaffVersion({ directive: 'D', staff: ['a,b'] }));
  });
});

describe('a document’s version', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'muster-versions-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const record = (over: Partial<DocumentRecord>): DocumentRecord => ({
    id: 'a'.repeat(32),
    title: 'Fire procedure',
    category: 'procedure',
    originalName: 'fire.pdf',
    contentType: 'application/pdf',
    size: 10,
    uploadedAt: '2026-11-01T08:00:00.000Z',
    uploadedBy: 'admin',
    ...over,
  });

  it('is a hash of the file: the same bytes, the same version; other bytes, another', async () => {
    await writeFile(join(dir, 'one.pdf'), '%PDF-1.4 one');
    await writeFile(join(dir, 'same.pdf'), '%PDF-1.4 one');
    await writeFile(join(dir, 'two.pdf'), '%PDF-1.4 two');
    expect(await fileVersion(join(dir, 'one.pdf'))).toBe(await fileVersion(join(dir, 'same.pdf')));
    expect(await fileVersion(join(dir, 'one.pdf'))).not.toBe(await fileVersion(join(dir, 'two.pdf')));
  });

  it('is hashed once per file; a replaced file (new upload time) is hashed again', async () => {
    const path = join(dir, 'doc.pdf');
    await writeFile(path, '%PDF-1.4 first');
    let reads = 0;
    const versions = new DocumentVersions(() => (reads++, path));
    const first = await versions.of(record({}));
    expect(await versions.of(record({ title: 'Renamed' }))).toBe(first);
    expect(reads).toBe(1);
    await writeFile(path, '%PDF-1.4 second, longer');
    const second = await versions.of(record({ uploadedAt: '2026-11-20T08:00:00.000Z', size: 23 }));
    expect(second).not.toBe(first);
    expect(second).toBe(await fileVersion(path));
  });

  it('fails for a missing file, and tries again next time rather than remembering the failure', async () => {
    const path = join(dir, 'late.pdf');
    const versions = new DocumentVersions(() => path);
    const doc = record({ id: 'b'.repeat(32) });
    await expect(versions.of(doc)).rejects.toThrow();
    await writeFile(path, '%PDF-1.4 late');
    expect(await versions.of(doc)).toBe(await fileVersion(path));
  });
});
