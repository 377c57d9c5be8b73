import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../auth/login-throttle.ts';
import { hashPassword } from '../auth/passwords.ts';
import { Sessions } from '../auth/sessions.ts';
import type { AuditEntry, AuditLog } from '../store/audit-log.ts';
import type { MainData, Store } from '../store/store.ts';
import { LoginThrottledError, createAccountOperations, createFirstUsers } from './accounts.ts';

/** Users and sessions in memory; every write lands at once. */
async function setUp(options: { disabled?: boolean } = {}) {
  const data = {
    users: [{ username: 'office', role: 'office', passwordHash: await hashPassword('office-pass-123'), disabled: options.disabled ?? false, createdAt: '2026-01-01T00:00:00Z' }],
    sessions: [],
  } as unknown as MainData;
  const store = { data, update: async (mutate: (draft: MainData) => unknown) => mutate(data) } as unknown as Store;
  const entries: AuditEntry[] = [];
  const audit = { append: async (entry: AuditEntry) => void entries.push(entry) } as unknown as AuditLog;
  const waited: number[] = [];
  const ended: string[] = [];
  const sessions = new Sessions(store, { idleMs: 3600_000, maxAgeMs: 7 * 24 * 3600_000, maxAgeByRole: { office: 14 * 3600_000 } });
  const accounts = createAccountOperations({
    store,
    audit,
    sessions,
    throttle: new LoginThrottle({ maxFailures: 4, lockMs: 60_000 }),
    endConsoles: (username) => ended.push(username),
    endSessionConsoles: (key) => ended.push(`session ${key}`),
    wait: async (ms) => void waited.push(ms),
  });
  return { store, data, entries, waited, ended, accounts };
}

describe('accounts', () => {
  it('log in: failures are audited and held back longer each time (without real waiting), then locked', async () => {
    const { accounts, entries, waited } = await setUp();
    const messages: string[] = [];
    for (let i = 0; i < 4; i++) messages.push(await accounts.login('office', 'wrong-password', '10.0.0.7').then(() => 'logged in', (error: Error) => error.message));
    expect(waited).toEqual([0, 250, 500, 1000]);
    expect(messages[1]).toMatch(/2 more tries before logins are locked for 60 seconds/);
    expect(entries.map((e) => [e.action, e.who, e.role, e.from])).toEqual(Array(4).fill(['session.login-failed', 'office', 'system', '10.0.0.7']));
    const locked = await accounts.login('office', 'office-pass-123', '10.0.0.7').catch((error: unknown) => error);
    expect(locked).toBeInstanceOf(LoginThrottledError);
    expect((locked as LoginThrottledError).retryAfterSeconds).toBe(60);
  });

  it('log in: a school day for the office, audited; a disabled account says so only to whoever knows its password', async () => {
    const { accounts, entries } = await setUp();
    const started = await accounts.login('office', 'office-pass-123', '10.0.0.7');
    expect(started.info).toMatchObject({ user: { username: 'office', role: 'office' }, idleMinutes: 60 });
    expect(Date.parse(started.info.expiresAt) - Date.now()).toBeGreaterThan(14 * 3600_000 - 5000);
    expect(accounts.session(started.grant.id)?.user.username).toBe('office');
    expect(entries.at(-1)).toMatchObject({ action: 'session.login', who: 'office', role: 'office' });
    expect(entries.at(-1)?.detail).toBeUndefined();

    const disabled = await setUp({ disabled: true });
    await expect(disabled.accounts.login('office', 'office-pass-123', 'a')).rejects.toThrow(/disabled/);
    await expect(disabled.accounts.login('office', 'wrong-password', 'b')).rejects.toThrow(/^Wrong username or password/);
  });

  it('change your own password: checked by the rule first, then one write that ends every session and starts this one', async () => {
    const { accounts, data, ended, entries } = await setUp();
    const first = await accounts.login('office', 'office-pass-123', 'a');
    const second = await accounts.login('office', 'office-pass-123', 'b');
    const actor = { username: 'office', role: 'office' as const, from: 'a' };
    await expect(accounts.changeOwnPassword(actor, 'office-pass-123', 'short')).rejects.toThrow(/use at least 10 characters/);
    await expect(accounts.changeOwnPassword(actor, 'office-pass-123', 'office-pass-123')).rejects.toThrow(/must differ/);
    expect(ended).toEqual([]);

    const changed = await accounts.changeOwnPassword(actor, 'office-pass-123', 'office-pass-456');
    expect(ended).toEqual(['office']);
    expect([accounts.session(first.grant.id), accounts.session(second.grant.id)]).toEqual([null, null]);
    expect(accounts.session(changed.grant.id)?.user).toEqual({ username: 'office', role: 'office' });
    expect(data.sessions).toHaveLength(1);
    expect(entries.at(-1)).toMatchObject({ action: 'user.password-changed', who: 'office', from: 'a' });
  });

  it('the first users: made once, from the environment when given, and refused when a given password breaks the rule', async () => {
    const { store, data, entries } = await setUp();
    data.users = [];
    const created = await createFirstUsers({ store, audit: { append: async (e: AuditEntry) => void entries.push(e) } as unknown as AuditLog }, { admin: 'admin-pass-123', office: null });
    expect(created.map((u) => [u.username, u.generated])).toEqual([
      ['admin', false],
      ['office', true],
    ]);
    expect(created[1]!.password.length).toBeGreaterThanOrEqual(10);
    expect(await createFirstUsers({ store, audit: { append: async () => undefined } as unknown as AuditLog }, { admin: null, office: null })).toEqual([]);
    expect(entries.filter((e) => e.action === 'user.created').map((e) => [e.who, e.detail])).toEqual([
      ['system', 'admin (admin)'],
      ['system', 'office (office)'],
    ]);
    data.users = [];
    await expect(createFirstUsers({ store, audit: { append: async () => undefined } as unknown as AuditLog }, { admin: 'short', office: null })).rejects.toThrow(
      /admin: use at least 10 characters/,
    );
  });
});
