// One integration in the table: what it may do, when it last sent an event, and what an admin may do to it: change
// what it may do, enable or disable it, send a test event through it, give it a new secret (the old one stops at
// once), delete it.
import { useEffect, useState } from 'preact/hooks';
import { IntegrationChangeSchema, type IntegrationChange, type IntegrationDelivery, type IntegrationSummary, type IntegrationTestResult } from '../../shared/integrations.ts';
import type { Site } from '../../shared/model.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { scopeName } from '../../shared/scope-names.ts';
import { api, call } from '../lib/api-client.ts';
import { ModalDialog } from '../lib/modal-dialog.tsx';
import { useApiAction } from '../lib/use-api-action.ts';
import { addressesOf, IntegrationFields, outboundUrlOf, type IntegrationPowers, type PowersField } from './integration-fields.tsx';
import { problemsOf } from './new-integration-form.tsx';
import { schoolDateTime } from './school-date-time.ts';

const POWERS_FIELDS: readonly PowersField[] = ['modes', 'ceiling', 'drillOnly', 'allowedAddresses', 'outboundUrl'];

export function IntegrationRow(props: {
  integration: IntegrationSummary;
  site: Site | null;
  onChanged: (integration: IntegrationSummary) => void;
  onNewSecret: (integration: IntegrationSummary, secret: string) => void;
  onDeleted: (id: string) => void;
}) {
  const { integration, site } = props;
  const { id, name } = integration;
  const [changing, setChanging] = useState(false);
  const [showingDeliveries, setShowingDeliveries] = useState(false);
  const { busy, error, run } = useApiAction();
  const param = { param: { id } };

  const patch = async (change: IntegrationChange) => {
    const body = await run(() => call(api.integrations[':id'].$patch({ ...param, json: change })));
    if (body) props.onChanged(body.integration);
  };
  const disable = () => {
    if (window.confirm(`Disable ${name}? Its events are refused until it is enabled again, so its alarms no longer reach the screens.`)) void patch({ enabled: false });
  };
  const renew = async () => {
    if (!window.confirm(`Make a new secret for ${name}? The current one stops working at once: ${name} must be given the new one.`)) return;
    const body = await run(() => call(api.integrations[':id'].secret.$post(param)));
    if (body) props.onNewSecret(body.integration, body.secret);
  };
  const [tested, setTested] = useState<IntegrationTestResult | null>(null);
  const test = async () => {
    setTested(null);
    const body = await run(() => call(api.integrations[':id'].test.$post(param)));
    if (body) setTested(body.result);
  };
  const remove = async () => {
    if (!window.confirm(`Delete ${name}? Its events are refused from now on. The audit log keeps what it did.`)) return;
    const body = await run(() => call(api.integrations[':id'].$delete(param)));
    if (body) props.onDeleted(id);
  };

  const modes = integration.modes.map((mode) => MODE_CATALOGUE[mode].text.en.name).join(', ') || 'No mode';
  return (
    <tr data-test={`integration-row-${name}`} class={integration.enabled ? undefined : 'disabled-user'}>
      <td>
        <strong>{name}</strong>
        <div class="muted">{integration.auth === 'signature' ? 'Signed events' : 'Bearer key'}</div>
        <div class="muted id-line">{id}</div>
      </td>
      <td data-test={`integration-powers-${name}`}>
        <div>{modes}</div>
        <div class="muted">
          {scopeName(integration.ceiling, site)}
          {integration.drillOnly && <strong class="drill-only"> · drills only</strong>}
        </div>
        <div class="muted">{integration.allowedAddresses.length > 0 ? `From ${integration.allowedAddresses.join(', ')}` : 'From any address'}</div>
        {integration.outboundUrl && <div class="muted id-line">Told of every change at {integration.outboundUrl}</div>}
      </td>
      <td class={integration.enabled ? 'ok' : 'bad'} data-test={`integration-status-${name}`}>
        {integration.enabled ? 'Enabled' : 'Disabled'}
      </td>
      <td class="nowrap" data-test={`integration-last-used-${name}`}>
        {integration.lastUsedAt ? schoolDateTime(integration.lastUsedAt, site?.timeZone ?? null) : <span class="muted">Never</span>}
      </td>
      <td>
        <div class="row-actions integration-actions">
          <button type="button" class="secondary" data-test={`integration-change-${name}`} disabled={busy} onClick={() => setChanging(true)}>
            Change…
          </button>
          {integration.enabled ? (
            <button type="button" class="secondary danger" data-test={`integration-disable-${name}`} disabled={busy} onClick={disable}>
              Disable
            </button>
          ) : (
            <button type="button" class="secondary" data-test={`integration-enable-${name}`} disabled={busy} onClick={() => void patch({ enabled: true })}>
              Enable
            </button>
          )}
          <button type="button" class="secondary" data-test={`integration-test-${name}`} disabled={busy} onClick={() => void test()}>
            Send test
          </button>
          {integration.outboundUrl && (
            <button type="button" class="secondary" data-test={`integration-deliveries-${name}`} disabled={busy} onClick={() => setShowingDeliveries(true)}>
              Deliveries
            </button>
          )}
          <button type="button" class="secondary" data-test={`integration-new-secret-${name}`} disabled={busy} onClick={() => void renew()}>
            New secret
          </button>
          <button type="button" class="secondary danger" data-test={`integration-delete-${name}`} disabled={busy} onClick={() => void remove()}>
            Delete
          </button>
        </div>
        {tested && (
          <div class={tested.ok ? 'test-result ok' : 'test-result bad'} role="status" data-test={`integration-test-result-${name}`}>
            <strong>{tested.ok ? `Test came through in ${tested.ms} ms` : 'Test did not come through'}</strong>
            <ul>
              {tested.steps.map((step) => (
                <li key={step.step}>
                  {step.ok ? '✓' : '✗'} {step.step}: {step.detail}
                </li>
              ))}
            </ul>
          </div>
        )}
        {error && (
          <p class="error" role="alert" data-test={`integration-error-${name}`}>
            {error}
          </p>
        )}
        {showingDeliveries && <DeliveriesDialog integration={integration} site={site} onClose={() => setShowingDeliveries(false)} />}
        {changing && (
          <ChangeDialog
            integration={integration}
            site={site}
            onClose={() => setChanging(false)}
            onChanged={(changed) => {
              setChanging(false);
              props.onChanged(changed);
            }}
          />
        )}
      </td>
    </tr>
  );
}

