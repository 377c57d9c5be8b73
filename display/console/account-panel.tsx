// The office's own account, opened from the header: last on the page, so it never pushes the mode buttons or the
// roll-call down, and scrolled into view when opened.
import { useEffect, useRef } from 'preact/hooks';
import { ChangePasswordForm } from '../lib/change-password-form.tsx';

/** `askedAt`: when the office last asked for it; each ask brings it into view again. */
export function AccountPanel(props: { askedAt: number; onClose: () => void }) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.scrollIntoView({ block: 'start' }), [props.askedAt]);
  return (
    <section class="panel" id="my-account" ref={panel} aria-labelledby="my-account-title" data-test="account-panel">
      <div class="account-panel-head">
        <h2 id="my-account-title">Change my password</h2>
        <button type="button" class="secondary" data-test="close-account" onClick={props.onClose}>
          Close
        </button>
      </div>
      <ChangePasswordForm autoFocus />
    </section>
  );
}
