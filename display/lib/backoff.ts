// Reconnect delays: capped exponential backoff with jitter, so a thousand screens do not stampede a restarted hub.

export interface BackoffOptions {
  /** The first retry's ceiling. */
  baseMs: number;
  /** No retry ever waits longer than this. */
  maxMs: number;
}

export const SCREEN_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 10_000 };

/**
 * The delay before retry number `attempt` (0 for the first): a random point in the upper half of
 * min(maxMs, baseMs·2^attempt). The lower bound keeps a retry from coming instantly after a failure; the
 * random upper half spreads screens that lost the hub at the same moment over the whole window.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  if (options.baseMs <= 0 || options.maxMs < options.baseMs) throw new Error('backoffDelay: need 0 < baseMs <= maxMs');
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
