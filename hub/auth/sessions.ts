// Login sessions: a random cookie value, stored only as its hash; idle and absolute timeouts.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../shared/model.ts';
import type { Store } from '../store/store.ts';

export const SESSION_COOKIE = 'muster_session';

export interface SessionUser {
  username: string;
  role: Role;
}

export interface SessionOptions {
  idleMs: number;
  maxAgeMs: number;
  now?: () => number;
}

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export class Sessions {
  // Last activity stays in memory: writing the store on every request would be wasteful. After a restart
  // every session counts as active from the restart, which only ever extends it by one idle period.
  readonly #lastActive = new Map<string, number>();
  readonly #now: () => number;

  constructor(
    private readonly store: Store,
    private readonly options: SessionOptions,
  ) {
    this.#now = options.now ?? Date.now;
  }

  async create(username: string): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const idHash = hashId(id);
    const now = this.#now();
    await this.store.update((data) => {
      // Drop expired sessions while we are writing anyway.
      data.sessions = data.sessions.filter((s) => Date.parse(s.createdAt) + this.options.maxAgeMs > now);
      data.sessions.push({ idHash, username, createdAt: new Date(now).toISOString() });
    });
    this.#lastActive.set(idHash, now);
    return id;
  }

  /** The user of a session cookie value, or null when unknown, expired, or the user is disabled. */
  resolve(id: string | undefined): SessionUser | null {
    if (!id) return null;
    const idHash = hashId(id);
    const session = this.store.data.sessions.find((s) => s.idHash === idHash);
    if (!session) return null;
    const now = this.#now();
    const lastActive = this.#lastActive.get(idHash) ?? now;
    if (now - Date.parse(session.createdAt) > this.options.maxAgeMs || now - lastActive > this.options.idleMs) {
      return null;
    }
    const user = this.store.data.users.find((u) => u.username === session.username);
    if (!user || user.disabled) return null;
    this.#lastActive.set(idHash, now);
    return { username: user.username, role: user.role };
  }

  /** End every session of a user (after a password change): on every device, at once. */
  async destroyAllOf(username: string): Promise<void> {
    await this.store.update((data) => {
      data.sessions = data.sessions.filter((s) => s.username !== username);
    });
  }

  async destroy(id: string | undefined): Promise<void> {
    if (!id) return;
    const idHash = hashId(id);
    this.#lastActive.delete(idHash);
    if (!this.store.data.sessions.some((s) => s.idHash === idHash)) return;
    await this.store.update((data) => {
      data.sessions = data.sessions.filter((s) => s.idHash !== idHash);
    });
  }
}
