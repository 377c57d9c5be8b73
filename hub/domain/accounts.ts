// Account operations of the person at the keyboard: log in, log out, change one's own password; and the first
// users of an empty hub. Each checks, writes durably, then audits; routes only carry cookies and JSON.
import { z } from 'zod';
import type { Role } from '../../shared/model.ts';
import type { SessionInfo } from '../../shared/session.ts';
import { NewPasswordSchema, OwnPasswordChangeSchema } from '../../shared/users.ts';
import { ApiError } from '../api-error.ts';
import type { LockReason, LoginThrottle } from '../auth/login-throttle.ts';
import { DUMMY_HASH, HashingBusyError, generatePassword, hashPassword, verifyPassword } from '../auth/passwords.ts';
import type { SessionGrant, SessionUser, Sessions } from '../auth/sessions.ts';
import type { AuditEntry, AuditLog } from '../store/audit-log.ts';
import type { Store, StoredUser } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { auditRecorder, durableWriter } from './change-kit.ts';

export interface AccountOperationsDeps {
  store: Store;
  audit: AuditLog;
  sessions: Sessions;
  throttle: LoginThrottle;
  /** Logs out the user's open consoles once their sessions have ended. */
  endConsoles: (username: string) => void;
  /** Logs out the consoles one session opened, once it has ended (by its key, Sessions.keyOf). */
  endSessionConsoles: (sessionKey: string) => void;
  now?: () => Date;
  logError?: (message: string) => void;
  /** Holds a failed login's answer; tests may make it instant. */
  wait?: (ms: number) => Promise<void>;
}

/** A login or password change that started a session: the cookie to set, and what the console is told. */
export interface StartedSession {
  grant: SessionGrant;
  info: SessionInfo;
}

