import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

  // Linux schedules threads one by one: the hashing thread runs at the lowest priority, so that a flood of logins
  // takes only the CPU the event loop (a Lockdown) leaves.
  it.runIf(existsSync('/proc/thread-self'))('hash on a thread that yields the CPU to the rest of the hub', async () => {
    await hashPassword('any password');
    const niceOf = (task: string) => {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const nices = readdirSync('/proc/self/task').map(niceOf);
    expect(nices).toContain(19);
    expect(niceOf(String(process.pid))).toBe(0);
  });
});

describe('login throttle', () => {
  /** n failed tries (each counted as it starts), and what the next one is told. */
  const fail = (throttle: LoginThrottle, n: number, username: string, address: string, known = false) => {
    for (let i = 0; i < n; i++) expect(throttle.begin(username, address, known).ok).toBe(true);
  };

  it('locks an address and an account after the limit, and unlocks after the lock time', () => {
    let now = 0;
    const throttle = new LoginThrottle({ maxFailures: 3, lockMs: 60_000, now: () => now });
    fail(throttle, 3, 'office', '10.0.0.1');
    expect(throttle.begin('office', '10.0.0.1', false)).toEqual({ ok: false, reason: 'address', retryAfterMs: 60_000 });
    expect(throttle.begin('OFFICE', '10.0.0.9', false)).toEqual({ ok: false, reason: 'account', retryAfterMs: 60_000 }); // same user, other address
    expect(throttle.begin('admin', '10.0.0.1', false)).toMatchObject({ ok: false, reason: 'address' }); // same address, other user
    expect(throttle.begin('admin', '10.0.0.9', false).ok).toBe(true);
    now = 60_001;
    fail(throttle, 2, 'office', '10.0.0.1'); // the count started over
    expect(throttle.begin('office', '10.0.0.1', false).ok).toBe(true);
    expect(throttle.begin('office', '10.0.0.1', false).ok).toBe(false);
  });

  it('counts a try when it starts: however many start at once, no more than the limit are let through', () => {
    const throttle = new LoginThrottle({ maxFailures: 5, lockMs: 60_000, now: () => 0 });
    const started = Array.from({ length: 60 }, () => throttle.begin('office', '10.0.0.1', false));
    expect(started.filter((s) => s.ok)).toHaveLength(5);
  });

  it('lets a device that logged in before through the account lock, but not through its own address lock', () => {
    const throttle = new LoginThrottle({ maxFailures: 3, lockMs: 60_000, now: () => 0 });
    // Someone guesses from many addresses: the account locks for devices it does not know.
    for (const address of ['10.6.6.1', '10.6.6.2', '10.6.6.3']) fail(throttle, 1, 'office', address);
    expect(throttle.begin('office', '10.0.0.5', false)).toMatchObject({ ok: false, reason: 'account' });
    expect(throttle.begin('office', '10.0.0.5', true).ok).toBe(true);
    // The right password from the known device does not reopen the account to the guesser.
    throttle.succeeded('office', '10.0.0.5');
    expect(throttle.begin('office', '10.6.6.9', false)).toMatchObject({ ok: false, reason: 'account' });
    // A known device guessing is stopped by its own address's count.
    fail(throttle, 3, 'office', '10.0.0.7', true);
    expect(throttle.begin('office', '10.0.0.7', true)).toMatchObject({ ok: false, reason: 'address' });
  });

  it('slows failed logins down before locking: none for a first typo, then doubling', () => {
    const throttle = new LoginThrottle({ maxFailures: 6, lockMs: 60_000, now: () => 0 });
    const delays: number[] = [];
    const left: number[] = [];
    for (let i = 0; i < 5; i++) {
      throttle.begin('office', '10.0.0.1', false);
      delays.push(throttle.failureDelayMs('office', '10.0.0.1'));
      left.push(throttle.attemptsLeft('office', '10.0.0.1'));
    }
    expect(delays).toEqual([0, 250, 500, 1000, 2000]);
    expect(left).toEqual([5, 4, 3, 2, 1]);
    expect(throttle.failureDelayMs('someone-else', '10.0.0.1')).toBe(2000); // the address is slowed too
    expect(throttle.failureDelayMs('someone-else', '10.9.9.9')).toBe(0);
  });

  it("forgets an address's failures after a success", () => {
    const throttle = new LoginThrottle({ maxFailures: 2, lockMs: 1000 });
    fail(throttle, 1, 'office', 'a');
    throttle.succeeded('office', 'a');
    fail(throttle, 1, 'office', 'a');
    expect(throttle.begin('office', 'a', false).ok).toBe(true);
  });
});
