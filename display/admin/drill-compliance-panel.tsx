// Drill compliance on the drill reports page: the rule set the school's drills are held to (an administrator picks
// it), and each building's standing today, rule by rule, with the school year's drill log as CSV.
import type { InferResponseType } from 'hono/client';
import { useEffect, useState } from 'preact/hooks';
import type { RuleStatus } from '../../shared/drill-compliance.ts';
import { dayInWords } from '../../shared/drill-compliance.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';

type ComplianceBody = Extract<InferResponseType<(typeof api)['compliance']['$get']>, { ok: true }>;

/** "2026-07-01" → "1 July 2026". */
const fullDay = (day: string) => `${dayInWords(day)} ${day.slice(0, 4)}`;

const STATE_WORDS: Readonly<Record<RuleStatus['state'], string>> = { met: 'Done', due: 'To do', missed: 'Missed', later: 'Later' };

export function DrillCompliancePanel(props: { canEdit: boolean }) {
  const [body, setBody] = useState<ComplianceBody | null>(null);
  const load = useApiAction();
  const save = useApiAction();
  useEffect(() => {
    void load.run(() => call(api.compliance.$get())).then((answer) => answer && setBody(answer));
  }, []);
  if (!body) return <section class="compliance" data-test="compliance">{load.error ? <p class="error">{load.error}</p> : <p class="muted">Loading drill compliance…</p>}</section>;

  const { report, ruleSets, chosen } = body;
  const choose = (ruleSetId: string) =>
    void save.run(() => call(api.compliance.$put({ json: { ruleSetId: ruleSetId === '' ? null : ruleSetId } }))).then((answer) => answer && setBody({ ...body, report: answer.report, chosen: { ...chosen, ruleSetId: ruleSetId || null } }));

  return (
    <section class="compliance" data-test="compliance">
      <h3>Drill compliance</h3>
      <div class="report-filters">
        <label>
          Drills are held to
          <select value={chosen.ruleSetId ?? ''} disabled={!props.canEdit || save.busy} onInput={(event) => choose((event.target as HTMLSelectElement).value)} data-test="compliance-rule-set">
            <option value="">No rule set</option>
            {ruleSets.map((set) => (
              <option key={set.id} value={set.id}>
                {set.name} ({set.source.citation})
              </option>
            ))}
            {chosen.ruleSetId === 'own' && <option value="own">{report.ruleSet?.name ?? 'The school’s own rules'}</option>}
          </select>
        </label>
        {report.ruleSet && (
          <a class="button-link secondary" href="/api/compliance/drill-log.csv" download data-test="compliance-csv">
            Drill log (CSV)
          </a>
        )}
      </div>
      {save.error && <p class="error">{save.error}</p>}
      {!report.ruleSet ? (
        <p class="muted">Choose your state’s rule set to see, for each building, which drills are done and which are still due.</p>
      ) : (
        <>
          <p class="muted">
            School year {fullDay(report.buildings[0]?.status.year.from ?? report.today)} to {fullDay(report.buildings[0]?.status.year.to ?? report.today)}. Read from{' '}
            <a href={report.ruleSet.source.url} target="_blank" rel="noreferrer">
              {report.ruleSet.source.citation || report.ruleSet.name}
            </a>
            {report.ruleSet.checked ? ` (checked ${report.ruleSet.checked})` : ''}: your district or fire marshal may ask for more. Only drills started in Muster are counted. {report.ruleSet.note}
          </p>
          {report.buildings.map((building) => (
            <div class="compliance-building" key={building.buildingId} data-test={`compliance-${building.buildingId}`}>
              <h4>
                {building.name}:{' '}
                <span class={building.status.onTrack ? 'ok' : 'bad'} data-test="compliance-summary">
                  {building.status.next === null ? 'every drill done' : building.status.onTrack ? `on track; next: ${building.status.next}` : `behind: ${building.status.next}`}
                </span>
              </h4>
              <table class="report-table">
                <thead>
                  <tr>
                    <th>Rule</th>
                    <th>Counted</th>
                    <th>Status</th>
                  </tr>
                </thead>
                <tbody>
                  {building.status.rules.map((rule, i) => (
                    <tr key={i} class={`rule-${rule.state}`}>
                      <td>
                        {rule.rule.text}
                        {rule.rule.eachMonth ? ` (${rule.from.slice(0, 7)})` : ''}
                      </td>
                      <td>
                        {rule.counted} of {rule.rule.count}
                      </td>
                      <td>
                        <strong>{STATE_WORDS[rule.state]}</strong> {rule.state === 'met' ? '' : `· ${rule.words}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
