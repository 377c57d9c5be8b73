// Changing one's own password, from either console: the current one, the new one twice, the rule shown before
// typing and checked with the hub's own schema, problems said at the field. Every other session of the user ends;
// this one goes on.
import { useEffect, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import { OwnPasswordChangeSchema, PASSWORD_RULE } from '../../shared/users.ts';
import { ApiFailure } from './api-client.ts';
import { errorText } from './error-text.ts';
import { useSessionControls } from './session-context.ts';
import { useApiAction } from './use-api-action.ts';
import './account.css';

type Field = 'current' | 'next' | 'repeat';
type Problems = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ['current', 'next', 'repeat'];

/** The schema says "use at least 10 characters"; next to a field that reads better as a sentence. */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

function problemsOf(error: z.ZodError): Problems {
  const fields = z.flattenError(error).fieldErrors as Partial<Record<'currentPassword' | 'newPassword', string[]>>;
  const problems: Problems = {};
  if (fields.currentPassword?.[0]) problems.current = sentence(fields.currentPassword[0]);
  if (fields.newPassword?.[0]) problems.next = sentence(fields.newPassword[0]);
  return problems;
}

export function ChangePasswordForm(props: { autoFocus?: boolean }) {
  const session = useSessionControls();
  const [values, setValues] = useState<Record<Field, string>>({ current: '', next: '', repeat: '' });
  const [problems, setProblems] = useState<Problems>({});
  const [done, setDone] = useState(false);
  const { busy, error, run } = useApiAction();
  const inputs = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), repeat: useRef<HTMLInputElement>(null) };
  useEffect(() => {
    if (props.autoFocus) inputs.current.current?.focus();
  }, [props.autoFocus]);
  if (!session) return null;

  const show = (found: Problems) => {
    setProblems(found);
    const first = FIELDS.find((field) => found[field]);
    if (first) inputs[first].current?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(false);
    const checked = OwnPasswordChangeSchema.safeParse({ currentPassword: values.current, newPassword: values.next });
    const found = checked.success ? {} : problemsOf(checked.error);
    if (!found.next && values.repeat !== values.next) found.repeat = 'The two new passwords differ. Type the same one twice.';
    if (Object.keys(found).length > 0) return show(found);
    setProblems({});
    const changed = await run(async () => {
      try {
        return await session.changePassword(values.current, values.next);
      } catch (failure) {
        // A wrong current password is that field's problem, so it is said there (a throttle says how long to wait).
        if (failure instanceof ApiFailure && (failure.code === 'invalid_credentials' || failure.code === 'login_throttled')) {
          show({ current: failure.code === 'invalid_credentials' ? 'That is not your current password.' : errorText(failure) });
          return undefined;
        }
        throw failure;
      }
    });
    if (!changed) return;
    setValues({ current: '', next: '', repeat: '' });
    setDone(true);
  };

  const field = (name: Field, label: string, autocomplete: string, hint?: string) => {
    const describedBy = [hint && `own-password-${name}-hint`, problems[name] && `own-password-${name}-problem`].filter(Boolean).join(' ') || undefined;
    return (
      <>
        <label>
          {label}
          <input
            ref={inputs[name]}
            type="password"
            data-test={`own-password-${name}`}
            autocomplete={autocomplete}
            value={values[name]}
            aria-invalid={problems[name] ? true : undefined}
            aria-describedby={describedBy}
            onInput={(e) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, [name]: value }));
              // Said once at the field; retyping clears it.
              if (problems[name]) setProblems((p) => ({ ...p, [name]: undefined }));
            }}
          />
        </label>
        {hint && (
          <p class="hint" id={`own-password-${name}-hint`}>
            {hint}
          </p>
        )}
        {problems[name] && (
          <p class="field-problem" id={`own-password-${name}-problem`} data-test={`own-password-${name}-problem`}>
            {problems[name]}
          </p>
        )}
      </>
    );
  };

  return (
    <form class="own-password-form" data-test="own-password-form" onSubmit={submit} noValidate>
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" autocomplete="username" value={session.user.username} readOnly hidden />
      {field('current', 'Current password', 'current-password')}
      {field('next', 'New password', 'new-password', `${PASSWORD_RULE} Not the same as your current one.`)}
      {field('repeat', 'New password again', 'new-password')}
      <p class="hint">Every other session of {session.user.username} ends at once (other tablets, computers and browsers). This one goes on.</p>
      <div class="form-actions">
        <button type="submit" class="primary" data-test="own-password-submit" disabled={busy}>
          {busy ? 'Changing…' : 'Change my password'}
        </button>
      </div>
      {error && (
        <p class="error" role="alert" data-test="own-password-error">
          {error}
        </p>
      )}
      {done && (
        <p class="saved-note" role="status" data-test="own-password-changed">
          Your password is changed. Your other sessions were logged out; this one goes on.
        </p>
      )}
    </form>
  );
}
