// The Integrations page (admins): the panic-button and mass-notification systems that may start and end modes,
// each with what it may do and when it last sent an event, and a form to set one up. Secrets are shown once.
import { useEffect, useState } from 'preact/hooks';
import type { IntegrationSummary } from '../../shared/integrations.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { useSite } from '../lib/use-site.ts';
import { IntegrationRow } from './integration-row.tsx';
import { NewIntegrationForm } from './new-integration-form.tsx';
import { NewSecretNotice } from './new-secret-notice.tsx';
import { WeatherSettingsForm } from './weather-settings-form.tsx';

const byName = (a: IntegrationSummary, b: IntegrationSummary) => a.name.localeCompare(b.name);

export function IntegrationsPage() {
  const [integrations, setIntegrations] = useState<IntegrationSummary[] | null>(null);
  const [secret, setSecret] = useState<{ integration: IntegrationSummary; secret: string } | null>(null);
  const { site } = useSite();
  const load = useApiAction();
  useEffect(() => {
    void load.run(() => call(api.integrations.$get())).then((body) => body && setIntegrations(body.integrations));
  }, []);

  const put = (integration: IntegrationSummary) => setIntegrations((list) => [...(list ?? []).filter((i) => i.id !== integration.id), integration].sort(byName));
  const showSecret = (integration: IntegrationSummary, shown: string) => {
    put(integration);
    setSecret({ integration, secret: shown });
  };

  if (load.error) {
    return (
      <p class="error" role="alert" data-test="integrations-error">
        {load.error}
      </p>
    );
  }
  if (!integrations) return <p class="muted">Loading the integrations…</p>;
  return (
    <div class="users-page integrations-page" data-test="integrations-page">
      <div>
        <p class="muted intro">
          Panic buttons and mass notification systems can start and end modes here, as the office does, within what each may do. Muster reacts to
          their alarms; it does not replace them.
        </p>
        {integrations.length === 0 ? (
          <p class="muted" data-test="no-integrations">
            No integration is set up yet.
          </p>
        ) : (
          <table class="screens users integrations" data-test="integrations-table">
            <thead>
              <tr>
                <th scope="col">Integration</th>
                <th scope="col">May do</th>
                <th scope="col">Status</th>
                <th scope="col">Last event</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {integrations.map((integration) => (
                <IntegrationRow
                  key={integration.id}
                  integration={integration}
                  site={site}
                  onChanged={put}
                  onNewSecret={showSecret}
                  onDeleted={(id) => setIntegrations((list) => (list ?? []).filter((i) => i.id !== id))}
                />
              ))}
            </tbody>
          </table>
        )}
        <WeatherSettingsForm />
      </div>
      <section class="side-section new-user" aria-labelledby="new-integration-title">
        <h3 id="new-integration-title">New integration</h3>
        {secret ? (
          <NewSecretNotice integration={secret.integration} secret={secret.secret} onDone={() => setSecret(null)} />
        ) : (
          <NewIntegrationForm site={site} onCreated={showSecret} />
        )}
      </section>
    </div>
  );
}
