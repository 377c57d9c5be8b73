// Confirm an All Clear for one scope. A drill's All Clear is sent as a drill, a real event's as real.
import type { ActiveMode, Site } from '../../shared/model.ts';
import { api, call } from '../lib/api-client.ts';
import { RenewIfEnded } from '../lib/session-notice.tsx';
import { useApiAction } from '../lib/use-api-action.ts';
import { scopeName } from './scope-names.ts';
import { ModalDialog } from '../lib/modal-dialog.tsx';

export function AllClearDialog(props: { active: ActiveMode; site: Site; onClose: () => void; onCleared: () => void }) {
  const { active, site } = props;
  const { busy, error, run } = useApiAction();
  const where = scopeName(active.scope, site);

  const confirm = async () => {
    const body = await run(() => call(api['all-clear'].$post({ json: { scope: active.scope, drill: active.drill } })));
    if (body) props.onCleared();
  };

  return (
    <ModalDialog labelledBy="all-clear-title" test="all-clear-panel" busy={busy} onClose={props.onClose} style={{ '--mode-color': '#15803d' }}>
      <h2 id="all-clear-title">All Clear: {where}</h2>
      <p>
        Ends every mode active in <strong>{where}</strong>
        {active.drill ? ' (drill).' : '.'} Screens there return to normal.
      </p>
      {error && (
        <p class="error" role="alert" data-test="all-clear-error">
          {error}
        </p>
      )}
      <RenewIfEnded />
      <footer class="dialog-actions">
        <button type="button" class="secondary" onClick={props.onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" class="confirm" data-test="confirm-all-clear" disabled={busy} onClick={confirm}>
          {busy ? 'Sending…' : `Give the All Clear${active.drill ? ' (drill)' : ''}`}
        </button>
      </footer>
    </ModalDialog>
  );
}
