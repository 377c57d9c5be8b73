import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedData } from './seed.ts';
import { openAuditLog } from './audit-log.ts';
import { StorageError } from './json-document.ts';
import { COMMIT_FILE } from './parted-document.ts';
import { readJsonJournal } from './json-journal.ts';
import { ModeStateSchema } from '../../shared/model.ts';
import { MODE_STATE_FILE, MODE_STATE_JOURNAL, openStore, STORE_FILE, STORE_PARTS, STORE_PARTS_DIR, type StoreData } from './store.ts';

let dir: string;
/** The mode state as the journal on disk holds it. */
async function journal() {
  const read = await readJsonJournal(join(dir, MODE_STATE_JOURNAL), ModeStateSchema);
  if (read.kind !== 'state') throw new Error('no mode state journal');
  return read.state;
}
const seed = (): StoreData => seedData({ siteFile: 'config/demo-school.json', wayfindingFile: 'config/demo-wayfinding.json' });
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
    const onDisk = await journal();
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
    // The journal replaced by a directory: appending to it fails.
    await rm(join(dir, MODE_STATE_JOURNAL));
    await mkdir(join(dir, MODE_STATE_JOURNAL));
    await expect(store.updateModeState((modeState) => void (modeState.seq = 2))).rejects.toBeInstanceOf(StorageError);
    expect(store.data.modeState.seq).toBe(1);
  });

  it('writes a mode change to the small mode-state file only, never rewriting the site', async () => {
    const store = await openStore(dir, seed);
    const siteFileBefore = await readFile(join(dir, STORE_PARTS_DIR, 'site.json'), 'utf8');
    await mkdir(join(dir, STORE_PARTS_DIR, '.site.json.tmp')); // any write of the site would now fail
    await store.updateModeState((modeState) => void (modeState.seq = 7));
    expect(await readFile(join(dir, STORE_PARTS_DIR, 'site.json'), 'utf8')).toBe(siteFileBefore);
    expect(store.data.modeState.seq).toBe(7);
    expect(store.data.site.id).toBe('maple-grove');
  });

  it('leaves a file it cannot understand untouched and says so', async () => {
    await writeFile(join(dir, STORE_FILE), '{"schemaVersion": 1, "site": {');
    await expect(openStore(dir, seed)).rejects.toThrow(/not valid JSON.*untouched/);
    expect(await readFile(join(dir, STORE_FILE), 'utf8')).toBe('{"schemaVersion": 1, "site": {');
    await writeFile(join(dir, STORE_FILE), '{"schemaVersion": 1}');
    await expect(openStore(dir, seed)).rejects.toThrow(/not hold a valid Muster store/);
  });
});

