// Setting up an integration: a name, how it proves its events (signed, or a bearer key; no default), and what it may
// do. Checked with the hub's own schema first, so problems appear at the field. The secret is shown once, by the page.
import { useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import { INTEGRATION_AUTHS, NewIntegrationSchema, type IntegrationAuth, type IntegrationSummary } from '../../shared/integrations.ts';
import type { Site } from '../../shared/model.ts';
import { api, ApiFailure, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { addressesOf, IntegrationFields, outboundUrlOf, type IntegrationPowers, type PowersField } from './integration-fields.tsx';

type Field = 'name' | 'auth' | PowersField;
type Problems = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ['name', 'auth', 'modes', 'ceiling', 'drillOnly', 'allowedAddresses', 'outboundUrl'];

const AUTH_NAMES: Record<IntegrationAuth, string> = {
  signature: 'Signed events (Standard Webhooks)',
  bearer: 'A bearer key',
};

/** The schema says "use at least 2 characters"; next to a field that reads better as a sentence. */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

export function problemsOf<F extends string>(error: z.ZodError, fields: readonly F[]): Partial<Record<F, string>> {
  const found = z.flattenError(error).fieldErrors as Partial<Record<F, string[]>>;
  const problems: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const first = found[field]?.[0];
    if (first) problems[field] = sentence(first);
  }
  return problems;
}

const NO_POWERS: IntegrationPowers = { modes: [], ceiling: { kind: 'site' }, drillOnly: false, addresses: '', outboundUrl: '' };

export function NewIntegrationForm(props: { site: Site | null; onCreated: (integration: IntegrationSummary, secret: string) => void }) {
  const [name, setName] = useState('');
  const [auth, setAuth] = useState('');
  const [powers, setPowers] = useState<IntegrationPowers>(NO_POWERS);
  const [problems, setProblems] = useState<Problems>({});
  const { busy, error, run } = useApiAction();
  const nameInput = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const checked = NewIntegrationSchema.safeParse({
      name,
      auth,
      modes: powers.modes,
      ceiling: powers.ceiling,
      drillOnly: powers.drillOnly,
      allowedAddresses: addressesOf(powers.addresses),
      ...(auth === 'signature' ? { outboundUrl: outboundUrlOf(powers.outboundUrl) } : {}),
    });
    if (!checked.success) {
      setProblems(problemsOf(checked.error, FIELDS));
      return;
    }
    setProblems({});
    const body = await run(async () => {
      try {
        return await call(api.integrations.$post({ json: checked.data }));
      } catch (failure) {
        // A taken name is that field's problem, so it is said there.
        if (failure instanceof ApiFailure && failure.code === 'conflict') {
          setProblems({ name: failure.message });
          nameInput.current?.focus();
          return undefined;
        }
        throw failure;
      }
    });
    if (!body) return;
    setName('');
    setAuth('');
    setPowers(NO_POWERS);
    props.onCreated(body.integration, body.secret);
  };

  const problem = (field: 'name' | 'auth') =>
    problems[field] && (
      <p class="field-problem" id={`new-integration-${field}-problem`} data-test={`new-integration-${field}-problem`}>
        {problems[field]}
      </p>
    );

  return (
    <form class="new-user-form new-integration-form" data-test="new-integration-form" onSubmit={submit} noValidate>
      <label>
        Name
        <input
          ref={nameInput}
          data-test="new-integration-name"
          value={name}
          maxLength={60}
          autoComplete="off"
          aria-invalid={problems.name ? true : undefined}
          aria-describedby={['new-integration-name-hint', problems.name && 'new-integration-name-problem'].filter(Boolean).join(' ')}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <p class="hint" id="new-integration-name-hint">
        The system that sends the events, such as <code>Raptor</code>: screens and reports say “by Raptor (integration)”.
      </p>
      {problem('name')}
      <label>
        How it proves its events
        <select
          data-test="new-integration-auth"
          value={auth}
          aria-invalid={problems.auth ? true : undefined}
          aria-describedby={['new-integration-auth-hint', problems.auth && 'new-integration-auth-problem'].filter(Boolean).join(' ')}
          onChange={(e) => setAuth(e.currentTarget.value)}
        >
          <option value="" disabled>
            Choose…
          </option>
          {INTEGRATION_AUTHS.map((a) => (
            <option key={a} value={a}>
              {AUTH_NAMES[a]}
            </option>
          ))}
        </select>
      </label>
      <p class="hint" id="new-integration-auth-hint">
        Signed events cannot be replayed or forged by whoever sees one; choose a bearer key only for a system that cannot sign.
      </p>
      {problem('auth')}
      <IntegrationFields name="new-integration" site={props.site} signs={auth === 'signature'} powers={powers} problems={problems} onChange={setPowers} />
      <div class="form-actions">
        <button type="submit" class="primary" data-test="new-integration-submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create integration'}
        </button>
      </div>
      {error && (
        <p class="error" role="alert" data-test="new-integration-error">
          {error}
        </p>
      )}
    </form>
  );
}
