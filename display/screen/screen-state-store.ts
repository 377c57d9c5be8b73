// Where a wall screen's last state lives on disk: one IndexedDB database, written in strict-durability transactions.
// Chromium writes localStorage to disk late (a Lockdown 30 s old was lost to a kill, once even to a clean exit);
// a strict IndexedDB transaction completes only once the browser has flushed it.

/** The emergency part (seq, modes, hazards, profile…) is small and written on every change; the others only when they change. */
export const SCREEN_STATE_PARTS = ['core', 'plan', 'wordings', 'content'] as const;
export type ScreenStatePart = (typeof SCREEN_STATE_PARTS)[number];
/** One screen's records, as stored (validated by the reader, not here). */
export type ScreenStateRecords = Partial<Record<ScreenStatePart, unknown>>;

export interface ScreenStateStore {
  /** This screen's records; none at all when it has never saved anything here. */
  read(screenId: string): Promise<ScreenStateRecords>;
  /** Put these records, together or not at all; 'strict' completes only once they are on disk. */
  write(screenId: string, records: ScreenStateRecords, durability: IDBTransactionDurability): Promise<void>;
  /** Remove this screen's records; the other screens of the profile keep theirs. */
  clear(screenId: string): Promise<void>;
}

const DATABASE = 'muster-screen';
const STORE = 'screen-state';

/** Records are keyed [screenId, part]; an array sorts after every string, so this range holds one screen's records. */
const recordsOfScreen = (screenId: string) => IDBKeyRange.bound([screenId], [screenId, []]);

function completion(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

class IndexedScreenStateStore implements ScreenStateStore {
  constructor(private readonly database: IDBDatabase) {}

  async read(screenId: string): Promise<ScreenStateRecords> {
    const transaction = this.database.transaction(STORE, 'readonly');
    const store = transaction.objectStore(STORE);
    const requests = SCREEN_STATE_PARTS.map((part) => [part, store.get([screenId, part])] as const);
    await completion(transaction);
    const records: ScreenStateRecords = {};
    for (const [part, request] of requests) if (request.result !== undefined) records[part] = request.result;
    return records;
  }

  async write(screenId: string, records: ScreenStateRecords, durability: IDBTransactionDurability): Promise<void> {
    const transaction = this.database.transaction(STORE, 'readwrite', { durability });
    const store = transaction.objectStore(STORE);
    for (const part of SCREEN_STATE_PARTS) if (part in records) store.put(records[part], [screenId, part]);
    await completion(transaction);
  }

  async clear(screenId: string): Promise<void> {
    const transaction = this.database.transaction(STORE, 'readwrite', { durability: 'strict' });
    transaction.objectStore(STORE).delete(recordsOfScreen(screenId));
    await completion(transaction);
  }
}

/** Opens the database; rejects where IndexedDB is missing or refused (then the caller keeps to localStorage). */
export function openScreenStateStore(): Promise<ScreenStateStore> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused to open'));
    request.onsuccess = () => {
      const database = request.result;
      // A newer app version in another tab may upgrade the database: let it, rather than block it.
      database.onversionchange = () => database.close();
      resolve(new IndexedScreenStateStore(database));
    };
  });
}
