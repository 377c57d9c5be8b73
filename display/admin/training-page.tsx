// The admin's Training page: every account and how its "Know your building" training stands (current until a date,
// due, never started), as a table and a CSV a principal can hand an inspector, and how long training stays valid.
import type { InferResponseType } from 'hono/client';
import { useEffect, useState } from 'preact/hooks';
import { dayInWords } from '../../shared/drill-compliance.ts';
import { MAX_VALIDITY_MONTHS, MIN_VALIDITY_MONTHS, TRAINING_GROUP, TRAINING_STATE_WORDS } from '../../shared/training.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { ROLE_NAMES } from './role-names.ts';
import { schoolDateTime } from './school-date-time.ts';
import './reports.css';

type PeopleBody = Extract<InferResponseType<(typeof api)['training']['people']['$get']>, { ok: true }>;
type Group = 'all' | 'current' | 'due' | 'never-started';

const GROUP_WORDS: Readonly<Record<Exclude<Group, 'all'>, string>> = { current: 'Current', due: 'Due', 'never-started': 'Never started' };
/** "2027-03-14" → "14 March 2027". */
const fullDay = (day: string) => `${dayInWords(day)} ${day.slice(0, 4)}`;

export function TrainingPage() {
  const [body, setBody] = useState<PeopleBody | null>(null);
  const [group, setGroup] = useState<Group>('all');
  const [months, setMonths] = useState('');
  const load = useApiAction();
  const save = useApiAction();
  const loaded = (next: PeopleBody) => {
    setBody(next);
    setMonths(String(next.validityMonths));
  };
  useEffect(() => {
    void load.run(() => call(api.training.people.$get())).then((answer) => answer && loaded(answer));
  }, []);
  if (!body) return <p class={load.error ? 'error' : 'muted'}>{load.error ?? 'Loading who is trained…'}</p>;

  const count = (g: Exclude<Group, 'all'>) => body.people.filter((p) => TRAINING_GROUP[p.state] === g).length;
  const shown = body.people.filter((p) => group === 'all' || TRAINING_GROUP[p.state] === group);
  const submit = (event: Event) => {
    event.preventDefault();
    void save.run(() => call(api.training.settings.$put({ json: { validityMonths: Number(months) } }))).then((answer) => answer && loaded(answer));
  };

  return (
    <div class="report-page training-page" data-test="training-page">
      <p class="muted">
        Staff train at <a href="/training/">/training/</a> on their own rooms: the way out, the way out when that exit is blocked, the nearest AED, extinguisher, shelter area, panic button and locking door, and what to do in each mode. Training counts as current for {body.validityMonths} months after it was completed and is due in its last 30 days.
      </p>
      <p class="training-counts" data-test="training-counts">
        <strong>{count('current')}</strong> current · <strong>{count('due')}</strong> due · <strong>{count('never-started')}</strong> never started, of {body.people.length} accounts.
      </p>
      <div class="report-filters">
        <label>
          Show
          <select value={group} onInput={(event) => setGroup((event.target as HTMLSelectElement).value as Group)} data-test="training-group">
            <option value="all">Everyone</option>
            {(Object.keys(GROUP_WORDS) as Exclude<Group, 'all'>[]).map((g) => (
              <option key={g} value={g}>
                {GROUP_WORDS[g]} ({count(g)})
              </option>
            ))}
          </select>
        </label>
        <a class="button-link secondary" href="/api/training/people.csv" download data-test="training-csv">
          Download CSV
        </a>
      </div>
      <table class="screens report-table" data-test="training-table">
        <thead>
          <tr>
            <th>Account</th>
            <th>Status</th>
            <th>Completed</th>
            <th>Valid until</th>
            <th>Right first time</th>
            <th>Places</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((person) => (
            <tr key={person.username} data-test={`training-row-${person.username}`} data-state={person.state}>
              <td>
                {person.username} <span class="muted">({ROLE_NAMES[person.role]}{person.disabled ? ', disabled' : ''})</span>
              </td>
              <td class={`nowrap ${TRAINING_GROUP[person.state] === 'current' ? 'ok' : TRAINING_GROUP[person.state] === 'due' ? 'bad' : ''}`} data-test="training-status">
                {TRAINING_STATE_WORDS[person.state]}
              </td>
              <td class="nowrap">{person.completedOn ? fullDay(person.completedOn) : '—'}</td>
              <td class="nowrap">{person.validUntil ? fullDay(person.validUntil) : '—'}</td>
              <td>{person.score ? `${person.score.firstTryRight} of ${person.score.total}` : '—'}</td>
              <td>{person.places.join('; ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p class="muted">Nobody in this group.</p>}
      <form class="report-filters" onSubmit={submit} data-test="training-validity">
        <label>
          Training is valid for (months)
          <input type="number" min={MIN_VALIDITY_MONTHS} max={MAX_VALIDITY_MONTHS} step={1} required value={months} onInput={(event) => setMonths((event.target as HTMLInputElement).value)} data-test="training-validity-months" />
        </label>
        <button type="submit" class="secondary" disabled={save.busy || months === String(body.validityMonths)}>
          Save
        </button>
        {body.changedBy && body.changedAt && (
          <span class="muted">
            Last set by {body.changedBy}, {schoolDateTime(body.changedAt, body.timeZone, false)}.
          </span>
        )}
      </form>
      {save.error && <p class="error">{save.error}</p>}
    </div>
  );
}
