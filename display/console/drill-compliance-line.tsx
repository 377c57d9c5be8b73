// The office's drill standing, under the roll-call: a drill scheduled for today, for each building whether this
// school year's drills are on track for the state's rules and which is due next, and the next drill in the calendar.
// Read a moment after the console opens and again after each drill ends (never while one runs: the office has other
// things to look at); nothing at all without a rule set or a drill in the calendar.
import type { InferResponseType } from 'hono/client';
import { useEffect, useState } from 'preact/hooks';
import { api, call } from '../lib/api-client.ts';

type Report = Extract<InferResponseType<(typeof api)['compliance']['$get']>, { ok: true }>['report'];

/** After the console has drawn and a drill's All Clear has settled. */
const READ_AFTER_MS = 2000;

export function DrillComplianceLine(props: { drillsRunning: number }) {
  const [report, setReport] = useState<Report | null>(null);
  useEffect(() => {
    if (props.drillsRunning > 0) return;
    const timer = setTimeout(() => {
      call(api.compliance.$get())
        .then((body) => setReport(body.report))
        .catch(() => undefined); // a standing to plan by, not a safety matter: the next read tries again
    }, READ_AFTER_MS);
    return () => clearTimeout(timer);
  }, [props.drillsRunning]);
  if (!report) return null;
  const today = report.scheduled.filter((plan) => plan.state === 'today');
  const next = report.scheduled.find((plan) => plan.state === 'upcoming');
  if (!report.ruleSet && today.length === 0 && !next) return null;
  return (
    <section class="panel compliance-line" data-test="drill-compliance">
      <h2>Drills this school year{report.ruleSet ? ` (${report.ruleSet.name})` : ''}</h2>
      {today.map((plan) => (
        <p key={plan.id} class="drill-today" data-test="drill-today">
          Scheduled: {plan.words}
          {plan.note ? ` · ${plan.note}` : ''}
        </p>
      ))}
      {report.ruleSet && (
        <ul>
          {report.buildings.map((building) => (
            <li key={building.buildingId} class={building.status.onTrack ? 'on-track' : 'behind'}>
              <strong>{building.name}:</strong> {building.status.next === null ? 'every drill done' : building.status.onTrack ? `on track; next: ${building.status.next}` : `behind: ${building.status.next}`}
            </li>
          ))}
        </ul>
      )}
      {next && <p class="muted" data-test="drill-next">Next in the calendar: {next.words}</p>}
    </section>
  );
}
