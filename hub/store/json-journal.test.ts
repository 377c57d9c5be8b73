import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StorageError } from './json-document.ts';
import { openJsonJournal, readJsonJournal } from './json-journal.ts';

const Schema = z.object({ seq: z.int().check(z.gte(0)) });
let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'muster-journal-'));
  path = join(dir, 'state.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = async () => (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');

describe('JSON journal', () => {
  it('starts from its initial state, appends one line per update, and reads back the last', async () => {
    const journal = await openJsonJournal(path, Schema, () => ({ seq: 0 }));
    for (let seq = 1; seq <= 3; seq++) await journal.update((draft) => void (draft.seq = seq));
    expect(await lines()).toEqual(['{"seq":0}', '{"seq":1}', '{"seq":2}', '{"seq":3}']);
    const reopened = await openJsonJournal(path, Schema, () => {
      throw new Error('must not ask for a first state');
    });
    expect(reopened.data).toEqual({ seq: 3 });
    // Opening rewrote it to its last state.
    expect(await lines()).toEqual(['{"seq":3}']);
  });

  it('drops a last line cut short by a crash (never acknowledged) and appends after it cleanly', async () => {
    await openJsonJournal(path, Schema, () => ({ seq: 4 }));
    await appendFile(path, '{"seq":5}\n{"se');
    const journal = await openJsonJournal(path, Schema, () => ({ seq: 0 }));
    expect(journal.data).toEqual({ seq: 5 });
    await journal.update((draft) => void (draft.seq = 6));
    expect(await lines()).toEqual(['{"seq":5}', '{"seq":6}']);
    // A whole line whose newline never made it to disk was not acknowledged either.
    await appendFile(path, '{"seq":7}');
    expect(await readJsonJournal(path, Schema)).toEqual({ kind: 'state', state: { seq: 6 }, lines: 2, torn: true });
    // Zeros where the file grew but its data did not land.
    await writeFile(path, '{"seq":8}\n\0\0\0\0\n');
    expect((await openJsonJournal(path, Schema, () => ({ seq: 0 }))).data).toEqual({ seq: 8 });
  });

  it('leaves a journal it cannot understand untouched and says so', async () => {
    await writeFile(path, '{"seq":1}\n{"seq":-1}\n');
    await expect(openJsonJournal(path, Schema, () => ({ seq: 0 }))).rejects.toThrow(/not hold a valid Muster store.*untouched/s);
    await writeFile(path, '{"se');
    await expect(openJsonJournal(path, Schema, () => ({ seq: 0 }))).rejects.toThrow(/only a line cut short/);
    expect(await readFile(path, 'utf8')).toBe('{"se');
  });

  it('refuses an update that would leave it invalid, writing nothing', async () => {
    const journal = await openJsonJournal(path, Schema, () => ({ seq: 1 }));
    await expect(journal.update((draft) => void (draft.seq = -5))).rejects.toBeInstanceOf(StorageError);
    expect(journal.data).toEqual({ seq: 1 });
    expect(await lines()).toEqual(['{"seq":1}']);
  });

  it('rewrites itself to its last state once it has grown long', async () => {
    const journal = await openJsonJournal(path, Schema, () => ({ seq: 0 }), 5);
    for (let seq = 1; seq < 5; seq++) await journal.update((draft) => void (draft.seq = seq));
    expect(await lines()).toHaveLength(5);
    await journal.update((draft) => void (draft.seq += 1));
    expect(await lines()).toEqual(['{"seq":5}']);
    await journal.update((draft) => void (draft.seq += 1));
    expect(await lines()).toHaveLength(2);
  });

  it('after a failed append, writes the whole file next time rather than appending to what may be half a line', async () => {
    const journal = await openJsonJournal(path, Schema, () => ({ seq: 0 }));
    await rm(path);
    await mkdir(path);
    await expect(journal.update((draft) => void (draft.seq = 1))).rejects.toBeInstanceOf(StorageError);
    expect(journal.data).toEqual({ seq: 0 });
    await rm(path, { recursive: true });
    await appendFile(path, '{"seq":0}\n{"se');
    await journal.update((draft) => void (draft.seq = 2));
    expect(await lines()).toEqual(['{"seq":2}']);
  });
});
