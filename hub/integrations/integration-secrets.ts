// An integration's secret, made once and shown once: a Standard Webhooks signing secret ("whsec_" + base64 of 32
// random bytes), or a bearer key kept only as a SHA-256 hash. Both are high-entropy random strings, so a fast hash is
// right for the key (as for screens' device tokens): an event must never wait behind password hashing.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const SIGNING_PREFIX = 'whsec_';
const BEARER_PREFIX = 'muster_';

export function newSigningSecret(): string {
  return `${SIGNING_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The HMAC key a "whsec_…" secret stands for: the bytes its base64 part encodes. */
export function signingKeyOf(secret: string): Buffer {
  return Buffer.from(secret.slice(SIGNING_PREFIX.length), 'base64');
}

export function newBearerKey(): { key: string; keyHash: string } {
  const key = `${BEARER_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, keyHash: hashBearerKey(key) };
}

export function hashBearerKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Constant-time: how much of a guessed key is right must not show in the response time. */
export function bearerKeyMatches(key: string, keyHash: string): boolean {
  const given = Buffer.from(hashBearerKey(key), 'hex');
  const stored = Buffer.from(keyHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
