// The Acknowledgements page: which procedures staff must acknowledge (each mode's staff steps, chosen binder
// documents), and who has read each in its current version, who an older one and who never, by procedure or by
// person, with a CSV for the district.
import type { InferResponseType } from 'hono/client';
import { useEffect, useState } from 'preact/hooks';
import type { ProcedureKey, ProcedureStanding, ReadingStatus } from '../../shared/acknowledgements.ts';
import type { EmergencyModeId } from '../../shared/model.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { schoolDateTime } from './school-date-time.ts';
import './acknowledgements.css';

type Standings = Extract<InferResponseType<(typeof api)['acknowledgements']['$get']>, { ok: true }>;

const STATUS_WORDS: Record<ReadingStatus, string> = { current: 'Read', older: 'Read an older version', never: 'Not read' };

export function AcknowledgementsPage() {
  const [standings, setStandings] = useState<Standings | null>(null);
  const [view, setView] = useState<'procedure' | 'person'>('procedure');
  const load = useApiAction();
  useEffect(() => {
    void load.run(() => call(api.acknowledgements.$get())).then((body) => body && setStandings(body));
  }, []);
  if (!standings) return load.error ? <p class="error">{load.error}</p> : <p class="muted">Loading…</p>;

  return (
    <div class="acknowledgements-page" data-test="acknowledgements-page">
      <RequiredForm standings={standings} onSaved={setStandings} />
      <section aria-labelledby="who-has-read">
        <div class="acknowledgements-bar">
          <h3 id="who-has-read">Who has read what</h3>
          <div class="acknowledgements-view" role="group" aria-label="Show">
            <button type="button" class={view === 'procedure' ? 'primary' : 'secondary'} aria-pressed={view === 'procedure'} onClick={() => setView('procedure')} data-test="view-procedure">
              By procedure
            </button>
            <button type="button" class={view === 'person' ? 'primary' : 'secondary'} aria-pressed={view === 'person'} onClick={() => setView('person')} data-test="view-person">
              By person
            </button>
          </div>
          <a class="button-link secondary" href="/api/acknowledgements/report.csv" download data-test="acknowledgements-csv">
            Download CSV
          </a>
        </div>
        {standings.people.length === 0 && <p class="muted">No staff accounts yet: add teachers and other staff on the Users page with the Staff role.</p>}
        {standings.procedures.length === 0 && <p class="muted">Nothing is required yet: choose above what staff must acknowledge.</p>}
        {view === 'procedure' ? (
          standings.procedures.map((standing) => <ProcedureCard key={standing.procedure.key} standing={standing} timeZone={standings.timeZone} />)
        ) : (
          <PersonTable standings={standings} />
        )}
      </section>
    </div>
  );
}

function RequiredForm(props: { standings: Standings; onSaved: (standings: Standings) => void }) {
  const [chosen, setChosen] = useState(() => new Set(props.standings.choices.filter((c) => c.required).map((c) => c.key)));
  const { busy, error, run } = useApiAction();
  const toggle = (key: ProcedureKey, on: boolean) => setChosen((before) => (on ? new Set(before).add(key) : new Set([...before].filter((k) => k !== key))));
  const save = async (event: Event) => {
    event.preventDefault();
    const keys = [...chosen];
    const body = await run(() =>
      call(
        api.acknowledgements.required.$put({
          json: {
            modes: keys.filter((k) => k.startsWith('mode:')).map((k) => k.slice('mode:'.length) as EmergencyModeId),
            documents: keys.filter((k) => k.startsWith('document:')).map((k) => k.slice('document:'.length)),
          },
        }),
      ),
    );
    if (body) props.onSaved(body);
  };
  const { choices, changedAt, changedBy, timeZone } = props.standings;
  const group = (kind: 'mode' | 'document') =>
    choices
      .filter((c) => c.kind === kind)
      .map((c) => (
        <label key={c.key} class="acknowledgement-choice">
          <input type="checkbox" checked={chosen.has(c.key)} onChange={(e) => toggle(c.key, e.currentTarget.checked)} data-test="required-choice" data-procedure={c.key} />
          {c.title}
        </label>
      ));
  return (
    <form class="acknowledgements-required" onSubmit={save} aria-labelledby="required-title">
      <h3 id="required-title">What staff must acknowledge</h3>
      <p class="muted">
        Staff read these at /training/ and confirm each. A changed staff wording or a replaced file asks everyone again.
        {changedAt && ` Last chosen by ${changedBy} on ${schoolDateTime(changedAt, timeZone, false)}.`}
      </p>
      <div class="acknowledgement-choices">
        <fieldset>
          <legend>Each mode’s staff steps</legend>
          {group('mode')}
        </fieldset>
        <fieldset>
          <legend>Documents in the plan binder</legend>
          {choices.some((c) => c.kind === 'document') ? group('document') : <p class="muted">No documents yet (Documents page).</p>}
        </fieldset>
      </div>
      <button type="submit" class="primary" disabled={busy} data-test="required-save">
        Save
      </button>
      {error && <p class="error">{error}</p>}
    </form>
  );
}

function ProcedureCard(props: { standing: ProcedureStanding; timeZone: string }) {
  const { procedure, current, older, never } = props.standing;
  const total = current.length + older.length + never.length;
  const date = (iso: string) => schoolDateTime(iso, props.timeZone, false);
  return (
    <article class="acknowledgement-card" data-test="procedure-standing" data-procedure={procedure.key}>
      <h4>{procedure.title}</h4>
      <p class="muted">
        Current version{procedure.updatedAt ? ` since ${date(procedure.updatedAt)}` : ''} · <span data-test="read-count">{current.length} of {total}</span> have read it
      </p>
      {older.length + never.length > 0 ? (
        <div class="acknowledgement-missing" data-test="not-read">
          <strong>Not read the current version:</strong>
          <ul>
            {never.map((p) => (
              <li key={p.username} data-test="never" data-username={p.username}>
                {p.username} <span class="muted">(never)</span>
              </li>
            ))}
            {older.map((p) => (
              <li key={p.username} data-test="older" data-username={p.username}>
                {p.username} <span class="muted">(read an older version on {date(p.at)})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        total > 0 && <p class="acknowledgement-all">Everyone has read the current version.</p>
      )}
      {current.length > 0 && (
        <details>
          <summary>Read the current version ({current.length})</summary>
          <ul class="acknowledgement-read">
            {current.map((p) => (
              <li key={p.username} data-test="current" data-username={p.username}>
                {p.username} <span class="muted">{date(p.at)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

function PersonTable(props: { standings: Standings }) {
  const { procedures, people, timeZone } = props.standings;
  return (
    <div class="acknowledgement-table-wrap">
      <table class="acknowledgement-table" data-test="person-table">
        <thead>
          <tr>
            <th scope="col">Person</th>
            {procedures.map((s) => (
              <th key={s.procedure.key} scope="col">
                {s.procedure.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {people.map(({ person, readings }) => (
            <tr key={person.username} data-test="person-row" data-username={person.username}>
              <th scope="row">
                {person.username} {person.role !== 'staff' && <span class="muted">({person.role})</span>}
              </th>
              {readings.map((r) => (
                <td key={r.procedure} class={`reading-${r.status}`} data-status={r.status}>
                  {STATUS_WORDS[r.status]}
                  {r.acknowledged && <span class="muted"> {schoolDateTime(r.acknowledged.at, timeZone, false)}</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
