// The Users page (admins): every account with its role and state, the changes an admin may make to each, and a
// form to create one. Passwords the hub makes up are shown once; the hub keeps at least one enabled admin.
import { useEffect, useState } from 'preact/hooks';
import type { UserSummary } from '../../shared/users.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { NewPasswordNotice } from './new-password-notice.tsx';
import { NewUserForm } from './new-user-form.tsx';
import { UserRow } from './user-row.tsx';

const byName = (a: UserSummary, b: UserSummary) => a.username.localeCompare(b.username);

export function UsersPage(props: { currentUser: string }) {
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [generated, setGenerated] = useState<{ username: string; password: string } | null>(null);
  const load = useApiAction();
  useEffect(() => {
    void load.run(() => call(api.users.$get())).then((body) => body && setUsers(body.users));
  }, []);

  const put = (user: UserSummary) => setUsers((list) => [...(list ?? []).filter((u) => u.username !== user.username), user].sort(byName));

  if (load.error) {
    return (
      <p class="error" role="alert" data-test="users-error">
        {load.error}
      </p>
    );
  }
  if (!users) return <p class="muted">Loading the users…</p>;
  return (
    <div class="users-page" data-test="users-page">
      <table class="screens users" data-test="users-table">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow key={user.username} user={user} isYou={user.username === props.currentUser} onChanged={put} />
          ))}
        </tbody>
      </table>
      <section class="side-section new-user" aria-labelledby="new-user-title">
        <h3 id="new-user-title">New user</h3>
        <NewUserForm
          onCreated={(user, password) => {
            put(user);
            setGenerated(password ? { username: user.username, password } : null);
          }}
        />
        {generated && <NewPasswordNotice username={generated.username} password={generated.password} onDone={() => setGenerated(null)} />}
      </section>
    </div>
  );
}
