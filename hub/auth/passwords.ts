// Salted password hashes with Node's built-in scrypt; the parameters travel with each hash.
//
// Hashing is deliberately slow (~50 ms of CPU), so it must never stand between the office and a Lockdown: it runs on
// one thread of its own (not on libuv's pool, where the store's disk writes wait, nor on the event loop), and only a
// few may wait for it; beyond that a login is refused at once with "busy" (429) rather than queued behind a flood.
import { randomBytes, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { Piscina } from 'piscina';
import { ApiError } from '../api-error.ts';

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
// N=2^15, r=8 needs 32 MiB; Node's default cap is exactly that, so allow a little more.
const MAX_MEMORY = 64 * 1024 * 1024;

/** Hashes waiting for the thread beyond the one being computed: about half a second of work at most. */
export const MAX_WAITING_HASHES = 8;

let pool: Piscina | null = null;

/** One hashing thread, started on first use and stopped when idle, so a hub at rest holds none. */
function hashingThread(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./scrypt-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    maxQueue: MAX_WAITING_HASHES,
    idleTimeout: 30_000,
  });
  return pool;
}

async function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const thread = hashingThread();
  if (thread.queueSize >= MAX_WAITING_HASHES) throw busy();
  const key: Uint8Array = await thread.run({ password: password.normalize('NFKC'), salt, keyLength: KEY_LENGTH, options: { ...options, maxmem: MAX_MEMORY } }).catch((error: unknown) => {
    throw thread.queueSize >= MAX_WAITING_HASHES ? busy() : error;
  });
  return Buffer.from(key);
}

/** True while as many password checks wait as may: the next one would be refused (see login-shedding.ts). */
export function passwordChecksBusy(): boolean {
  return pool !== null && pool.queueSize >= MAX_WAITING_HASHES;
}

/** Too many passwords waiting to be checked: the client may come back in a couple of seconds (Retry-After). */
export class HashingBusyError extends ApiError {
  readonly retryAfterSeconds = 2;
  constructor() {
    super('rate_limited', 'The hub is checking many passwords right now. Try again in a few seconds.');
  }
}

function busy(): HashingBusyError {
  return new HashingBusyError();
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A password that is hashed anyway when the user does not exist, so timing does not reveal usernames. */
export const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
