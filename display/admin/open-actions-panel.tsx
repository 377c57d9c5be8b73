// The corrective actions not done yet, across every after-action report, overdue first: on the Drill reports page
// until each is done, so nothing a review decided is forgotten.
import type { InferResponseType } from 'hono/client';
import { useEffect, useState } from 'preact/hooks';
import { ACTION_STATUS_WORDS } from '../../shared/after-action.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { calendarDay, schoolDateTime } from './school-date-time.ts';

type OpenActionsBody = Extract<InferResponseType<(typeof api)['after-action']['open-actions']['$get']>, { ok: true }>;

export function OpenActionsPanel() {
  const [body, setBody] = useState<OpenActionsBody | null>(null);
  const load = useApiAction();
  useEffect(() => {
    void load.run(() => call(api['after-action']['open-actions'].$get())).then((answer) => answer && setBody(answer));
  }, []);
  if (load.error) return <p class="error">{load.error}</p>;
  if (!body || body.actions.length === 0) return null;
  const overdue = body.actions.filter((a) => a.overdue).length;
  return (
    <section class="open-actions" data-test="open-actions">
      <h3>
        Open corrective actions: {body.actions.length}
        {overdue > 0 && <span class="bad"> ({overdue} overdue)</span>}
      </h3>
      <table class="screens report-table actions-table">
        <thead>
          <tr>
            <th>Action</th>
            <th>Owner</th>
            <th>Due</th>
            <th>Status</th>
            <th>From</th>
          </tr>
        </thead>
        <tbody>
          {body.actions.map((action) => (
            <tr key={action.id} data-test="open-action" data-overdue={action.overdue}>
              <td>{action.text}</td>
              <td>{action.owner}</td>
              <td class={action.overdue ? 'bad nowrap' : 'nowrap'}>
                {calendarDay(action.due)}
                {action.overdue && <div>overdue</div>}
              </td>
              <td>{ACTION_STATUS_WORDS[action.status]}</td>
              <td>
                <a href={`#drills/${action.seq}`}>
                  {action.event ? `${MODE_CATALOGUE[action.event.mode].text.en.name} ${action.event.drill ? 'drill' : '(real)'}, ${schoolDateTime(action.event.at, body.timeZone, false)}` : `Change #${action.seq}`}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
