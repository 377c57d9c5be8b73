// The audit log: who did what, from where, when, drill or real; filtered, paged newest first, and exported as CSV.
import type { InferResponseType } from 'hono/client';
import { useEffect, useState } from 'preact/hooks';
import { AUDIT_ACTION_GROUPS } from '../../shared/audit-query.ts';
import type { Site } from '../../shared/model.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { scopeName } from '../../shared/scope-names.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { DrillBadge } from './drill-badge.tsx';
import { Pager } from './pager.tsx';
import { schoolDateTime } from './school-date-time.ts';
import './reports.css';
import { useSite } from '../lib/use-site.ts';

type AuditBody = Extract<InferResponseType<typeof api.audit.$get>, { ok: true }>;
type AuditEntry = AuditBody['entries'][number];
type AuditQuery = NonNullable<Parameters<typeof api.audit.$get>[0]>['query'];

const PAGE_SIZE = 50;

interface Filters {
  who: string;
  action: string;
  from: string;
  to: string;
  drill: '' | 'true' | 'false';
}
const NO_FILTERS: Filters = { who: '', action: '', from: '', to: '', drill: '' };

/** What the hub is asked for: blank fields are left out. */
function filterQuery(filters: Filters): Record<string, string> & AuditQuery {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value.trim() !== ''));
}

const ACTION_TEXT: Record<string, string> = {
  'mode.set': 'Started a mode',
  'mode.all-clear': 'All Clear',
  'hazards.marked': 'Marked hazards',
  'hazards.cleared': 'Cleared hazards',
  'floor-plans.saved': 'Saved the floor plans',
  'site.changed': 'Changed the site',
  'site.imported': 'Imported a site file',
  'map.uploaded': 'Uploaded a map',
  'session.login': 'Logged in',
  'session.login-failed': 'Failed login',
  'session.logout': 'Logged out',
  'user.created': 'Created a user',
  'user.password-changed': 'Changed their password',
  'user.password-change-failed': 'Gave a wrong current password when changing it',
  'screen.paired': 'Paired a screen',
  'screen.unpaired': 'Unpaired a screen',
  'screen.sound-changed': 'Turned a screen’s sound on or off',
  'screen.sweep-started': 'Started a readiness sweep',
  'screen.sweep-ended': 'A readiness sweep ended',
  'screen.swept': 'Checked a screen in a readiness sweep',
  'mode.tones-changed': 'Changed the tones of modes',
  'integration.created': 'Set up an integration',
  'integration.updated': 'Changed an integration',
  'integration.secret-replaced': 'Gave an integration a new secret',
  'integration.deleted': 'Deleted an integration',
  'integration.refused': 'Refused an integration’s event',
  'integration.cap-received': 'Received an alert that changes no screen',
  'integration.test': 'Received a test event',
  'integration.weather-settings-changed': 'Changed the weather alert settings',
  'integration.weather-alert': 'Weather alert for the school',
};

function what(entry: AuditEntry, site: Site | null): string {
  const parts = [ACTION_TEXT[entry.action] ?? entry.action];
  if (entry.mode && entry.action === 'mode.set') parts.push(MODE_CATALOGUE[entry.mode].text.en.name);
  if (entry.scope) parts.push(scopeName(entry.scope, site));
  return parts.join(' · ');
}

export function AuditPage() {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditBody | null>(null);
  const { site } = useSite();
  const load = useApiAction();

  useEffect(() => {
    const query = { ...filterQuery(filters), limit: PAGE_SIZE, offset };
    void load.run(() => call(api.audit.$get({ query }))).then((body) => body && setPage(body));
  }, [filters, offset]);

  const field = (name: keyof Filters) => ({
    value: draft[name],
    onInput: (event: Event) => setDraft({ ...draft, [name]: (event.target as HTMLInputElement).value }),
  });
  const apply = (event: Event) => {
    event.preventDefault();
    setFilters(draft);
    setOffset(0);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setFilters(NO_FILTERS);
    setOffset(0);
  };
  const csvHref = `/api/audit.csv?${new URLSearchParams(filterQuery(filters)).toString()}`;
  const timeZone = page?.timeZone ?? site?.timeZone ?? null;

  return (
    <div class="report-page" data-test="audit-page">
      <form class="report-filters no-print" onSubmit={apply} data-test="audit-filters">
        <label>
          Who
          <input type="text" placeholder="username" {...field('who')} data-test="audit-who" />
        </label>
        <label>
          What
          <select {...field('action')} data-test="audit-action">
            <option value="">Everything</option>
            {Object.entries(AUDIT_ACTION_GROUPS).map(([group, { label }]) => (
              <option key={group} value={group}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" {...field('from')} data-test="audit-from" />
        </label>
        <label>
          To
          <input type="date" {...field('to')} data-test="audit-to" />
        </label>
        <label>
          Drill or real
          <select {...field('drill')} data-test="audit-drill">
            <option value="">Both</option>
            <option value="true">Drills</option>
            <option value="false">Real events</option>
          </select>
        </label>
        <div class="report-actions">
          <button type="submit" class="primary" data-test="audit-apply">
            Show
          </button>
          <button type="button" class="secondary" onClick={clear}>
            Clear
          </button>
          <a class="button-link" href={csvHref} download data-test="audit-csv">
            Export CSV
          </a>
        </div>
      </form>
      <p class="muted">Dates are days at the school{timeZone ? ` (${timeZone})` : ''}; times below are the school’s.</p>
      {load.error && <p class="error">{load.error}</p>}
      {page && (
        <>
          <Pager total={page.total} offset={offset} shown={page.entries.length} pageSize={PAGE_SIZE} onOffset={setOffset} busy={load.busy} />
          {page.entries.length === 0 ? (
            <p class="muted" data-test="audit-empty">
              Nothing in the log matches.
            </p>
          ) : (
            <table class="screens report-table" data-test="audit-table">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Who</th>
                  <th>From</th>
                  <th>What</th>
                  <th />
                  <th>Detail</th>
                  <th>#</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((entry, index) => (
                  <tr key={`${entry.at}-${index}`} data-test="audit-row" data-action={entry.action}>
                    <td class="nowrap">{schoolDateTime(entry.at, timeZone)}</td>
                    <td>
                      <strong>{entry.who}</strong>
                      <div class="muted">{entry.role}</div>
                    </td>
                    <td>{entry.from}</td>
                    <td>{what(entry, site)}</td>
                    <td>
                      <DrillBadge drill={entry.drill} />
                    </td>
                    <td class="detail">{entry.detail ?? ''}</td>
                    <td>{entry.seq ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
