// Observations and corrective actions on an after-action report: the lists, and for the office and administrators
// the forms to add them, to move an action along (open → in progress → done) and to remove what they wrote.
import { useState } from 'preact/hooks';
import { ACTION_STATUS_WORDS, ACTION_STATUSES, ACTION_TEXT_MAX, OBSERVATION_MAX, OWNER_MAX, type ActionStatus } from '../../shared/after-action.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import type { AfterActionBody } from './drill-report-view.tsx';
import { calendarDay, schoolDateTime } from './school-date-time.ts';

interface Props {
  seq: number;
  afterAction: AfterActionBody['afterAction'];
  /** Usernames an action may be given to (shown as suggestions; any name may be typed). */
  owners: readonly string[];
  canReview: boolean;
  username: string;
  isAdmin: boolean;
  onChanged: () => void;
}

export function AfterActionNotes(props: Props) {
  const { afterAction, canReview } = props;
  const { timeZone } = afterAction.report;
  const change = useApiAction();
  const mayRemove = (author: string) => canReview && (props.isAdmin || author === props.username);
  const done = (answer: unknown) => answer && props.onChanged();
  const setStatus = (id: string, status: ActionStatus) => void change.run(() => call(api['after-action'].actions[':id'].$patch({ param: { id }, json: { status } }))).then(done);
  const removeAction = (id: string) => void change.run(() => call(api['after-action'].actions[':id'].$delete({ param: { id } }))).then(done);
  const removeObservation = (id: string) => void change.run(() => call(api['after-action'].observations[':id'].$delete({ param: { id } }))).then(done);

  return (
    <>
      <section class="report-section" data-test="observations">
        <h4>Observations</h4>
        {afterAction.observations.length === 0 ? (
          <p class="muted">None written yet{canReview ? ': what went well, what did not, what people noticed.' : '.'}</p>
        ) : (
          <ul class="observations">
            {afterAction.observations.map((observation) => (
              <li key={observation.id} data-test="observation">
                <p>{observation.text}</p>
                <span class="muted">
                  {observation.by}, {schoolDateTime(observation.at, timeZone, false)}
                </span>
                {mayRemove(observation.by) && (
                  <button type="button" class="secondary no-print" disabled={change.busy} onClick={() => removeObservation(observation.id)} aria-label={`Remove the observation by ${observation.by}`}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canReview && <ObservationForm seq={props.seq} onAdded={props.onChanged} />}
      </section>

      <section class="report-section" data-test="corrective-actions">
        <h4>Corrective actions</h4>
        {afterAction.actions.length === 0 ? (
          <p class="muted">None yet.</p>
        ) : (
          <table class="screens report-table actions-table">
            <thead>
              <tr>
                <th>Action</th>
                <th>Owner</th>
                <th>Due</th>
                <th>Status</th>
                <th class="no-print" />
              </tr>
            </thead>
            <tbody>
              {afterAction.actions.map((action) => (
                <tr key={action.id} data-test="corrective-action" data-status={action.status}>
                  <td>{action.text}</td>
                  <td>{action.owner}</td>
                  <td class={action.overdue ? 'bad nowrap' : 'nowrap'}>
                    {calendarDay(action.due)}
                    {action.overdue && <div>overdue</div>}
                  </td>
                  <td>
                    {canReview ? (
                      <select value={action.status} disabled={change.busy} onInput={(e) => setStatus(action.id, (e.target as HTMLSelectElement).value as ActionStatus)} aria-label={`Status of: ${action.text}`} data-test="action-status">
                        {ACTION_STATUSES.map((status) => (
                          <option key={status} value={status}>
                            {ACTION_STATUS_WORDS[status]}
                          </option>
                        ))}
                      </select>
                    ) : (
                      ACTION_STATUS_WORDS[action.status]
                    )}
                  </td>
                  <td class="no-print">
                    {mayRemove(action.createdBy) && (
                      <button type="button" class="secondary" disabled={change.busy} onClick={() => removeAction(action.id)} aria-label={`Remove: ${action.text}`}>
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {change.error && <p class="error">{change.error}</p>}
        {canReview && <ActionForm seq={props.seq} owners={props.owners} today={afterAction.today} onAdded={props.onChanged} />}
      </section>
    </>
  );
}

function ObservationForm(props: { seq: number; onAdded: () => void }) {
  const [text, setText] = useState('');
  const add = useApiAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void add.run(() => call(api['after-action'][':seq'].observations.$post({ param: { seq: String(props.seq) }, json: { text } }))).then((answer) => {
      if (!answer) return;
      setText('');
      props.onAdded();
    });
  };
  return (
    <form class="review-form no-print" onSubmit={submit} data-test="observation-form">
      <label>
        New observation
        <textarea rows={3} maxLength={OBSERVATION_MAX} required value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} data-test="observation-text" />
      </label>
      <button type="submit" disabled={add.busy} data-test="observation-add">
        Add observation
      </button>
      {add.error && <p class="error">{add.error}</p>}
    </form>
  );
}

function ActionForm(props: { seq: number; owners: readonly string[]; today: string; onAdded: () => void }) {
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [status, setStatus] = useState<ActionStatus>('open');
  const add = useApiAction();
  const listId = `owners-${props.seq}`;
  const submit = (event: Event) => {
    event.preventDefault();
    void add.run(() => call(api['after-action'][':seq'].actions.$post({ param: { seq: String(props.seq) }, json: { text, owner, due, status } }))).then((answer) => {
      if (!answer) return;
      setText('');
      setOwner('');
      setDue('');
      setStatus('open');
      props.onAdded();
    });
  };
  return (
    <form class="review-form action-form no-print" onSubmit={submit} data-test="action-form">
      <label class="wide">
        New corrective action
        <input type="text" maxLength={ACTION_TEXT_MAX} required value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} data-test="action-text" />
      </label>
      <label>
        Owner (a name or a user)
        <input type="text" list={listId} maxLength={OWNER_MAX} required value={owner} onInput={(e) => setOwner((e.target as HTMLInputElement).value)} data-test="action-owner" />
        <datalist id={listId}>
          {props.owners.map((username) => (
            <option key={username} value={username} />
          ))}
        </datalist>
      </label>
      <label>
        Due
        <input type="date" required min={props.today} value={due} onInput={(e) => setDue((e.target as HTMLInputElement).value)} data-test="action-due" />
      </label>
      <label>
        Status
        <select value={status} onInput={(e) => setStatus((e.target as HTMLSelectElement).value as ActionStatus)} data-test="action-new-status">
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ACTION_STATUS_WORDS[s]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={add.busy} data-test="action-add">
        Add action
      </button>
      {add.error && <p class="error wide">{add.error}</p>}
    </form>
  );
}
