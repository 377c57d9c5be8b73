// The login form of both consoles. Errors are worded by code; throttling says how long to wait.
import { useState } from 'preact/hooks';
import type { Role } from '../../shared/model.ts';
import type { SessionInfo } from '../../shared/session.ts';
import { api, call } from './api-client.ts';
import { useApiAction } from './use-api-action.ts';

export interface LoggedInUser {
  username: string;
  role: Role;
}

export function LoginForm(props: { title: string; onLoggedIn: (session: SessionInfo) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useApiAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    const body = await run(() => call(api.session.$post({ json: { username, password } })));
    if (body) props.onLoggedIn(body);
    else setPassword('');
  };

  return (
    <form class="login" onSubmit={submit}>
      <h1>{props.title}</h1>
      <label>
        Username
        <input
          data-test="login-username"
          name="username"
          autocomplete="username"
          autocapitalize="none"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </label>
      <label>
        Password
        <input
          data-test="login-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="error" role="alert" data-test="login-error">
          {error}
        </p>
      )}
      <button data-test="login-submit" type="submit" disabled={busy}>
        {busy ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
