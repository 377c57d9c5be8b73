// Login sessions: a random cookie value, stored only as its hash; an idle timeout and a maximum age per role.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../shared/model.ts';
import type { JsonDocument } from '../store/json-document.ts';
import { lookupBy } from '../store/lookup-by.ts';
import type { SessionActivity } from '../store/session-activity.ts';
import type { MainData, Store, StoredSession } from '../store/store.ts';

export const SESSION_COOKIE = 'muster_session';

export interface SessionUser {
  username: string;
  role: Role;
}

export interface SessionOptions {
  idleMs: number;
  /** How long a session may last from login, whatever its use. */
  maxAgeMs: number;
  /** A different maximum age for some roles: the office's session lasts a school day. */
  maxAgeByRole?: Partial<Record<Role, number>>;
  now?: () => number;
  /** Where last activity is kept across restarts (store/session-activity.ts); without it, only in memory. */
  activity?: JsonDocument<SessionActivity>;
  /** How long activity may wait in memory before it is written; a crash loses at most this much, which only shortens sessions. */
  saveActivityEveryMs?: number;
  logError?: (message: string) => void;
}

/** A session just started: the cookie value (shown to the browser once) and when the session ends. */
export interface SessionGrant {
  id: string;
  expiresAt: number;
  maxAgeMs: number;
}

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export class Sessions {
  // Last activity is kept in memory and written to a file of its own at most every saveActivityEveryMs (writing on
  // every request would be wasteful), so a restart neither revives an idle session nor logs out a busy one. A session
  // with no activity written counts from its login.
  readonly #lastActive = new Map<string, number>();
  readonly #now: () => number;
  readonly #byIdHash = lookupBy((session: StoredSession) => session.idHash);
  #saveTimer: NodeJS.Timeout | null = null;
  #saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: SessionOptions,
  ) {
    this.#now = options.now ?? Date.now;
    for (const ms of [options.idleMs, options.maxAgeMs, ...Object.values(options.maxAgeByRole ?? {})]) {
      if (!(ms > 0)) throw new Error('Sessions: every timeout must be positive');
    }
    for (const [key, at] of Object.entries(options.activity?.data ?? {})) this.#lastActive.set(key, at);
  }

  get idleMs(): number {
    return this.options.idleMs;
  }

  maxAgeFor(role: Role): number {
    return this.options.maxAgeByRole?.[role] ?? this.options.maxAgeMs;
  }

  /** The longest any session may live, whatever its role: older ones can go. */
  get #longestMaxAge(): number {
    return Math.max(this.options.maxAgeMs, ...Object.values(this.options.maxAgeByRole ?? {}));
  }

  /**
   * Starts a session for `user` inside a store write (so it can share one write with a password change), dropping
   * sessions that have run out, by age or by idleness, while it is at it: the sessions file holds the live ones only.
   */
  startIn(draft: MainData, user: SessionUser): SessionGrant {
    const id = randomBytes(32).toString('base64url');
    const idHash = hashId(id);
    const now = this.#now();
    const longest = this.#longestMaxAge;
    draft.sessions = draft.sessions.filter((s) => {
      const createdAt = Date.parse(s.createdAt);
      return createdAt + longest > now && now - (this.#lastActive.get(s.idHash) ?? createdAt) <= this.options.idleMs;
    });
    draft.sessions.push({ idHash, username: user.username, createdAt: new Date(now).toISOString() });
    this.#touch(idHash, now);
    const maxAgeMs = this.maxAgeFor(user.role);
    return { id, expiresAt: now + maxAgeMs, maxAgeMs };
  }

  async create(user: SessionUser): Promise<SessionGrant> {
    return this.store.update((draft) => this.startIn(draft, user));
  }

  /** The user of a session cookie value, or null when unknown, expired, or the user is disabled. Counts as activity. */
  resolve(id: string | undefined): SessionUser | null {
    return this.describe(id)?.user ?? null;
  }

  /** Like `resolve`, with when the session ends at the latest (its role's maximum age from login). */
  describe(id: string | undefined): { user: SessionUser; expiresAt: number } | null {
    if (!id) return null;
    const idHash = hashId(id);
    const found = this.#current(idHash);
    if (found) this.#touch(idHash, this.#now());
    return found;
  }

  /** The key a live connection keeps for its session (the stored hash of the cookie value, never the value). */
  keyOf(id: string | undefined): string | null {
    return id ? hashId(id) : null;
  }

  /** Whether the session with this key still holds (the user is enabled, and it has not run out); not activity. */
  holds(key: string): boolean {
    return this.#current(key) !== null;
  }

  #current(idHash: string): { user: SessionUser; expiresAt: number } | null {
    const session = this.#byIdHash(this.store.data.sessions).get(idHash);
    if (!session) return null;
    const user = this.store.data.users.find((u) => u.username === session.username);
    if (!user || user.disabled) return null;
    const now = this.#now();
    const createdAt = Date.parse(session.createdAt);
    const lastActive = this.#lastActive.get(idHash) ?? createdAt;
    const expiresAt = createdAt + this.maxAgeFor(user.role);
    if (now > expiresAt || now - lastActive > this.options.idleMs) return null;
    return { user: { username: user.username, role: user.role }, expiresAt };
  }

  /** Ends every session of a user inside a store write (password change, reset, disable): on every device at once. */
  endAllIn(draft: MainData, username: string): void {
    draft.sessions = draft.sessions.filter((s) => s.username !== username);
  }

  async destroyAllOf(username: string): Promise<void> {
    await this.store.update((draft) => this.endAllIn(draft, username));
  }

  async destroy(id: string | undefined): Promise<void> {
    if (!id) return;
    const idHash = hashId(id);
    this.#lastActive.delete(idHash);
    if (!this.#byIdHash(this.store.data.sessions).has(idHash)) return;
    await this.store.update((data) => {
      data.sessions = data.sessions.filter((s) => s.idHash !== idHash);
    });
  }

  /** Writes the activity not yet written, and stops the timer (hub shutdown). */
  async close(): Promise<void> {
    if (this.#saveTimer) {
      clearTimeout(this.#saveTimer);
      this.#saveTimer = null;
      this.#saving = this.#saving.then(() => this.#save());
    }
    await this.#saving;
  }

  #touch(idHash: string, at: number): void {
    this.#lastActive.set(idHash, at);
    if (!this.options.activity || this.#saveTimer) return;
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = null;
      this.#saving = this.#saving.then(() => this.#save());
    }, this.options.saveActivityEveryMs ?? 60_000);
    this.#saveTimer.unref();
  }

  /** The activity of the sessions that still exist, in place of what the file held. */
  async #save(): Promise<void> {
    const live = new Set(this.store.data.sessions.map((s) => s.idHash));
    for (const key of this.#lastActive.keys()) if (!live.has(key)) this.#lastActive.delete(key);
    const activity = Object.fromEntries(this.#lastActive);
    try {
      await this.options.activity?.update((draft) => {
        for (const key of Object.keys(draft)) delete draft[key];
        Object.assign(draft, activity);
      });
    } catch (error) {
      (this.options.logError ?? console.error)(`Could not write when sessions were last used: ${(error as Error).message}`);
    }
  }
}
