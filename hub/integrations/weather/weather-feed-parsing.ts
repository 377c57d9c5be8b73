// Reads a weather feed on a thread of its own (weather-feed-worker.mjs), never on the event loop: a national NWS feed
// (~300 KB) takes 100-300 ms to check and read here, and a Lockdown must never wait behind it. One thread, started on
// first use and kept while the feed is polled (it stops when idle longer than a poll or two).
import { Piscina } from 'piscina';
import type { FeedReading } from './weather-feed-reader.mjs';

/** A feed that takes longer to read than this is refused as too complex (and its thread replaced). */
const READ_TIME_LIMIT_MS = 20_000;

let pool: Piscina | null = null;

function readingThread(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./weather-feed-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    // Polls never overlap; a second one waiting is a poll-now while one is read.
    maxQueue: 2,
    idleTimeout: 150_000,
    resourceLimits: { maxOldGenerationSizeMb: 256 },
    // Plain JavaScript: no TypeScript loader to start (it would cost ~100 ms of the thread's start).
    execArgv: [],
  });
  return pool;
}

export async function readFeedOffTheLoop(xml: string): Promise<FeedReading> {
  try {
    return (await readingThread().run({ xml }, { signal: AbortSignal.timeout(READ_TIME_LIMIT_MS) })) as FeedReading;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: /abort|timeout/i.test(message) ? 'The feed took too long to read, so it was not read.' : `The feed could not be read: ${message}` };
  }
}
