// Slows down password guessing: after repeated failures from an address or for an account, refuse logins for a while.
//
// A try is counted when it starts, before its password is checked, so concurrent guesses cannot all pass the check
// before any failure is recorded: at most `maxFailures` tries are ever checked per address or account in a lock
// period. A browser that has logged in to the account before (it holds a known-device cookie) is exempt from the
// account's lock: someone guessing from elsewhere cannot lock the front office out of its own console. Its address
// is still counted like any other.
export interface LoginThrottleOptions {
  maxFailures: number;
  lockMs: number;
  now?: () => number;
}

interface Failures {
  count: number;
  lockedUntil: number;
}

/** Why a try was refused: too many failures from this address, or for this account (from devices it does not know). */
export type LockReason = 'address' | 'account';

export type TryStart = { ok: true } | { ok: false; reason: LockReason; retryAfterMs: number };

export class LoginThrottle {
  readonly #failures = new Map<string, Failures>();
  readonly #options: Required<LoginThrottleOptions>;

  constructor(options: LoginThrottleOptions) {
    if (options.maxFailures < 1 || options.lockMs < 0) throw new Error('LoginThrottle: invalid options');
    this.#options = { now: Date.now, ...options };
  }

  /**
   * Start a try: refused while the address (or, from an unknown device, the account) is locked; otherwise counted
   * as a failure at once, in the same synchronous step, until `succeeded` says otherwise.
   */
  begin(username: string, address: string, knownDevice: boolean): TryStart {
    const now = this.#options.now();
    const locks: [LockReason, string][] = [['address', addressKey(address)]];
    if (!knownDevice) locks.push(['account', userKey(username)]);
    for (const [reason, key] of locks) {
      const entry = this.#failures.get(key);
      if (entry && entry.lockedUntil > now) return { ok: false, reason, retryAfterMs: entry.lockedUntil - now };
    }
    for (const key of [userKey(username), addressKey(address)]) {
      const entry = this.#failures.get(key) ?? { count: 0, lockedUntil: 0 };
      if (entry.lockedUntil !== 0 && entry.lockedUntil <= now) entry.count = 0;
      entry.count += 1;
      entry.lockedUntil = entry.count >= this.#options.maxFailures ? now + this.#options.lockMs : 0;
      this.#failures.set(key, entry);
    }
    return { ok: true };
  }

  /**
   * The try's password was right: its address starts afresh, and so does the account unless it is locked (a right
   * password from a known device does not reopen the account to whoever was guessing).
   */
  succeeded(username: string, address: string): void {
    this.#failures.delete(addressKey(address));
    const account = this.#failures.get(userKey(username));
    if (account && account.lockedUntil <= this.#options.now()) this.#failures.delete(userKey(username));
  }

  /** The try was never judged (the hub was too busy to check the password): it does not count. */
  abandon(username: string, address: string): void {
    for (const key of [userKey(username), addressKey(address)]) {
      const entry = this.#failures.get(key);
      if (!entry) continue;
      entry.count = Math.max(0, entry.count - 1);
      if (entry.count < this.#options.maxFailures) entry.lockedUntil = 0;
    }
  }

  /**
   * How long to hold the answer to a failed login: nothing for a first typo, then doubling (250 ms, 500 ms,
   * 1 s...) up to the lock, so guessing gets slow long before it gets locked.
   */
  failureDelayMs(username: string, address: string): number {
    const count = this.#count(username, address);
    return count <= 1 ? 0 : Math.min(4000, 250 * 2 ** (count - 2));
  }

  /** Failed logins left before this user or address is locked (0 when locked). */
  attemptsLeft(username: string, address: string): number {
    return Math.max(0, this.#options.maxFailures - this.#count(username, address));
  }

  get lockSeconds(): number {
    return Math.round(this.#options.lockMs / 1000);
  }

  #count(username: string, address: string): number {
    return Math.max(...[userKey(username), addressKey(address)].map((key) => this.#failures.get(key)?.count ?? 0));
  }
}

const userKey = (username: string) => `user:${username.toLowerCase()}`;
const addressKey = (address: string) => `from:${address}`;
