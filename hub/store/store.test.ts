import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedData } from './seed.ts';
import { openAuditLog } from './audit-log.ts';
import { StorageError } from './json-document.ts';
import { MODE_STATE_FILE, openStore, STORE_FILE } from './store.ts';

let dir: string;
const seed = () => seedData({ siteFile: 'config/demo-school.json', wayfindingFile: 'config/demo-wayfinding.json' });
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'muster-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('store', () => {
  it('writes every update to the file before resolving, and reads it back', async () => {
    const store = await openStore(dir, seed);
    await store.updateModeState((modeState) => void (modeState.seq = 41));
    const onDisk = JSON.parse(await readFile(join(dir, MODE_STATE_FILE), 'utf8'));
    expect(onDisk.seq).toBe(41);
    const reopened = await openStore(dir, () => {
      throw new Error('must not seed an existing store');
    });
    expect(reopened.data.modeState.seq).toBe(41);
  });

  it('serialises concurrent updates so none is lost', async () => {
    const store = await openStore(dir, seed);
    await Promise.all(Array.from({ length: 20 }, () => store.updateModeState((modeState) => void (modeState.seq += 1))));
    expect(store.data.modeState.seq).toBe(20);
    expect((await openStore(dir, seed)).data.modeState.seq).toBe(20);
  });

  it('keeps the committed state when a write fails, and fails the update', async () => {
    const store = await openStore(dir, seed);
    await store.updateModeState((modeState) => void (modeState.seq = 1));
    // A directory where the temp file must go makes the write fail.
    await mkdir(join(dir, `.${MODE_STATE_FILE}.tmp`));
    await expect(store.updateModeState((modeState) => void (modeState.seq = 2))).rejects.toBeInstanceOf(StorageError);
    expect(store.data.modeState.seq).toBe(1);
    expect(JSON.parse(await readFile(join(dir, MODE_STATE_FILE), 'utf8')).seq).toBe(1);
  });

  it('writes a mode change to the small mode-state file only, never rewriting the site', async () => {
    const store = await openStore(dir, seed);
    const siteFileBefore = await readFile(join(dir, STORE_FILE), 'utf8');
    await mkdir(join(dir, `.${STORE_FILE}.tmp`)); // any write of the main file would now fail
    await store.updateModeState((modeState) => void (modeState.seq = 7));
    expect(await readFile(join(dir, STORE_FILE), 'utf8')).toBe(siteFileBefore);
    expect(store.data.modeState.seq).toBe(7);
    expect(store.data.site.id).toBe('maple-grove');
  });

  it('moves the mode state of an older store into its own file, keeping it', async () => {
    const older = { schemaVersion: 1, ...seed(), modeState: { seq: 12, modes: [] } };
    await writeFile(join(dir, STORE_FILE), JSON.stringify(older));
    const store = await openStore(dir, seed);
    expect(store.data.modeState.seq).toBe(12);
    expect(JSON.parse(await readFile(join(dir, MODE_STATE_FILE), 'utf8')).seq).toBe(12);
    expect(JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8'))).not.toHaveProperty('modeState');
  });

  it('leaves a file it cannot understand untouched and says so', async () => {
    await writeFile(join(dir, STORE_FILE), '{"schemaVersion": 1, "site": {');
    await expect(openStore(dir, seed)).rejects.toThrow(/not valid JSON.*untouched/);
    expect(await readFile(join(dir, STORE_FILE), 'utf8')).toBe('{"schemaVersion": 1, "site": {');
    await writeFile(join(dir, STORE_FILE), '{"schemaVersion": 1}');
    await expect(openStore(dir, seed)).rejects.toThrow(/not hold a valid Muster store/);
  });
});

describe('audit log', () => {
  it('appends lines and skips a torn last line', async () => {
    const log = await openAuditLog(dir);
    await log.append({ at: '2026-01-01T00:00:00.000Z', who: 'office', role: 'office', from: '10.0.0.5', action: 'mode.set', seq: 1, mode: 'lockdown', drill: true });
    await log.close();
    await writeFile(join(dir, 'audit.jsonl'), (await readFile(join(dir, 'audit.jsonl'), 'utf8')) + '{"at":"2026-01-01T00:0');
    const reopened = await openAuditLog(dir);
    const entries = await reopened.readAll();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ who: 'office', seq: 1, mode: 'lockdown' });
    await reopened.close();
  });

  it('starts a new line after a torn one, so the first entry after a crash is not lost, and streams entries', async () => {
    await writeFile(join(dir, 'audit.jsonl'), '{"at":"2026-01-01T00:00:00.000Z","who":"office","role":"office","from":"x","action":"session.login"}\n{"at":"2026-01-01T00:0');
    const log = await openAuditLog(dir);
    await log.append({ at: '2026-01-01T00:01:00.000Z', who: 'office', role: 'office', from: '10.0.0.5', action: 'mode.set', seq: 1, mode: 'hold', drill: true });
    const streamed = [];
    for await (const entry of log.entries()) streamed.push(entry);
    expect(streamed.map((e) => e.action)).toEqual(['session.login', 'mode.set']);
    await log.close();
  });

  it('writes a burst of entries together, each append resolving once its line is in the file, in the order given', async () => {
    const log = await openAuditLog(dir);
    const lines = async () => (await readFile(join(dir, 'audit.jsonl'), 'utf8')).split('\n').filter(Boolean).length;
    const burst = Array.from({ length: 50 }, (_, i) =>
      log.append({ at: '2026-01-01T00:02:00.000Z', who: `guess-${i}`, role: 'system', from: '10.0.0.9', action: 'session.login-failed' }).then(lines),
    );
    const seenAtResolve = await Promise.all(burst);
    // Every append found at least its own line (and all before it) on disk when it resolved.
    seenAtResolve.forEach((seen, i) => expect(seen).toBeGreaterThanOrEqual(i + 1));
    // Batched: the first write went alone, the other 49 entries waited for it and went in one write together.
    expect(new Set(seenAtResolve).size).toBeLessThan(5);
    expect((await log.readAll()).map((e) => e.who)).toEqual(burst.map((_, i) => `guess-${i}`));
    await log.close();
  });
});
