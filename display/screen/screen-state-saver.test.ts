import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyScreenState, localScreenStateKey, type SavedScreenState } from './saved-screen-state.ts';
import { ScreenStateSaver, clearSavedScreenState, recordsToWrite, stateFromRecords } from './screen-state-saver.ts';
import type { ScreenStateRecords, ScreenStateStore } from './screen-state-store.ts';

/** localStorage in memory. */
class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

/** IndexedDB in memory; each write waits until the test lets it complete (or fail). */
class FakeStore implements ScreenStateStore {
  readonly records = new Map<string, ScreenStateRecords>();
  readonly writes: { screenId: string; records: ScreenStateRecords; durability: IDBTransactionDurability }[] = [];
  readonly #inFlight: { resolve: () => void; reject: (error: Error) => void }[] = [];
  holdWrites = false;

  async read(screenId: string) {
    return { ...this.records.get(screenId) };
  }
  write(screenId: string, records: ScreenStateRecords, durability: IDBTransactionDurability = 'strict') {
    this.writes.push({ screenId, records, durability });
    const apply = () => this.records.set(screenId, { ...this.records.get(screenId), ...structuredClone(records) });
    if (!this.holdWrites) {
      apply();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => this.#inFlight.push({ resolve: () => (apply(), resolve()), reject }));
  }
  async clear(screenId: string) {
    this.records.delete(screenId);
  }
  get inFlight() {
    return this.#inFlight.length;
  }
  complete() {
    this.#inFlight.shift()!.resolve();
  }
  fail() {
    this.#inFlight.shift()!.reject(new Error('disk full'));
  }
}

const plan: SavedScreenState['plan'] = { version: 'p1', wayfinding: { floors: [], links: [], screens: [] } };

function state(seq: number, extra: Partial<SavedScreenState> = {}): SavedScreenState {
  return { ...emptyScreenState(), seq, lastContactAt: 1000 + seq, ...extra };
}

/** Let the scheduled write start, and every promise settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let store: FakeStore;
let storage: MemoryStorage;
const saver = (screenId = 'gym') => new ScreenStateSaver(screenId, { openStore: async () => store, storage });

beforeEach(() => {
  store = new FakeStore();
  storage = new MemoryStorage();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('writing', () => {
  it('never writes while saving: the write starts after the current task', async () => {
    const keeper = saver();
    await keeper.load();
    keeper.save(state(1));
    expect(store.writes).toHaveLength(0);
    await keeper.idle();
    expect(store.writes).toHaveLength(1);
  });

  it('keeps one write in flight and then writes only the newest state waiting', async () => {
    const keeper = saver();
    await keeper.load();
    store.holdWrites = true;
    keeper.save(state(1));
    await settle();
    expect(store.inFlight).toBe(1);
    keeper.save(state(2));
    keeper.save(state(3));
    keeper.save(state(4));
    await settle();
    expect(store.inFlight).toBe(1);
    store.complete();
    await settle();
    expect(store.writes.map((write) => (write.records.core as SavedScreenState).seq)).toEqual([1, 4]);
    store.complete();
    await keeper.idle();
    expect(stateFromRecords(store.records.get('gym')!)?.seq).toBe(4);
  });

  it('writes the floor plan, wordings and slides only when they change', async () => {
    const keeper = saver();
    await keeper.load();
    const withPlan = state(1, { plan });
    keeper.save(withPlan);
    await keeper.idle();
    expect(Object.keys(store.writes[0]!.records).sort()).toEqual(['content', 'core', 'plan', 'wordings']);
    keeper.save({ ...withPlan, seq: 2 });
    await keeper.idle();
    expect(Object.keys(store.writes[1]!.records)).toEqual(['core']);
    expect(stateFromRecords(store.records.get('gym')!)).toMatchObject({ seq: 2, plan });
  });

  it('keeps the state in localStorage when IndexedDB fails, and moves it back once IndexedDB works again', async () => {
    const keeper = saver();
    await keeper.load();
    store.holdWrites = true;
    keeper.save(state(1, { plan }));
    await settle();
    store.fail();
    await keeper.idle();
    expect(JSON.parse(storage.getItem(localScreenStateKey('gym'))!)).toMatchObject({ seq: 1 });

    keeper.save(state(2, { plan }));
    await settle();
    store.complete();
    await keeper.idle();
    // The failed write put nothing, so the plan is written again with the next one.
    expect(Object.keys(store.writes[1]!.records)).toContain('plan');
    expect(storage.getItem(localScreenStateKey('gym'))).toBeNull();
  });

  it('flushes to disk unless only the time of contact changed, even when a relaxed save replaces a strict one', async () => {
    const keeper = saver();
    await keeper.load();
    keeper.save(state(1), 'relaxed');
    await keeper.idle();
    store.holdWrites = true;
    keeper.save(state(2));
    await settle();
    keeper.save(state(3));
    keeper.save(state(3, { lastContactAt: 5000 }), 'relaxed');
    store.complete();
    await settle();
    store.complete();
    await keeper.idle();
    expect(store.writes.map((write) => write.durability)).toEqual(['relaxed', 'strict', 'strict']);
  });

  it('writes nothing once stopped', async () => {
    const keeper = saver();
    await keeper.load();
    keeper.save(state(1));
    keeper.stop();
    keeper.save(state(2));
    await keeper.idle();
    expect(store.writes).toEqual([]);
  });
});

describe('loading', () => {
  it('reads what IndexedDB holds for this screen only', async () => {
    await store.write('gym', recordsToWrite(state(7, { plan }), null));
    await store.write('annex-hall', recordsToWrite(state(9), null));
    expect(await saver('gym').load()).toMatchObject({ seq: 7, plan });
    expect((await saver('main-1-east').load()).seq).toBe(0);
  });

  it('moves an older version\'s localStorage copy into IndexedDB, then removes the copy', async () => {
    storage.setItem(localScreenStateKey('gym'), JSON.stringify(state(5, { plan })));
    storage.setItem(localScreenStateKey('annex-hall'), JSON.stringify(state(6)));
    const keeper = saver();
    expect(await keeper.load()).toMatchObject({ seq: 5, plan });
    await keeper.idle();
    expect(stateFromRecords(store.records.get('gym')!)).toMatchObject({ seq: 5, plan });
    expect(storage.getItem(localScreenStateKey('gym'))).toBeNull();
    expect(storage.getItem(localScreenStateKey('annex-hall'))).not.toBeNull();
  });

  it('keeps the localStorage copy while the move has not reached IndexedDB', async () => {
    storage.setItem(localScreenStateKey('gym'), JSON.stringify(state(5)));
    store.holdWrites = true;
    const keeper = saver();
    await keeper.load();
    await settle();
    store.fail();
    await keeper.idle();
    expect(storage.getItem(localScreenStateKey('gym'))).not.toBeNull();
  });

  it('prefers IndexedDB over an older localStorage copy left by a move cut short, and removes the copy', async () => {
    // Moved, then a Lockdown saved in IndexedDB; the copy's removal never reached the disk before a power cut.
    storage.setItem(localScreenStateKey('gym'), JSON.stringify(state(5)));
    await store.write('gym', recordsToWrite(state(6, { modes: [] }), null));
    expect((await saver().load()).seq).toBe(6);
    expect(storage.getItem(localScreenStateKey('gym'))).toBeNull();
  });

  it('prefers a newer localStorage copy, kept while IndexedDB failed', async () => {
    await store.write('gym', recordsToWrite(state(5), null));
    storage.setItem(localScreenStateKey('gym'), JSON.stringify(state(6)));
    const keeper = saver();
    expect((await keeper.load()).seq).toBe(6);
    await keeper.idle();
    expect(stateFromRecords(store.records.get('gym')!)?.seq).toBe(6);
  });

  it('falls back to localStorage where IndexedDB cannot be opened, or does not answer', async () => {
    storage.setItem(localScreenStateKey('gym'), JSON.stringify(state(3)));
    const refused = new ScreenStateSaver('gym', { openStore: () => Promise.reject(new Error('no IndexedDB')), storage });
    expect((await refused.load()).seq).toBe(3);
    refused.save(state(4));
    await refused.idle();
    expect(JSON.parse(storage.getItem(localScreenStateKey('gym'))!)).toMatchObject({ seq: 4 });

    const silent = new ScreenStateSaver('gym', { openStore: () => new Promise(() => undefined), storage, timeoutMs: 20 });
    expect((await silent.load()).seq).toBe(4);
    expect(console.warn).toHaveBeenCalled();
  });

  it('drops a large part that does not validate, and keeps the mode', () => {
    const records = recordsToWrite(state(8, { plan }), null);
    expect(stateFromRecords({ ...records, plan: { version: 3 } })).toMatchObject({ seq: 8, plan: null });
    expect(stateFromRecords({ plan: records.plan })).toBeNull();
  });
});

describe('forgetting', () => {
  it("removes this screen's state only, in IndexedDB and localStorage", async () => {
    await store.write('gym', recordsToWrite(state(1), null));
    await store.write('annex-hall', recordsToWrite(state(2), null));
    storage.setItem(localScreenStateKey('gym'), '{}');
    await clearSavedScreenState('gym', { openStore: async () => store, storage });
    expect([...store.records.keys()]).toEqual(['annex-hall']);
    expect(storage.length).toBe(0);
  });
});
