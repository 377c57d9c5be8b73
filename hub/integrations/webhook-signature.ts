// Checks a Standard Webhooks signature (https://www.standardwebhooks.com): webhook-signature holds one or more
// "v1,<base64 HMAC-SHA256>" separated by spaces, computed over "<webhook-id>.<webhook-timestamp>.<raw body>" with the
// key a "whsec_…" secret encodes; the timestamp (seconds since the epoch) must be within five minutes of the hub's
// clock, so a captured request cannot be sent again later.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKeyOf } from './integration-secrets.ts';

export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type SignatureCheck = { ok: true; id: string } | { ok: false; reason: string };

export function checkWebhookSignature(headers: WebhookHeaders, body: string, secret: string, nowMs: number): SignatureCheck {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'webhook-timestamp is not whole seconds since 1970' };
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: `webhook-timestamp is ${Math.round(skew)} s from the hub's clock (at most ${SIGNATURE_TOLERANCE_SECONDS} s)` };

  const expected = webhookHmac(id, timestamp, body, secret);
  // Several signatures are allowed so a sender can sign with an old and a new secret while it changes over.
  for (const part of signature.split(' ')) {
    const [version, value] = part.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true, id };
  }
  return { ok: false, reason: 'webhook-signature does not match' };
}

/** The HMAC-SHA256 over "<id>.<timestamp>.<body>" with the key the secret encodes. */
function webhookHmac(id: string, timestamp: string, body: string, secret: string): Buffer {
  return createHmac('sha256', signingKeyOf(secret)).update(`${id}.${timestamp}.${body}`).digest();
}

/** The signature header a sender computes (the outbound webhooks and the admin console's test sign this way). */
export function webhookSignature(id: string, timestamp: string, body: string, secret: string): string {
  return `v1,${webhookHmac(id, timestamp, body, secret).toString('base64')}`;
}
