// One user in the users table: change the role, disable or enable, reset the password. Each change is sent on its
// own button, and the hub's refusal (such as removing the last administrator) is shown next to that control.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ROLES, type Role } from '../../shared/model.ts';
import type { UserChange, UserSummary } from '../../shared/users.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { ResetPasswordDialog } from './reset-password-dialog.tsx';
import { ROLE_NAMES, ROLE_POWERS } from './role-names.ts';

export function UserRow(props: { user: UserSummary; isYou: boolean; onChanged: (user: UserSummary) => void }) {
  const { user, isYou } = props;
  const name = user.username;
  const [role, setRole] = useState<Role>(user.role);
  useEffect(() => setRole(user.role), [user.role]);
  const [failedAt, setFailedAt] = useState<'role' | 'status' | null>(null);
  const [resetting, setResetting] = useState(false);
  const resetButton = useRef<HTMLButtonElement>(null);
  const endReset = () => {
    setResetting(false);
    resetButton.current?.focus();
  };
  const { busy, error, run } = useApiAction();

  const change = async (patch: UserChange, control: 'role' | 'status') => {
    setFailedAt(control);
    const body = await run(() => call(api.users[':username'].$patch({ param: { username: name }, json: patch })));
    if (body) props.onChanged(body.user);
    // Refused: the select shows again what the hub has.
    else setRole(user.role);
  };
  const disable = () => {
    if (window.confirm(`Disable ${name}? They are logged out everywhere at once and cannot log in until enabled again.`)) {
      void change({ disabled: true }, 'status');
    }
  };
  const problem = (control: 'role' | 'status') =>
    error &&
    failedAt === control && (
      <p class="error" role="alert" data-test={`user-error-${name}`}>
        {error}
      </p>
    );

  return (
    <tr data-test={`user-row-${name}`} class={user.disabled ? 'disabled-user' : undefined}>
      <td>
        <strong>{name}</strong>
        {isYou && <span class="muted"> (you)</span>}
        <div class="muted">since {new Date(user.createdAt).toLocaleDateString()}</div>
      </td>
      <td>
        <div class="role-cell">
          <select
            aria-label={`Role of ${name}`}
            data-test={`user-role-${name}`}
            value={role}
            disabled={busy || isYou}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r} title={ROLE_POWERS[r]}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </select>
          {!isYou && (
            <button type="button" class="secondary" data-test={`user-role-save-${name}`} disabled={busy || role === user.role} onClick={() => void change({ role }, 'role')}>
              Change role
            </button>
          )}
        </div>
        {problem('role')}
      </td>
      <td class={user.disabled ? 'bad' : 'ok'} data-test={`user-status-${name}`}>
        {user.disabled ? 'Disabled' : 'Active'}
      </td>
      <td>
        {isYou ? (
          <span class="muted">
            Your own account.{' '}
            <a href="#account" data-test="change-own-password">
              Change your password
            </a>
          </span>
        ) : (
          <div class="row-actions">
            {user.disabled ? (
              <button type="button" class="secondary" data-test={`user-enable-${name}`} disabled={busy} onClick={() => void change({ disabled: false }, 'status')}>
                Enable
              </button>
            ) : (
              <button type="button" class="secondary danger" data-test={`user-disable-${name}`} disabled={busy} onClick={disable}>
                Disable
              </button>
            )}
            <button type="button" class="secondary" ref={resetButton} data-test={`user-reset-${name}`} disabled={busy} onClick={() => setResetting(true)}>
              Reset password
            </button>
          </div>
        )}
        {problem('status')}
        {resetting && <ResetPasswordDialog username={name} onClose={endReset} />}
      </td>
    </tr>
  );
}
