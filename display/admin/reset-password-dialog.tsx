// Resetting someone's password, deliberately: say what it does, then show the new password once.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { NewPasswordNotice } from './new-password-notice.tsx';

export function ResetPasswordDialog(props: { username: string; onClose: () => void }) {
  const { username } = props;
  const { busy, error, run } = useApiAction();
  const [password, setPassword] = useState<string | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  // The safe choice has the focus, so a stray Enter does not reset anything; then the focus moves to the new password's buttons.
  useEffect(() => {
    if (!password) cancel.current?.focus();
    else dialog.current?.querySelector<HTMLButtonElement>('.new-password button')?.focus();
  }, [password]);
  useEffect(() => {
    // Escape cancels; once the new password shows, only Done closes, so it is not lost to a stray key.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy && !password) props.onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [busy, password, props.onClose]);

  const reset = async () => {
    const body = await run(() => call(api.users[':username'].password.$post({ param: { username }, json: {} })));
    if (body?.generatedPassword) setPassword(body.generatedPassword);
  };

  return (
    <div class="overlay" role="presentation">
      <div class="dialog" ref={dialog} role="dialog" aria-modal="true" aria-labelledby="reset-title" data-test="reset-password-dialog">
        <h2 id="reset-title">Reset the password of {username}</h2>
        {password ? (
          <NewPasswordNotice username={username} password={password} onDone={props.onClose} />
        ) : (
          <>
            <p>
              {username} is logged out everywhere at once, and their old password stops working. The hub makes up a new password and shows it to
              you once, here.
            </p>
            {error && (
              <p class="error" role="alert" data-test="reset-error">
                {error}
              </p>
            )}
            <footer class="dialog-actions">
              <button type="button" class="secondary" ref={cancel} data-test="cancel-reset" disabled={busy} onClick={props.onClose}>
                Cancel
              </button>
              <button type="button" class="primary" data-test="confirm-reset" disabled={busy} onClick={() => void reset()}>
                {busy ? 'Resetting…' : 'Reset the password'}
              </button>
            </footer>
          </>
        )}
      </div>
    </div>
  );
}
