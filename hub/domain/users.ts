// User operations for the admin console: create an account, change its role, disable or enable it, reset its
// password. One rule holds across all of them: the hub always keeps at least one enabled administrator.
import type { NewUser, UserChange, UserSummary } from '../../shared/users.ts';
import { ApiError } from '../api-error.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { MainData, Store, StoredUser } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { auditRecorder, durableWriter } from './change-kit.ts';

export interface UserOperationsDeps {
  store: Store;
  audit: AuditLog;
  /** Logs out the user's open consoles once their sessions have ended. */
  endConsoles: (username: string) => void;
  /** Closes the user's open consoles after a role change, to reconnect as the new role. */
  reconnectConsoles: (username: string) => void;
  now?: () => Date;
  logError?: (message: string) => void;
}

/** What anyone outside the hub may see of an account: never its password hash. */
const summary = ({ username, role, disabled, createdAt }: StoredUser): UserSummary => ({ username, role, disabled, createdAt });

function existing(users: readonly StoredUser[], username: string): StoredUser {
  const user = users.find((u) => u.username === username);
  if (!user) throw new ApiError('not_found', `There is no user "${username}".`);
  return user;
}

function refuseTaken(users: readonly StoredUser[], username: string): void {
  if (users.some((u) => u.username === username)) throw new ApiError('conflict', `The username "${username}" is taken; choose another.`);
}

/** Ends every session of the user in the same write as the change, so none outlives an old password or a disable. */
function endSessionsOf(draft: MainData, username: string): void {
  draft.sessions = draft.sessions.filter((s) => s.username !== username);
}

export function createUserOperations({ store, audit, endConsoles, reconnectConsoles, now = () => new Date(), logError = console.error }: UserOperationsDeps) {
  const write = durableWriter(store, 'the user');
  const record = auditRecorder(audit, now, logError);

  return {
    list(): UserSummary[] {
      return store.data.users.map(summary).sort((a, b) => a.username.localeCompare(b.username));
    },

    /** The password is returned only when the hub generated it, for the admin to pass on once. */
    async create(request: NewUser, actor: Actor): Promise<{ user: UserSummary; generatedPassword: string | null }> {
      // Checked before the slow hash for a quick answer, and again inside the write, where it counts.
      refuseTaken(store.data.users, request.username);
      const password = request.password ?? generatePassword();
      const user: StoredUser = {
        username: request.username,
        role: request.role,
        passwordHash: await hashPassword(password),
        disabled: false,
        createdAt: now().toISOString(),
      };
      await write((draft) => {
        refuseTaken(draft.users, user.username);
        draft.users.push(user);
      });
      await record(actor, 'user.created', `${user.username} (${user.role})`);
      return { user: summary(user), generatedPassword: request.password === undefined ? password : null };
    },

    async change(username: string, change: UserChange, actor: Actor): Promise<UserSummary> {
      const { before, after } = await write((draft) => {
        const user = existing(draft.users, username);
        const was = summary(user);
        if (change.role !== undefined) user.role = change.role;
        if (change.disabled !== undefined) user.disabled = change.disabled;
        // Inside the serialised write, so two admins demoting each other at the same moment cannot both win.
        if (!draft.users.some((u) => u.role === 'admin' && !u.disabled)) {
          throw new ApiError(
            'last_admin',
            `"${username}" is the last enabled administrator, so it must stay one: make another user an administrator first.`,
          );
        }
        if (username === actor.username && user.disabled) {
          throw new ApiError('own_account', 'You cannot disable your own account; ask another administrator to do it.');
        }
        if (username === actor.username && user.role !== 'admin') {
          throw new ApiError('own_account', 'You cannot take the administrator role from your own account; ask another administrator to do it.');
        }
        if (!was.disabled && user.disabled) endSessionsOf(draft, username);
        return { before: was, after: summary(user) };
      });
      if (!before.disabled && after.disabled) endConsoles(username);
      // The session goes on with the new role at its next request; what an open console was sent must follow it.
      else if (before.role !== after.role) reconnectConsoles(username);
      if (before.role !== after.role) await record(actor, 'user.updated', `${username}: role ${before.role} → ${after.role}`);
      if (before.disabled !== after.disabled) await record(actor, after.disabled ? 'user.disabled' : 'user.enabled', username);
      return after;
    },

    /** A new password (generated when none is given, and then returned once); the user is logged out everywhere. */
    async resetPassword(username: string, password: string | undefined, actor: Actor): Promise<{ user: UserSummary; generatedPassword: string | null }> {
      // Resetting skips the current password; for one's own account that would let a borrowed session take it over.
      if (username === actor.username) {
        throw new ApiError('own_account', 'You cannot reset your own password here; change it with your current password instead.');
      }
      existing(store.data.users, username);
      const chosen = password ?? generatePassword();
      const passwordHash = await hashPassword(chosen);
      const user = await write((draft) => {
        const stored = existing(draft.users, username);
        stored.passwordHash = passwordHash;
        endSessionsOf(draft, username);
        return summary(stored);
      });
      endConsoles(username);
      await record(actor, 'user.password-reset', username);
      return { user, generatedPassword: password === undefined ? chosen : null };
    },
  };
}

export type UserOperations = ReturnType<typeof createUserOperations>;
