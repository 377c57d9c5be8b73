// Keeps one wall screen's last state on disk, in IndexedDB (screen-state-store.ts), without ever holding up the mode:
// the screen paints first and the write follows; writes are coalesced (one in flight, then only the newest); a
// copy in localStorage (from an older app version, or kept while IndexedDB failed) moves over and is then removed.
import {
  SavedScreenStateSchema,
  clearLocalScreenState,
  emptyScreenState,
  loadLocalScreenState,
  saveLocalScreenState,
  type SavedScreenState,
} from './saved-screen-state.ts';
import { openScreenStateStore, type ScreenStateRecords, type ScreenStateStore } from './screen-state-store.ts';

/** The parts written only when they change (by identity: the screen replaces them, never edits them in place). */
const LARGE_PARTS = ['plan', 'wordings', 'content'] as const;

/** A screen with no answer from IndexedDB by then paints from localStorage, rather than stay dark. */
const STORE_TIMEOUT_MS = 2000;

export interface ScreenStateSaverOptions {
  openStore?: () => Promise<ScreenStateStore>;
  /** localStorage, or null where there is none. */
  storage?: Storage | null;
  /** Runs a write after the current task, so the render that asked for it comes first. */
  schedule?: (run: () => void) => void;
  timeoutMs?: number;
}

function pageStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled for this origin
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`IndexedDB gave no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** The records to write for `state`, given what is on disk already: the emergency part always, the large parts if changed. */
export function recordsToWrite(state: SavedScreenState, written: SavedScreenState | null): ScreenStateRecords {
  const { plan, wordings, content, ...core } = state;
  const records: ScreenStateRecords = { core };
  const large = { plan, wordings, content };
  for (const part of LARGE_PARTS) if (written === null || written[part] !== state[part]) records[part] = large[part];
  return records;
}

/** The state the records hold, or null without a valid emergency part; a large part that does not validate is dropped alone. */
export function stateFromRecords(records: ScreenStateRecords): SavedScreenState | null {
  if (typeof records.core !== 'object' || records.core === null) return null;
  const parsed = SavedScreenStateSchema.safeParse({ ...records.core, plan: null, wordings: null, content: null });
  if (!parsed.success) return null;
  const state: SavedScreenState = parsed.data;
  const shape = SavedScreenStateSchema.shape;
  const plan = shape.plan.safeParse(records.plan ?? null);
  const wordings = shape.wordings.safeParse(records.wordings ?? null);
  const content = shape.content.safeParse(records.content ?? null);
  return { ...state, plan: plan.success ? plan.data : null, wordings: wordings.success ? wordings.data : null, content: content.success ? content.data : null };
}

export class ScreenStateSaver {
  readonly #screenId: string;
  readonly #openStore: () => Promise<ScreenStateStore>;
  readonly #storage: Storage | null;
  readonly #schedule: (run: () => void) => void;
  readonly #timeoutMs: number;
  /** Null until loaded, and for good where IndexedDB is missing or failed to answer: then localStorage keeps the state. */
  #store: ScreenStateStore | null = null;
  /** What IndexedDB holds now, as far as this page knows (null: nothing, or unknown). */
  #written: SavedScreenState | null = null;
  /** A localStorage copy to remove once IndexedDB holds the state. */
  #localCopy = false;
  #pending: SavedScreenState | null = null;
  #pendingDurability: IDBTransactionDurability = 'relaxed';
  #running = false;
  #stopped = false;
  #idle: (() => void)[] = [];

  constructor(screenId: string, options: ScreenStateSaverOptions = {}) {
    this.#screenId = screenId;
    this.#openStore = options.openStore ?? openScreenStateStore;
    this.#storage = options.storage === undefined ? pageStorage() : options.storage;
    this.#schedule = options.schedule ?? ((run) => setTimeout(run, 0));
    this.#timeoutMs = options.timeoutMs ?? STORE_TIMEOUT_MS;
  }

  /** The last saved state (empty if none). Call once, before the first save. */
  async load(): Promise<SavedScreenState> {
    const local = this.#storage ? loadLocalScreenState(this.#screenId, this.#storage) : null;
    let stored: SavedScreenState | null;
    try {
      const opened = (async () => {
        const store = await this.#openStore();
        return { store, records: await store.read(this.#screenId) };
      })();
      const { store, records } = await withTimeout(opened, this.#timeoutMs);
      this.#store = store;
      stored = stateFromRecords(records);
    } catch (error) {
      console.warn('IndexedDB is not available; the screen keeps its state in localStorage:', error);
      return local ?? emptyScreenState();
    }
    this.#localCopy = local !== null;
    // A localStorage copy is newer only if written by an older app version (before IndexedDB) or while IndexedDB
    // failed; a leftover from a finished move is older (its removal may not have reached the disk before a crash).
    if (local && (stored === null || (local.lastContactAt ?? 0) > (stored.lastContactAt ?? 0))) {
      this.save(local);
      return local;
    }
    if (this.#localCopy) this.#dropLocalCopy();
    this.#written = stored;
    return stored ?? emptyScreenState();
  }

  /**
   * Keep `state`; returns at once. Only the newest state waiting matters. 'relaxed' is for a change that may be lost
   * to a power cut (the time of last contact alone), sparing the disk a flush every heartbeat.
   */
  save(state: SavedScreenState, durability: IDBTransactionDurability = 'strict'): void {
    if (this.#stopped) return;
    // A state replaced before it was written still needs the strictest durability any of them asked for.
    if (this.#pending === null || durability === 'strict') this.#pendingDurability = durability;
    this.#pending = state;
    if (this.#running) return;
    this.#running = true;
    this.#schedule(() => void this.#drain());
  }

  /** Write nothing more (the screen is being forgotten); a write already under way still completes. */
  stop(): void {
    this.#stopped = true;
    this.#pending = null;
  }

  /** Settles once no write is under way or waiting. */
  idle(): Promise<void> {
    return this.#running ? new Promise((resolve) => this.#idle.push(resolve)) : Promise.resolve();
  }

  async #drain(): Promise<void> {
    while (this.#pending !== null) {
      const state = this.#pending;
      this.#pending = null;
      await this.#write(state, this.#pendingDurability);
    }
    this.#running = false;
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  async #write(state: SavedScreenState, durability: IDBTransactionDurability): Promise<void> {
    if (this.#store === null) {
      if (this.#storage) saveLocalScreenState(this.#screenId, state, this.#storage);
      return;
    }
    try {
      await this.#store.write(this.#screenId, recordsToWrite(state, this.#written), durability);
      this.#written = state;
      if (this.#localCopy) this.#dropLocalCopy();
    } catch (error) {
      // The transaction wrote nothing: what IndexedDB holds is unchanged, and localStorage keeps the state meanwhile.
      console.warn('Could not save the screen state in IndexedDB; keeping it in localStorage:', error);
      if (this.#storage) {
        saveLocalScreenState(this.#screenId, state, this.#storage);
        this.#localCopy = true;
      }
    }
  }

  #dropLocalCopy(): void {
    if (this.#storage) clearLocalScreenState(this.#screenId, this.#storage);
    this.#localCopy = false;
  }
}

/** Forget one screen's saved state, in IndexedDB and localStorage; the other screens of the profile keep theirs. */
export async function clearSavedScreenState(screenId: string, options: Pick<ScreenStateSaverOptions, 'openStore' | 'storage' | 'timeoutMs'> = {}): Promise<void> {
  const storage = options.storage === undefined ? pageStorage() : options.storage;
  if (storage) clearLocalScreenState(screenId, storage);
  try {
    const store = await withTimeout((options.openStore ?? openScreenStateStore)(), options.timeoutMs ?? STORE_TIMEOUT_MS);
    await withTimeout(store.clear(screenId), options.timeoutMs ?? STORE_TIMEOUT_MS);
  } catch (error) {
    console.warn('Could not remove the screen state from IndexedDB:', error);
  }
}