/** A store as every hub wrote it before the split: one muster.json with every part, the mode state inside. */
function wholeStore(): Record<string, unknown> {
  const { modeState: _modeState, ...parts } = seed();
  return {
    schemaVersion: 1,
    ...parts,
    users: [{ username: 'admin', role: 'admin', passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA', disabled: false, createdAt: '2026-01-01T00:00:00.000Z' }],
    sessions: [{ idHash: 'abc', username: 'admin', createdAt: '2026-01-02T00:00:00.000Z' }],
    modeWordings: { lockdown: { en: { directive: 'Locks, lights, out of sight.', students: ['Move away from the door.'], staff: ['Lock the door.'] } } },
    content: { revision: 3, slides: [] },
    modeState: { seq: 12, modes: [], hazards: { areaIds: ['m1-east-hall-end'], blockedPoiIds: [] } },
  };
}

const inode = async (path: string) => (await stat(path)).ino;
const partPath = (part: keyof typeof STORE_PARTS) => join(dir, STORE_PARTS_DIR, STORE_PARTS[part].file);

describe('store parts', () => {
  it('moves a store of the old layout (everything in muster.json, the mode state inside) into its parts, losing nothing', async () => {
    const older = wholeStore();
    await writeFile(join(dir, STORE_FILE), JSON.stringify(older));
    const store = await openStore(dir, () => {
      throw new Error('must not seed an existing store');
    });
    const { schemaVersion: _version, modeState, ...parts } = older;
    expect(store.data).toEqual({ ...parts, modeState });
    expect(JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8'))).toEqual({ schemaVersion: 2 });
    expect(await journal()).toEqual(modeState);
    expect((await readdir(join(dir, STORE_PARTS_DIR))).sort()).toEqual(Object.values(STORE_PARTS).map((p) => p.file).sort());
    for (const [part, { file }] of Object.entries(STORE_PARTS)) {
      expect(JSON.parse(await readFile(join(dir, STORE_PARTS_DIR, file), 'utf8')), part).toEqual(parts[part]);
    }
    // Opened again: the same store, from the parts now.
    expect((await openStore(dir, seed)).data).toEqual(store.data);
  });

  it('moves an old store again when a start stopped half-way through moving it, keeping a mode state changed since', async () => {
    const older = wholeStore();
    await writeFile(join(dir, STORE_FILE), JSON.stringify(older));
    // As if the last start had written the mode state file and some parts, then stopped before muster.json changed.
    await mkdir(join(dir, STORE_PARTS_DIR));
    await writeFile(join(dir, STORE_PARTS_DIR, 'users.json'), '[]');
    await writeFile(join(dir, MODE_STATE_FILE), JSON.stringify({ seq: 13, modes: [], hazards: { areaIds: [], blockedPoiIds: [] } }));
    const store = await openStore(dir, seed);
    expect(store.data.users).toEqual(older.users);
    expect(store.data.modeState.seq).toBe(13);
  });

  it('moves the mode state of a store from before the journal (mode-state.json) into the journal, and removes the file', async () => {
    await openStore(dir, seed);
    await rm(join(dir, MODE_STATE_JOURNAL));
    const older = { seq: 21, modes: [{ mode: 'lockdown', scope: { kind: 'site' }, drill: false, seq: 21, startedAt: '2026-11-01T09:00:00.000Z', by: 'office' }], hazards: { areaIds: [], blockedPoiIds: [] } };
    await writeFile(join(dir, MODE_STATE_FILE), JSON.stringify(older));
    const store = await openStore(dir, seed);
    expect(store.data.modeState).toEqual(older);
    expect(await journal()).toEqual(older);
    await expect(stat(join(dir, MODE_STATE_FILE))).rejects.toThrow(/ENOENT/);
    // A start that stopped after writing the journal, before removing the file: the journal, changed since, wins.
    await store.updateModeState((modeState) => void (modeState.seq = 22));
    await writeFile(join(dir, MODE_STATE_FILE), JSON.stringify(older));
    expect((await openStore(dir, seed)).data.modeState.seq).toBe(22);
    await expect(stat(join(dir, MODE_STATE_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('writes only the parts an update changed: a new session never rewrites the site, the users or the devices', async () => {
    const store = await openStore(dir, seed);
    const before = { site: await inode(partPath('site')), users: await inode(partPath('users')), devices: await inode(partPath('devices')) };
    const result = await store.update((draft) => {
      draft.sessions.push({ idHash: 'h', username: 'admin', createdAt: new Date().toISOString() });
      // Read, not changed: not written.
      return draft.users.length + draft.devices.length;
    });
    expect(result).toBe(store.data.devices.length);
    expect({ site: await inode(partPath('site')), users: await inode(partPath('users')), devices: await inode(partPath('devices')) }).toEqual(before);
    expect(JSON.parse(await readFile(partPath('sessions'), 'utf8'))).toHaveLength(1);
  });

  it('keeps the objects of the parts an update did not change, so readers may index them by identity', async () => {
    const store = await openStore(dir, seed);
    const { site, devices } = store.data;
    await store.update((draft) => void draft.users.push({ username: 'v', role: 'viewer', passwordHash: 'x', disabled: false, createdAt: new Date().toISOString() }));
    expect(store.data.site).toBe(site);
    expect(store.data.devices).toBe(devices);
    expect(store.data.users).toHaveLength(1);
  });

  it('shows an update to readers only once it is on disk, and never a part of one that changes several parts', async () => {
    const store = await openStore(dir, seed);
    const pending = store.update((draft) => {
      draft.users = [{ username: 'v', role: 'viewer', passwordHash: 'x', disabled: false, createdAt: new Date().toISOString() }];
      draft.sessions = [{ idHash: 'h', username: 'v', createdAt: new Date().toISOString() }];
    });
    expect([store.data.users, store.data.sessions]).toEqual([[], []]);
    await pending;
    expect([store.data.users.length, store.data.sessions.length]).toEqual([1, 1]);
    // The commit file is gone once both parts are in place.
    expect(await readdir(join(dir, STORE_PARTS_DIR))).not.toContain(COMMIT_FILE);
    const reopened = await openStore(dir, seed);
    expect([reopened.data.users.length, reopened.data.sessions.length]).toEqual([1, 1]);
  });

  it('keeps the committed state and the files when an update of several parts cannot be written', async () => {
    const store = await openStore(dir, seed);
    await mkdir(join(dir, STORE_PARTS_DIR, `.${COMMIT_FILE}.tmp`));
    const users = await readFile(partPath('users'), 'utf8');
    await expect(store.update((draft) => {
      draft.users.push({ username: 'v', role: 'viewer', passwordHash: 'x', disabled: false, createdAt: new Date().toISOString() });
      draft.sessions.push({ idHash: 'h', username: 'v', createdAt: new Date().toISOString() });
    })).rejects.toBeInstanceOf(StorageError);
    expect([store.data.users, store.data.sessions]).toEqual([[], []]);
    expect(await readFile(partPath('users'), 'utf8')).toBe(users);
    expect(await readdir(join(dir, STORE_PARTS_DIR))).not.toContain(COMMIT_FILE);
  });

  it('finishes an update of several parts that a crash interrupted, from its commit file, at the next start', async () => {
    const store = await openStore(dir, seed);
    // The sessions part cannot be put in place: the update counts once its commit file is written, and it is kept.
    await mkdir(join(dir, STORE_PARTS_DIR, '.sessions.json.tmp'));
    await store.update((draft) => {
      draft.users.push({ username: 'v', role: 'viewer', passwordHash: 'x', disabled: false, createdAt: new Date().toISOString() });
      draft.sessions.push({ idHash: 'h', username: 'v', createdAt: new Date().toISOString() });
    });
    expect([store.data.users.length, store.data.sessions.length]).toEqual([1, 1]);
    expect(await readdir(join(dir, STORE_PARTS_DIR))).toContain(COMMIT_FILE);
    expect(JSON.parse(await readFile(partPath('sessions'), 'utf8'))).toEqual([]);
    // Until the part can be written, no later update may go on (it would be undone by the commit file at a restart).
    await expect(store.update((draft) => void (draft.content = { revision: 9, slides: [] }))).rejects.toBeInstanceOf(StorageError);
    expect(store.data.content.revision).toBe(0);

    // A restart (the obstacle gone) finishes it.
    await rm(join(dir, STORE_PARTS_DIR, '.sessions.json.tmp'), { recursive: true });
    const reopened = await openStore(dir, seed);
    expect([reopened.data.users.length, reopened.data.sessions.length]).toEqual([1, 1]);
    expect(JSON.parse(await readFile(partPath('sessions'), 'utf8'))).toHaveLength(1);
    expect(await readdir(join(dir, STORE_PARTS_DIR))).not.toContain(COMMIT_FILE);
  });

  it('refuses an update that would leave a part invalid, writing nothing', async () => {
    const store = await openStore(dir, seed);
    await expect(store.update((draft) => void ((draft.content as { revision: number }).revision = -1))).rejects.toBeInstanceOf(StorageError);
    expect(store.data.content.revision).toBe(0);
    expect(JSON.parse(await readFile(partPath('content'), 'utf8')).revision).toBe(0);
  });

  it('refuses to seed over a used store whose muster.json was deleted, and seeds again after a first start cut short', async () => {
    const store = await openStore(dir, seed);
    await store.update((draft) => void draft.users.push({ username: 'admin', role: 'admin', passwordHash: 'x', disabled: false, createdAt: new Date().toISOString() }));
    await rm(join(dir, STORE_FILE));
    await expect(openStore(dir, seed)).rejects.toThrow(/muster\.json is missing but .* holds a school's store; nothing was changed/);
    expect(JSON.parse(await readFile(partPath('users'), 'utf8'))).toHaveLength(1);

    await writeFile(partPath('users'), '[]');
    const seededAgain = await openStore(dir, seed);
    expect(seededAgain.data.users).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8'))).toEqual({ schemaVersion: 2 });
  });

  it('leaves a part file it cannot understand untouched and says which', async () => {
    await openStore(dir, seed);
    await writeFile(partPath('users'), '[{"username": 1}]');
    await expect(openStore(dir, seed)).rejects.toThrow(/users\.json does not hold a valid Muster store part/);
    await rm(partPath('users'));
    await expect(openStore(dir, seed)).rejects.toThrow(/users\.json is missing/);
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
