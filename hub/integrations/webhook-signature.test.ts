import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkWebhookSignature } from './webhook-signature.ts';

// A vector computed here with node:crypto alone, following the Standard Webhooks specification, not the hub's code.
const keyBytes = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
const secret = `whsec_${keyBytes.toString('base64')}`;
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const timestamp = '1614265330';
const body = '{"type":"start","mode":"lockdown","scope":{"kind":"site"},"drill":true}';
const signature = `v1,${createHmac('sha256', keyBytes).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
const at = Number(timestamp) * 1000;

describe('checkWebhookSignature', () => {
  it('accepts a signature computed by the specification with node:crypto', () => {
    expect(checkWebhookSignature({ id, timestamp, signature }, body, secret, at)).toEqual({ ok: true, id });
  });

  it('accepts the right signature among several (a sender changing secrets signs with both)', () => {
    const other = `v1,${randomBytes(32).toString('base64')}`;
    expect(checkWebhookSignature({ id, timestamp, signature: `${other} ${signature}` }, body, secret, at).ok).toBe(true);
  });

  it('refuses a changed body, id or timestamp, another secret, and an unknown version', () => {
    const check = (headers: Partial<typeof base>, text = body, key = secret) => checkWebhookSignature({ ...base, ...headers }, text, key, at).ok;
    const base = { id, timestamp, signature };
    expect(check({}, body.replace('true', 'false'))).toBe(false);
    expect(check({ id: 'msg_other' })).toBe(false);
    expect(check({ timestamp: String(Number(timestamp) + 1) })).toBe(false);
    expect(check({}, body, `whsec_${randomBytes(24).toString('base64')}`)).toBe(false);
    expect(check({ signature: signature.replace('v1,', 'v2,') })).toBe(false);
    expect(check({ signature: 'v1,' })).toBe(false);
    expect(check({ signature: 'v1,short' })).toBe(false);
  });

  it('takes a timestamp within five minutes either way, and refuses one outside', () => {
    const within = (skewSeconds: number) => checkWebhookSignature({ id, timestamp, signature }, body, secret, at + skewSeconds * 1000);
    expect(within(299).ok).toBe(true);
    expect(within(-299).ok).toBe(true);
    expect(within(301)).toEqual({ ok: false, reason: expect.stringMatching(/301 s from the hub's clock/) });
    expect(within(-301).ok).toBe(false);
  });

  it('refuses missing headers and a timestamp that is not whole seconds', () => {
    expect(checkWebhookSignature({ id, timestamp: undefined, signature }, body, secret, at)).toEqual({ ok: false, reason: expect.stringMatching(/missing/) });
    expect(checkWebhookSignature({ id: undefined, timestamp, signature }, body, secret, at).ok).toBe(false);
    expect(checkWebhookSignature({ id, timestamp: '1614265330.5', signature }, body, secret, at).ok).toBe(false);
  });
});
