// Creating a user: a username, a role that must be chosen (there is no default), and a password or none (the hub
// then makes one up and shows it once). Checked with the hub's own schema first, so problems appear at the field.
import { useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import { ROLES } from '../../shared/model.ts';
import { MIN_PASSWORD_LENGTH, NewUserSchema, type UserSummary } from '../../shared/users.ts';
import { api, ApiFailure, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { ROLE_NAMES, ROLE_POWERS } from './role-names.ts';

type Field = 'username' | 'role' | 'password';
type Problems = Partial<Record<Field, string>>;

/** The schema says "use at least 2 characters"; next to a field that reads better as a sentence. */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

function problemsOf(error: z.ZodError): Problems {
  const fields = z.flattenError(error).fieldErrors as Partial<Record<Field, string[]>>;
  const problems: Problems = {};
  for (const field of ['username', 'role', 'password'] as const) {
    const first = fields[field]?.[0];
    if (first) problems[field] = sentence(first);
  }
  return problems;
}

export function NewUserForm(props: { onCreated: (user: UserSummary, generatedPassword: string | null) => void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [created, setCreated] = useState<string | null>(null);
  const { busy, error, run } = useApiAction();
  const inputs = { username: useRef<HTMLInputElement>(null), role: useRef<HTMLSelectElement>(null), password: useRef<HTMLInputElement>(null) };

  const show = (found: Problems) => {
    setProblems(found);
    const first = (['username', 'role', 'password'] as const).find((field) => found[field]);
    if (first) inputs[first].current?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setCreated(null);
    const checked = NewUserSchema.safeParse({ username: username.trim(), role, ...(password === '' ? {} : { password }) });
    if (!checked.success) return show(problemsOf(checked.error));
    setProblems({});
    const body = await run(async () => {
      try {
        return await call(api.users.$post({ json: checked.data }));
      } catch (failure) {
        // A taken username is that field's problem, so it is said there.
        if (failure instanceof ApiFailure && failure.code === 'conflict') {
          show({ username: failure.message });
          return undefined;
        }
        throw failure;
      }
    });
    if (!body) return;
    setUsername('');
    setRole('');
    setPassword('');
    setCreated(`Created ${body.user.username} (${ROLE_NAMES[body.user.role]}).`);
    props.onCreated(body.user, body.generatedPassword);
  };

  const described = (field: Field, hint?: boolean) => [hint && `new-user-${field}-hint`, problems[field] && `new-user-${field}-problem`].filter(Boolean).join(' ') || undefined;
  const problem = (field: Field) =>
    problems[field] && (
      <p class="field-problem" id={`new-user-${field}-problem`} data-test={`new-user-${field}-problem`}>
        {problems[field]}
      </p>
    );

  return (
    <form class="new-user-form" data-test="new-user-form" onSubmit={submit} noValidate>
      <label>
        Username
        <input
          ref={inputs.username}
          data-test="new-user-username"
          value={username}
          maxLength={40}
          autoComplete="off"
          autoCapitalize="none"
          spellcheck={false}
          aria-invalid={problems.username ? true : undefined}
          aria-describedby={described('username', true)}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </label>
      <p class="hint" id="new-user-username-hint">
        2 to 40 lowercase letters, digits, dots, hyphens or underscores, such as <code>j.rivera</code>.
      </p>
      {problem('username')}
      <label>
        Role
        <select
          ref={inputs.role}
          data-test="new-user-role"
          value={role}
          aria-invalid={problems.role ? true : undefined}
          aria-describedby={described('role')}
          onChange={(e) => setRole(e.currentTarget.value)}
        >
          <option value="" disabled>
            Choose a role…
          </option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_NAMES[r]}: {ROLE_POWERS[r]}
            </option>
          ))}
        </select>
      </label>
      {problem('role')}
      <label>
        Password (optional)
        <input
          ref={inputs.password}
          type="password"
          data-test="new-user-password"
          value={password}
          autoComplete="new-password"
          aria-invalid={problems.password ? true : undefined}
          aria-describedby={described('password', true)}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <p class="hint" id="new-user-password-hint">
        At least {MIN_PASSWORD_LENGTH} characters. Leave it empty and the hub makes one up and shows it to you once.
      </p>
      {problem('password')}
      <div class="form-actions">
        <button type="submit" class="primary" data-test="new-user-submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create user'}
        </button>
      </div>
      {error && (
        <p class="error" role="alert" data-test="new-user-error">
          {error}
        </p>
      )}
      {created && (
        <p class="saved-note" role="status" data-test="new-user-created">
          {created}
        </p>
      )}
    </form>
  );
}
