// One mode change's report, made to be printed and filed: who triggered it and when, when each screen in its
// scope painted it, the screens that never confirmed, and when the All Clear came. Also exported as CSV.
import type { InferResponseType } from 'hono/client';
import { useEffect, useState } from 'preact/hooks';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { DrillBadge } from './drill-badge.tsx';
import { endedText } from './mode-change-end.ts';
import { durationInWords as duration } from '../../shared/duration-words.ts';
import { schoolDateTime } from './school-date-time.ts';

type ReportBody = Extract<InferResponseType<(typeof api)['drill-reports'][':seq']['$get']>, { ok: true }>;

export function DrillReportView(props: { seq: number }) {
  const [report, setReport] = useState<ReportBody['report'] | null>(null);
  const load = useApiAction();
  useEffect(() => {
    setReport(null);
    void load.run(() => call(api['drill-reports'][':seq'].$get({ param: { seq: String(props.seq) } }))).then((body) => body && setReport(body.report));
  }, [props.seq]);

  const controls = (
    <div class="report-actions no-print">
      <a href="#drills" class="button-link secondary" data-test="back-to-drills">
        All mode changes
      </a>
      {report && (
        <>
          <button type="button" class="primary" onClick={() => window.print()} data-test="print-report">
            Print
          </button>
          <a class="button-link" href={`/api/drill-reports/${report.seq}.csv`} download data-test="report-csv">
            Export CSV
          </a>
        </>
      )}
    </div>
  );
  if (!report) return <div class="report-page">{controls}{load.error ? <p class="error">{load.error}</p> : <p class="muted">Loading…</p>}</div>;

  const { timeZone } = report;
  const name = MODE_CATALOGUE[report.mode].text.en.name;
  const lasted = report.end ? (Date.parse(report.end.at) - Date.parse(report.at)) / 1000 : null;
  return (
    <article class="report-page drill-report" data-test="drill-report" data-seq={report.seq}>
      {controls}
      <header class="report-title">
        <h3>
          {name} {report.drill ? 'drill' : '(real event)'} · {report.scopeName} <DrillBadge drill={report.drill} />
        </h3>
        <p class="muted">Change #{report.seq}; times are the school’s ({timeZone}).</p>
      </header>
      <dl class="report-facts">
        <dt>Triggered</dt>
        <dd data-test="report-triggered">
          {schoolDateTime(report.at, timeZone)} by <strong>{report.who}</strong> ({report.role}, from {report.from})
        </dd>
        {report.detail && (
          <>
            <dt>Detail</dt>
            <dd>{report.detail}</dd>
          </>
        )}
        <dt>Ended</dt>
        <dd data-test="report-ended">
          {endedText(report, timeZone)}
          {lasted !== null && <span class="muted"> (after {duration(lasted)})</span>}
        </dd>
        <dt>Screens</dt>
        <dd data-test="report-summary">
          {report.confirmed} of {report.expected} in scope confirmed
          {report.slowestSeconds !== null && `, the slowest after ${duration(report.slowestSeconds)}`}
          {report.neverConfirmed.length > 0 && <strong class="bad">; {report.neverConfirmed.length} never confirmed</strong>}
        </dd>
      </dl>
      <table class="screens report-table" data-test="report-screens">
        <thead>
          <tr>
            <th>Screen</th>
            <th>Location</th>
            <th>Painted {name}</th>
            <th>After</th>
          </tr>
        </thead>
        <tbody>
          {report.screens.map((screen) => (
            <tr key={screen.id} data-test={`report-screen-${screen.id}`} data-confirmed={screen.confirmedAt !== null}>
              <td>
                <strong>{screen.name}</strong>
                <div class="muted">
                  {screen.id}
                  {!screen.inScope && ' · now outside the scope'}
                </div>
              </td>
              <td>{screen.location}</td>
              <td class={screen.confirmedAt ? 'ok' : 'bad'}>{screen.confirmedAt ? schoolDateTime(screen.confirmedAt, timeZone) : 'Never confirmed'}</td>
              <td>{screen.secondsAfter === null ? '' : duration(screen.secondsAfter)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted report-note">
        A screen confirms after it has painted the mode. One that showed a higher-ranking mode instead (a real event outranks
        any drill) or was offline is listed as never confirmed.
      </p>
    </article>
  );
}