function ChangeDialog(props: { integration: IntegrationSummary; site: Site | null; onClose: () => void; onChanged: (integration: IntegrationSummary) => void }) {
  const { integration } = props;
  const [powers, setPowers] = useState<IntegrationPowers>({
    modes: integration.modes,
    ceiling: integration.ceiling,
    drillOnly: integration.drillOnly,
    addresses: integration.allowedAddresses.join('\n'),
    outboundUrl: integration.outboundUrl ?? '',
  });
  const [problems, setProblems] = useState<Partial<Record<PowersField, string>>>({});
  const { busy, error, run } = useApiAction();
  const save = async (event: Event) => {
    event.preventDefault();
    const checked = IntegrationChangeSchema.safeParse({
      modes: powers.modes,
      ceiling: powers.ceiling,
      drillOnly: powers.drillOnly,
      allowedAddresses: addressesOf(powers.addresses),
      ...(integration.auth === 'signature' ? { outboundUrl: outboundUrlOf(powers.outboundUrl) } : {}),
    });
    if (!checked.success) return setProblems(problemsOf(checked.error, POWERS_FIELDS));
    setProblems({});
    const body = await run(() => call(api.integrations[':id'].$patch({ param: { id: integration.id }, json: checked.data })));
    if (body) props.onChanged(body.integration);
  };
  return (
    <ModalDialog labelledBy="change-integration-title" onClose={props.onClose} busy={busy} test="change-integration-dialog">
      <form class="new-user-form" onSubmit={save} noValidate>
        <h2 id="change-integration-title">What {integration.name} may do</h2>
        <IntegrationFields name="change-integration" site={props.site} signs={integration.auth === 'signature'} powers={powers} problems={problems} onChange={setPowers} />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <footer class="dialog-actions">
          <button type="button" class="secondary" disabled={busy} onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" data-test="change-integration-save" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </footer>
      </form>
    </ModalDialog>
  );
}

/** What Muster told the integration lately (outbound webhooks): each message, its attempts and how it ended. */
function DeliveriesDialog(props: { integration: IntegrationSummary; site: Site | null; onClose: () => void }) {
  const [deliveries, setDeliveries] = useState<IntegrationDelivery[] | null>(null);
  const { error, run } = useApiAction();
  useEffect(() => {
    void run(() => call(api.integrations[':id'].deliveries.$get({ param: { id: props.integration.id } }))).then((body) => body && setDeliveries(body.deliveries));
  }, [props.integration.id]);
  const when = (at: string | null) => (at ? schoolDateTime(at, props.site?.timeZone ?? null) : '');
  return (
    <ModalDialog labelledBy="deliveries-title" onClose={props.onClose} test="deliveries-dialog">
      <h2 id="deliveries-title">What Muster told {props.integration.name}</h2>
      <p class="muted id-line">{props.integration.outboundUrl}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {deliveries && deliveries.length === 0 && <p>Nothing yet: a mode start, an All Clear or a hazard change will be sent here.</p>}
      {deliveries && deliveries.length > 0 && (
        <table class="deliveries" data-test="deliveries-table">
          <thead>
            <tr>
              <th>Change</th>
              <th>Made</th>
              <th>Attempts</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td>
                  {DELIVERY_TYPES[d.type]} <span class="muted">(seq {d.seq})</span>
                </td>
                <td class="nowrap">{when(d.createdAt)}</td>
                <td>{d.attempts}</td>
                <td class={d.deliveredAt ? 'ok' : 'bad'}>
                  {d.deliveredAt ? `Delivered ${when(d.deliveredAt)}` : d.gaveUpAt ? `Given up ${when(d.gaveUpAt)}: ${d.lastError ?? ''}` : `Waiting${d.lastError ? ` (${d.lastError})` : ''}, next try ${when(d.nextAttemptAt)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <footer class="dialog-actions">
        <button type="button" class="primary" onClick={props.onClose}>
          Close
        </button>
      </footer>
    </ModalDialog>
  );
}

const DELIVERY_TYPES: Record<IntegrationDelivery['type'], string> = { 'mode.started': 'Mode started', 'mode.all-clear': 'All Clear', 'hazards.changed': 'Hazards changed', state: 'State after a restart' };
