// Slows down password guessing: after repeated failures for a username or an address, refuse logins for a while.
export interface LoginThrottleOptions {
  maxFailures: number;
  lockMs: number;
  now?: () => number;
}

interface Failures {
  count: number;
  lockedUntil: number;
}

export class LoginThrottle {
  readonly #failures = new Map<string, Failures>();
  readonly #options: Required<LoginThrottleOptions>;

  constructor(options: LoginThrottleOptions) {
    if (options.maxFailures < 1 || options.lockMs < 0) throw new Error('LoginThrottle: invalid options');
    this.#options = { now: Date.now, ...options };
  }

  /** Milliseconds until a login for this user from this address may be tried, 0 when allowed now. */
  retryAfterMs(username: string, address: string): number {
    const now = this.#options.now();
    let wait = 0;
    for (const key of [`user:${username.toLowerCase()}`, `from:${address}`]) {
      const entry = this.#failures.get(key);
      if (entry && entry.lockedUntil > now) wait = Math.max(wait, entry.lockedUntil - now);
    }
    return wait;
  }

  /**
   * How long to hold the answer to a failed login: nothing for a first typo, then doubling (250 ms, 500 ms,
   * 1 s...) up to the lock, so guessing gets slow long before it gets locked.
   */
  failureDelayMs(username: string, address: string): number {
    const count = Math.max(...[`user:${username.toLowerCase()}`, `from:${address}`].map((key) => this.#failures.get(key)?.count ?? 0));
    return count <= 1 ? 0 : Math.min(4000, 250 * 2 ** (count - 2));
  }

  /** Failed logins left before this user or address is locked (0 when locked). */
  attemptsLeft(username: string, address: string): number {
    const count = Math.max(...[`user:${username.toLowerCase()}`, `from:${address}`].map((key) => this.#failures.get(key)?.count ?? 0));
    return Math.max(0, this.#options.maxFailures - count);
  }

  get lockSeconds(): number {
    return Math.round(this.#options.lockMs / 1000);
  }

  recordFailure(username: string, address: string): void {
    const now = this.#options.now();
    for (const key of [`user:${username.toLowerCase()}`, `from:${address}`]) {
      const entry = this.#failures.get(key) ?? { count: 0, lockedUntil: 0 };
      if (entry.lockedUntil !== 0 && entry.lockedUntil <= now) entry.count = 0;
      entry.count += 1;
      entry.lockedUntil = entry.count >= this.#options.maxFailures ? now + this.#options.lockMs : 0;
      this.#failures.set(key, entry);
    }
  }

  recordSuccess(username: string, address: string): void {
    this.#failures.delete(`user:${username.toLowerCase()}`);
    this.#failures.delete(`from:${address}`);
  }
}
