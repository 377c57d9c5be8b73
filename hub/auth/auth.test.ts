import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('verify the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', 'garbage')).toBe(false);
  });
});

describe('login throttle', () => {
  it('locks a user after the limit, per address too, and unlocks after the lock time', () => {
    let now = 0;
    const throttle = new LoginThrottle({ maxFailures: 3, lockMs: 60_000, now: () => now });
    for (let i = 0; i < 2; i++) throttle.recordFailure('office', '10.0.0.1');
    expect(throttle.retryAfterMs('office', '10.0.0.1')).toBe(0);
    throttle.recordFailure('office', '10.0.0.1');
    expect(throttle.retryAfterMs('office', '10.0.0.1')).toBe(60_000);
    expect(throttle.retryAfterMs('OFFICE', '10.0.0.9')).toBe(60_000); // same user, other address
    expect(throttle.retryAfterMs('admin', '10.0.0.1')).toBe(60_000); // same address, other user
    expect(throttle.retryAfterMs('admin', '10.0.0.9')).toBe(0);
    now = 60_001;
    expect(throttle.retryAfterMs('office', '10.0.0.1')).toBe(0);
    throttle.recordFailure('office', '10.0.0.1');
    expect(throttle.retryAfterMs('office', '10.0.0.1')).toBe(0); // the count started over
  });

  it('slows failed logins down before locking: none for a first typo, then doubling', () => {
    const throttle = new LoginThrottle({ maxFailures: 6, lockMs: 60_000, now: () => 0 });
    const delays: number[] = [];
    const left: number[] = [];
    for (let i = 0; i < 5; i++) {
      throttle.recordFailure('office', '10.0.0.1');
      delays.push(throttle.failureDelayMs('office', '10.0.0.1'));
      left.push(throttle.attemptsLeft('office', '10.0.0.1'));
    }
    expect(delays).toEqual([0, 250, 500, 1000, 2000]);
    expect(left).toEqual([5, 4, 3, 2, 1]);
    expect(throttle.failureDelayMs('someone-else', '10.0.0.1')).toBe(2000); // the address is slowed too
    expect(throttle.failureDelayMs('someone-else', '10.9.9.9')).toBe(0);
  });

  it('forgets failures after a success', () => {
    const throttle = new LoginThrottle({ maxFailures: 2, lockMs: 1000 });
    throttle.recordFailure('office', 'a');
    throttle.recordSuccess('office', 'a');
    throttle.recordFailure('office', 'a');
    expect(throttle.retryAfterMs('office', 'a')).toBe(0);
  });
});
