// Drill compliance on the drill reports page: the rule set the school's drills are held to (an administrator picks
// it), and each building's standing today, rule by rule, with the school year's drill log as a PDF and as CSV.
import type { InferResponseType } from 'hono/client';
import { useEffect, useState } from 'preact/hooks';
import { dayInWords, DRILL_KIND_WORDS, type RuleStatus, type ScheduledStatus } from '../../shared/drill-compliance.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { useSite } from '../lib/use-site.ts';

type ComplianceBody = Extract<InferResponseType<(typeof api)['compliance']['$get']>, { ok: true }>;

/** "2026-07-01" → "1 July 2026". */
const fullDay = (day: string) => `${dayInWords(day)} ${day.slice(0, 4)}`;

const STATE_WORDS: Readonly<Record<RuleStatus['state'], string>> = { met: 'Done', due: 'To do', missed: 'Missed', later: 'Later' };

/** `canEdit`: an administrator, who picks the rule set; `canSchedule`: the office too, which plans drills. */
export function DrillCompliancePanel(props: { canEdit: boolean; canSchedule: boolean }) {
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
          <>
            <a class="button-link secondary" href="/api/compliance/drill-log.pdf" target="_blank" rel="noreferrer" data-test="compliance-pdf">
              Print drill log (PDF)
            </a>
            <a class="button-link secondary" href="/api/compliance/drill-log.csv" download data-test="compliance-csv">
              Drill log (CSV)
            </a>
          </>
        )}
      </div>
      {save.error && <p class="error">{save.error}</p>}
      <DrillCalendar scheduled={report.scheduled} today={report.today} canSchedule={props.canSchedule} onChanged={(next) => setBody({ ...body, report: next })} />
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

const SCHEDULE_KINDS = ['evacuation', 'lockdown', 'secure', 'hold', 'severe-weather', 'shelter-in-place'] as const;
const SCHEDULED_WORDS: Readonly<Record<ScheduledStatus['state'], string>> = { upcoming: 'Planned', today: 'Today', held: 'Held', 'not-held': 'Not held' };

/** The drill calendar: what is planned, and a short form to plan the next one (the office console reminds on the day). */
function DrillCalendar(props: { scheduled: readonly ScheduledStatus[]; today: string; canSchedule: boolean; onChanged: (report: ComplianceBody['report']) => void }) {
  const { site } = useSite();
  const [day, setDay] = useState(props.today);
  const [time, setTime] = useState('');
  const [kind, setKind] = useState<(typeof SCHEDULE_KINDS)[number]>('lockdown');
  const [buildingId, setBuildingId] = useState('');
  const [note, setNote] = useState('');
  const action = useApiAction();
  const add = (event: Event) => {
    event.preventDefault();
    const json = { day, time: time === '' ? null : time, kind, buildingId: buildingId === '' ? null : buildingId, note };
    void action.run(() => call(api.compliance.scheduled.$post({ json }))).then((answer) => {
      if (!answer) return;
      props.onChanged(answer.report);
      setNote('');
    });
  };
  const remove = (id: string) => void action.run(() => call(api.compliance.scheduled[':id'].$delete({ param: { id } }))).then((answer) => answer && props.onChanged(answer.report));
  return (
    <div class="drill-calendar" data-test="drill-calendar">
      <h4>Drill calendar</h4>
      {props.scheduled.length === 0 ? (
        <p class="muted">No drill is planned. A planned drill is shown in the office console on its day.</p>
      ) : (
        <table class="report-table">
          <tbody>
            {props.scheduled.map((plan) => (
              <tr key={plan.id} class={`plan-${plan.state}`} data-test="scheduled-drill">
                <td>
                  <strong>{SCHEDULED_WORDS[plan.state]}</strong>
                </td>
                <td>
                  {plan.words}
                  {plan.note ? ` · ${plan.note}` : ''}
                </td>
                <td>
                  {props.canSchedule && (
                    <button type="button" class="secondary" disabled={action.busy} onClick={() => remove(plan.id)} aria-label={`Remove: ${plan.words}`}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canSchedule && (
        <form class="calendar-form" onSubmit={add} data-test="schedule-form">
          <label>
            Day
            <input type="date" value={day} min={props.today} required onInput={(e) => setDay((e.target as HTMLInputElement).value)} data-test="schedule-day" />
          </label>
          <label>
            Time (optional)
            <input type="time" value={time} onInput={(e) => setTime((e.target as HTMLInputElement).value)} data-test="schedule-time" />
          </label>
          <label>
            Drill
            <select value={kind} onInput={(e) => setKind((e.target as HTMLSelectElement).value as typeof kind)} data-test="schedule-kind">
              {SCHEDULE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {DRILL_KIND_WORDS[k].one}
                </option>
              ))}
            </select>
          </label>
          <label>
            Where
            <select value={buildingId} onInput={(e) => setBuildingId((e.target as HTMLSelectElement).value)} data-test="schedule-building">
              <option value="">Whole school</option>
              {(site?.buildings ?? []).map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Note (optional)
            <input type="text" maxLength={140} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} data-test="schedule-note" />
          </label>
          <button type="submit" disabled={action.busy} data-test="schedule-add">
            Plan this drill
          </button>
        </form>
      )}
      {action.error && <p class="error">{action.error}</p>}
    </div>
  );
}
