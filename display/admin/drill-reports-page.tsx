// The drill log: every mode change, newest first, drill or real, who started it and what ended it; each opens
// its after-action report (#drills/<seq>). Above it, drill compliance and the corrective actions still open.
import type { InferResponseType } from 'hono/client';
import { useEffect, useState } from 'preact/hooks';
import { actorName } from '../../shared/actor-name.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { DrillBadge } from './drill-badge.tsx';
import { DrillCompliancePanel } from './drill-compliance-panel.tsx';
import { DrillReportView } from './drill-report-view.tsx';
import { endedText } from './mode-change-end.ts';
import { OpenActionsPanel } from './open-actions-panel.tsx';
import { Pager } from './pager.tsx';
import { schoolDateTime } from './school-date-time.ts';
import './reports.css';

type ListBody = Extract<InferResponseType<(typeof api)['drill-reports']['$get']>, { ok: true }>;

const PAGE_SIZE = 50;

/** "#drills/14" opens the report of change 14; "#drills" the list. */
const reportFromHash = (): number | null => {
  const match = /^#drills\/(\d+)$/.exec(location.hash);
  return match ? Number(match[1]) : null;
};

/**
 * `canEdit`: an administrator, who chooses the rule set drills are held to; `canSchedule`: also the office, which
 * plans drills and writes after-action observations and actions; `username`: who may remove what they wrote.
 */
export function DrillReportsPage(props: { canEdit: boolean; canSchedule: boolean; username: string }) {
  const [seq, setSeq] = useState(reportFromHash);
  useEffect(() => {
    const follow = () => setSeq(reportFromHash());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return seq === null ? (
    <>
      <OpenActionsPanel />
      <DrillCompliancePanel canEdit={props.canEdit} canSchedule={props.canSchedule} />
      <DrillList />
    </>
  ) : (
    <DrillReportView seq={seq} canReview={props.canSchedule} username={props.username} isAdmin={props.canEdit} />
  );
}

function DrillList() {
  const [drill, setDrill] = useState<'' | 'true' | 'false'>('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ListBody | null>(null);
  const load = useApiAction();
  useEffect(() => {
    const query = { limit: PAGE_SIZE, offset, ...(drill ? { drill } : {}) };
    void load.run(() => call(api['drill-reports'].$get({ query }))).then((body) => body && setPage(body));
  }, [drill, offset]);
  const timeZone = page?.timeZone ?? null;

  return (
    <div class="report-page" data-test="drill-list">
      <div class="report-filters no-print">
        <label>
          Show
          <select
            value={drill}
            onInput={(event) => {
              setDrill((event.target as HTMLSelectElement).value as typeof drill);
              setOffset(0);
            }}
            data-test="drill-filter"
          >
            <option value="">Drills and real events</option>
            <option value="true">Drills only</option>
            <option value="false">Real events only</option>
          </select>
        </label>
      </div>
      {load.error && <p class="error">{load.error}</p>}
      {page && (
        <>
          <Pager total={page.total} offset={offset} shown={page.changes.length} pageSize={PAGE_SIZE} onOffset={setOffset} busy={load.busy} />
          {page.changes.length === 0 ? (
            <p class="muted" data-test="drill-empty">
              No mode has been started yet.
            </p>
          ) : (
            <table class="screens report-table" data-test="drill-table">
              <thead>
                <tr>
                  <th>Started</th>
                  <th>Mode</th>
                  <th />
                  <th>Where</th>
                  <th>By</th>
                  <th>Ended</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {page.changes.map((change) => (
                  <tr key={change.seq} data-test={`drill-row-${change.seq}`}>
                    <td class="nowrap">{schoolDateTime(change.at, timeZone)}</td>
                    <td>
                      <strong>{MODE_CATALOGUE[change.mode].text.en.name}</strong>
                      {change.detail && <div class="muted">{change.detail}</div>}
                    </td>
                    <td>
                      <DrillBadge drill={change.drill} />
                    </td>
                    <td>{change.scopeName}</td>
                    <td>{actorName(change.who, change.role === 'integration')}</td>
                    <td>{endedText(change, timeZone)}</td>
                    <td>
                      <a href={`#drills/${change.seq}`} data-test={`open-report-${change.seq}`}>
                        After-action report
                      </a>
                    </td>
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