/** A login refused because of too many failures; the route says when to come back (Retry-After). */
export class LoginThrottledError extends ApiError {
  constructor(
    readonly retryAfterSeconds: number,
    reason: LockReason,
    username: string,
  ) {
    super(
      'login_throttled',
      reason === 'address'
        ? `Too many failed logins from this computer. Try again in ${retryAfterSeconds} seconds.`
        : `Logins as ${username} are paused for ${retryAfterSeconds} seconds after repeated wrong passwords. A computer that has logged in as ${username} before can still log in.`,
    );
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An audit line the hub writes for someone not (or not yet) logged in: a failed login, the first users. */
function systemRecorder(audit: AuditLog, now: () => Date, logError: (message: string) => void) {
  return (entry: Omit<AuditEntry, 'at'>): Promise<void> =>
    audit
      .append({ at: now().toISOString(), ...entry })
      .catch((error: Error) => logError(`AUDIT LOG WRITE FAILED for ${entry.action} (${entry.who}): ${error.message}`));
}

export function createAccountOperations(deps: AccountOperationsDeps) {
  const { store, audit, sessions, throttle, endConsoles, endSessionConsoles, now = () => new Date(), logError = console.error, wait = sleep } = deps;
  const writeSession = durableWriter(store, 'the login session');
  const writePassword = durableWriter(store, 'your password');
  const record = auditRecorder(audit, now, logError);
  const recordSystem = systemRecorder(audit, now, logError);

  /** A password checked on the hashing thread; a try refused because it was busy does not count as a failure. */
  const checkPassword = (password: string, hash: string, username: string, from: string): Promise<boolean> =>
    verifyPassword(password, hash).catch((error: unknown) => {
      if (error instanceof HashingBusyError) throttle.abandon(username, from);
      throw error;
    });

  const info = (user: SessionUser, expiresAt: number): SessionInfo => ({
    user: { username: user.username, role: user.role },
    expiresAt: new Date(expiresAt).toISOString(),
    idleMinutes: Math.round(sessions.idleMs / 60_000),
  });
  const started = (user: SessionUser, grant: SessionGrant): StartedSession => ({ grant, info: info(user, grant.expiresAt) });

  return {
    /** Who a session cookie belongs to and when the session ends; null when it has ended. Counts as activity. */
    session(sessionId: string | undefined): SessionInfo | null {
      const found = sessions.describe(sessionId);
      return found && info(found.user, found.expiresAt);
    },

    /**
     * Failures are counted per username and per address, each try as it starts (auth/login-throttle.ts); after a
     * few the answer is held back, and then logins are locked for a while, the account's lock sparing devices that
     * logged in to it before (`knownDevice`). Unknown users cost a hash too, so timing does not reveal them.
     */
    async login(username: string, password: string, from: string, knownDevice = false): Promise<StartedSession> {
      const start = throttle.begin(username, from, knownDevice);
      if (!start.ok) throw new LoginThrottledError(Math.ceil(start.retryAfterMs / 1000), start.reason, username);
      const user = store.data.users.find((u) => u.username === username);
      const valid = await checkPassword(password, user?.passwordHash ?? DUMMY_HASH, username, from);
      if (!user || !valid || user.disabled) {
        await recordSystem({ who: username, role: 'system', from, action: 'session.login-failed' });
        // Holding the answer (without blocking the hub) makes guessing slow long before the lock.
        await wait(throttle.failureDelayMs(username, from));
        // Only someone who knows the password learns that the account is disabled, and then whom to ask.
        if (user && valid && user.disabled) throw new ApiError('invalid_credentials', 'This account is disabled. Ask an administrator to enable it.');
        const left = throttle.attemptsLeft(username, from);
        throw new ApiError(
          'invalid_credentials',
          left > 0 && left <= 3
            ? `Wrong username or password. ${left} more ${left === 1 ? 'try' : 'tries'} before logins are locked for ${throttle.lockSeconds} seconds.`
            : 'Wrong username or password.',
        );
      }
      throttle.succeeded(username, from);
      const grant = await writeSession((draft) => sessions.startIn(draft, user));
      await record({ username: user.username, role: user.role, from }, 'session.login');
      return started(user, grant);
    },

    /** Ends this one session and the consoles it opened; `actor` is null when the cookie had already run out. */
    async logout(sessionId: string | undefined, actor: Actor | null): Promise<void> {
      await sessions.destroy(sessionId);
      const key = sessions.keyOf(sessionId);
      if (key) endSessionConsoles(key);
      if (actor) await record(actor, 'session.logout');
    },

    /**
     * The current password proves it is the user and not someone at a borrowed session. The new password ends every
     * session of the user, on every device, open consoles included; the device it was changed from gets a fresh
     * session in the same write, so it goes on without a new login while whoever knew the old password is out.
     */
    async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string): Promise<StartedSession> {
      const checked = OwnPasswordChangeSchema.safeParse({ currentPassword, newPassword });
      if (!checked.success) throw new ApiError('bad_request', z.prettifyError(checked.error));
      // Someone at a logged-in console is on a device the account knows: only the address's own count applies.
      const start = throttle.begin(actor.username, actor.from, true);
      if (!start.ok) throw new ApiError('login_throttled', `Too many wrong passwords. Try again in ${Math.ceil(start.retryAfterMs / 1000)} seconds.`);
      const user = store.data.users.find((u) => u.username === actor.username);
      if (!user || !(await checkPassword(currentPassword, user.passwordHash, actor.username, actor.from))) {
        await record(actor, 'user.password-change-failed', 'the current password was wrong');
        throw new ApiError('invalid_credentials', 'The current password is wrong.');
      }
      throttle.succeeded(actor.username, actor.from);
      const passwordHash = await hashPassword(newPassword);
      const grant = await writePassword((draft) => {
        const stored = draft.users.find((u) => u.username === actor.username);
        if (!stored || stored.disabled) throw new ApiError('unauthenticated', 'Your session has ended. Log in again.');
        // Checked against the hash the current password matched: a change made meanwhile (another tab, a reset) wins.
        if (stored.passwordHash !== user.passwordHash) throw new ApiError('conflict', 'Your password was changed meanwhile. Log in again with the new one.');
        stored.passwordHash = passwordHash;
        sessions.endAllIn(draft, actor.username);
        return sessions.startIn(draft, stored);
      });
      endConsoles(actor.username);
      await record(actor, 'user.password-changed', 'every other session of the user was ended');
      return started(user, grant);
    },
  };
}

export type AccountOperations = ReturnType<typeof createAccountOperations>;

/** A first user, with its password so that a generated one can be shown once. */
export interface InitialPassword {
  username: string;
  role: Role;
  password: string;
  generated: boolean;
}

/**
 * The first users: `admin` and `office`, when they do not exist yet, with the passwords from the environment
 * (checked by the same rule as every other password) or random ones.
 */
export async function createFirstUsers(
  deps: { store: Store; audit: AuditLog; now?: () => Date; logError?: (message: string) => void },
  passwords: { admin: string | null; office: string | null },
): Promise<InitialPassword[]> {
  const { store, audit, now = () => new Date(), logError = console.error } = deps;
  const wanted: { username: string; role: Role; password: string | null }[] = [
    { username: 'admin', role: 'admin', password: passwords.admin },
    { username: 'office', role: 'office', password: passwords.office },
  ];
  const users: StoredUser[] = [];
  const created: InitialPassword[] = [];
  for (const { username, role, password } of wanted) {
    if (store.data.users.some((u) => u.username === username)) continue;
    const rule = password === null ? null : NewPasswordSchema.safeParse(password);
    if (rule && !rule.success) throw new Error(`The password given for ${username}: ${rule.error.issues[0]?.message}.`);
    const chosen = password ?? generatePassword();
    users.push({ username, role, passwordHash: await hashPassword(chosen), disabled: false, createdAt: now().toISOString() });
    created.push({ username, role, password: chosen, generated: password === null });
  }
  if (users.length === 0) return [];
  await durableWriter(store, 'the first users')((draft) => {
    for (const user of users) if (!draft.users.some((u) => u.username === user.username)) draft.users.push(user);
  });
  const recordSystem = systemRecorder(audit, now, logError);
  for (const user of created) {
    await recordSystem({ who: 'system', role: 'system', from: 'local', action: 'user.created', detail: `${user.username} (${user.role})` });
  }
  return created;
}
