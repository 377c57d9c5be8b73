// A password the hub just made up, shown this once: the admin copies it and passes it on in person.
import { useState } from 'preact/hooks';

export function NewPasswordNotice(props: { username: string; password: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  // The clipboard needs a secure context (HTTPS or localhost); elsewhere the text is selected with one click.
  const canCopy = window.isSecureContext && navigator.clipboard !== undefined;
  const copy = () =>
    navigator.clipboard.writeText(props.password).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div class="new-password" role="status" data-test="new-password-notice">
      <p>
        New password for <strong>{props.username}</strong>:
      </p>
      <code class="password-text" data-test="new-password">
        {props.password}
      </code>
      <p class="hint">
        {canCopy ? 'Copy it now' : 'Select it and copy it now'} and give it to {props.username} in person: it is not shown again.
      </p>
      <div class="form-actions">
        {canCopy && (
          <button type="button" class="secondary" data-test="copy-password" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
        <button type="button" class="primary" data-test="new-password-done" onClick={props.onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
