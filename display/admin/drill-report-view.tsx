// One drill's or real event's after-action report, made to be reviewed and filed: who started it and when, the
// roll-call of screens, the timeline and who did what, each screen's paint, then the observations and corrective
// actions the school writes about it. Printed by the hub as a PDF; the screens' receipts also export as CSV.
import type { InferResponseType } from 'hono/client';
import { useEffect, useState } from 'preact/hooks';
import { durationInWords } from '../../shared/duration-words.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { AfterActionNotes } from './after-action-notes.tsx';
import { AfterActionTimeline } from './after-action-timeline.tsx';
import { DrillBadge } from './drill-badge.tsx';
import { endedText } from './mode-change-end.ts';
import { schoolDateTime } from './school-date-time.ts';

export type AfterActionBody = Extract<InferResponseType<(typeof api)['after-action'][':seq']['$get']>, { ok: true }>;

/** `canReview`: the office or an administrator, who write observations and actions; `username` removes one's own. */
export function DrillReportView(props: { seq: number; canReview: boolean; username: string; isAdmin: boolean }) {
  const [body, setBody] = useState<AfterActionBody | null>(null);
  const load = useApiAction();
  const reload = () => void load.run(() => call(api['after-action'][':seq'].$get({ param: { seq: String(props.seq) } }))).then((answer) => answer && setBody(answer));
  useEffect(() => {
    setBody(null);
    reload();
  }, [props.seq]);

  const controls = (
    <div class="report-actions no-print">
      <a href="#drills" class="button-link secondary" data-test="back-to-drills">
        All mode changes
      </a>
      {body && (
        <>
          <a class="button-link" href={`/api/after-action/${props.seq}.pdf`} target="_blank" rel="noreferrer" data-test="after-action-pdf">
            Print report (PDF)
          </a>
          <a class="button-link secondary" href={`/api/drill-reports/${props.seq}.csv`} download data-test="report-csv">
            Screens (CSV)
          </a>
        </>
      )}
    </div>
  );
  if (!body) return <div class="report-page">{controls}{load.error ? <p class="error">{load.error}</p> : <p class="muted">Loading…</p>}</div>;

  const { report, rollCall, timeline, people } = body.afterAction;
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
        <p class="muted">After-action report of change #{report.seq}; times are the school’s ({timeZone}).</p>
      </header>
      <dl class="report-facts">
        <dt>Started</dt>
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
          {lasted !== null && <span class="muted"> (after {durationInWords(lasted)})</span>}
        </dd>
      </dl>

      <section class="report-section" data-test="roll-call">
        <h4>Roll-call of screens</h4>
        <div class="roll-call-figures">
          <Figure value={String(rollCall.expected)} label="screens in scope" />
          <Figure value={String(rollCall.confirmed)} label="confirmed the mode" />
          <Figure value={rollCall.allConfirmedAfterSeconds === null ? '—' : durationInWords(rollCall.allConfirmedAfterSeconds)} label="until all confirmed" />
          <Figure value={String(rollCall.neverConfirmed.length)} label="never confirmed" bad={rollCall.neverConfirmed.length > 0} />
        </div>
        <p data-test="report-summary">
          {report.confirmed} of {report.expected} in scope confirmed
          {report.slowestSeconds !== null && `, the slowest after ${durationInWords(report.slowestSeconds)}`}
          {rollCall.neverConfirmed.length > 0 && <strong class="bad">; never confirmed: {rollCall.neverConfirmed.map((s) => s.name).join(', ')}</strong>}
        </p>
      </section>

      <AfterActionTimeline timeline={timeline} people={people} timeZone={timeZone} />

      <section class="report-section">
        <h4>Each screen</h4>
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
                <td>{screen.secondsAfter === null ? '' : durationInWords(screen.secondsAfter)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="muted report-note">
          A screen confirms after it has painted the mode. One that showed a higher-ranking mode instead (a real event outranks
          any drill) or was offline is listed as never confirmed.
        </p>
      </section>

      <AfterActionNotes seq={report.seq} afterAction={body.afterAction} owners={body.owners} canReview={props.canReview} username={props.username} isAdmin={props.isAdmin} onChanged={reload} />
    </article>
  );
}

function Figure(props: { value: string; label: string; bad?: boolean }) {
  return (
    <div class="figure">
      <strong class={props.bad ? 'bad' : ''}>{props.value}</strong>
      <span>{props.label}</span>
    </div>
  );
}
