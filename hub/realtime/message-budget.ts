// How many messages one connection may send: a token bucket refilled at a steady rate with room for a burst.
// A screen sends a hello, one receipt per change and a ping every few seconds; a flood is not a screen.

export interface MessageBudgetOptions {
  perSecond: number;
  burst: number;
}

export const DEFAULT_MESSAGE_BUDGET: MessageBudgetOptions = { perSecond: 20, burst: 40 };

export class MessageBudget {
  #tokens: number;
  #last: number;

  constructor(
    private readonly options: MessageBudgetOptions,
    now: number,
  ) {
    if (options.perSecond <= 0 || options.burst < 1) throw new Error('MessageBudget: perSecond and burst must be positive');
    this.#tokens = options.burst;
    this.#last = now;
  }

  /** Spend one message; false when the connection is over its budget. */
  take(now: number): boolean {
    this.#tokens = Math.min(this.options.burst, this.#tokens + ((now - this.#last) / 1000) * this.options.perSecond);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
