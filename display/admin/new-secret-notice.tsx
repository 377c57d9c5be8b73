// An integration's secret, shown this once (on creation or "new secret"): the admin copies it into the sending
// system with the address to post to. The hub cannot show it again.
import { useEffect, useRef, useState } from 'preact/hooks';
import { integrationEventsPath, type IntegrationSummary } from '../../shared/integrations.ts';

export function NewSecretNotice(props: { integration: IntegrationSummary; secret: string; onDone: () => void }) {
  const { integration } = props;
  const [copied, setCopied] = useState(false);
  // On a small screen the notice can open below the fold: focus brings it into view, and says it to a screen reader.
  const actions = useRef<HTMLDivElement>(null);
  useEffect(() => actions.current?.querySelector('button')?.focus(), [props.secret]);
  // The clipboard needs a secure context (HTTPS or localhost); elsewhere the text is selected with one click.
  const canCopy = window.isSecureContext && navigator.clipboard !== undefined;
  const copy = () =>
    navigator.clipboard.writeText(props.secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  const signed = integration.auth === 'signature';
  return (
    <div class="new-password new-secret" role="status" data-test="new-secret-notice">
      <p>
        {signed ? 'Signing secret' : 'Key'} for <strong>{integration.name}</strong>:
      </p>
      <code class="password-text secret-text" data-test="new-secret">
        {props.secret}
      </code>
      <p class="hint">
        {canCopy ? 'Copy it now' : 'Select it and copy it now'} into {integration.name}’s settings: it is not shown again. Anyone who has it can start the
        modes this integration may start.
      </p>
      <p class="hint">
        Post events to <code data-test="new-secret-url">{`${location.origin}${integrationEventsPath(integration.id)}`}</code>,{' '}
        {signed ? (
          <>
            signed the Standard Webhooks way (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>).
          </>
        ) : (
          <>
            with the header <code>Authorization: Bearer</code> and the key.
          </>
        )}{' '}
        See docs/integrations.md.
      </p>
      <div class="form-actions" ref={actions}>
        {canCopy && (
          <button type="button" class="secondary" data-test="copy-secret" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
        <button type="button" class="primary" data-test="new-secret-done" onClick={props.onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
