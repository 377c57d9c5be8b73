// The readiness sweep, made for the facility manager's phone: start a sweep of the whole school, a building or a
// floor (its screens then show codes), walk to each screen, type the code it shows, check it and record what was
// found; end the sweep when done (or its codes end by themselves).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call } from '../../lib/api-client.ts';
import { useApiAction } from '../../lib/use-api-action.ts';
import { useSite } from '../../lib/use-site.ts';
import { schoolTimeOfDay } from '../school-date-time.ts';
import { SweepChecklist } from './sweep-checklist.tsx';
import { SweepStartForm } from './sweep-start-form.tsx';
import type { RunningSweep, SweepOverview, SweptScreen } from './sweep-types.ts';
import './sweep.css';

function RunningSweepLine(props: { sweep: RunningSweep; onEnded: () => void }) {
  const { sweep } = props;
  const { site } = useSite();
  const action = useApiAction();
  const end = async () => {
    if (await action.run(() => call(api.sweeps[':sweepId'].$delete({ param: { sweepId: sweep.id } })))) props.onEnded();
  };
  return (
    <div class="sweep-running" data-test="sweep-running">
      <div>
        <strong>{sweep.scopeName}</strong>: codes show until {schoolTimeOfDay(sweep.endsAt, site?.timeZone ?? null, false)}
        <div class="muted" data-test="sweep-progress">
          {sweep.checked} of {sweep.screens} screens checked · started by {sweep.startedBy}
        </div>
      </div>
      <button type="button" class="secondary" disabled={action.busy} onClick={end} data-test="sweep-end">
        End sweep
      </button>
      {action.error && (
        <p class="error" role="alert">
          {action.error}
        </p>
      )}
    </div>
  );
}

function CodeForm(props: { onFound: (swept: SweptScreen) => void }) {
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const action = useApiAction();
  useEffect(() => input.current?.focus(), []);
  const find = async (event: Event) => {
    event.preventDefault();
    const body = await action.run(() => call(api.sweeps.codes[':code'].$get({ param: { code: code.trim() || '-' } })));
    if (body) props.onFound(body.swept);
  };
  return (
    <form class="sweep-code-form" onSubmit={find}>
      <label>
        Code on the screen
        <input
          ref={input}
          value={code}
          onInput={(e) => setCode(e.currentTarget.value.toUpperCase())}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxLength={12}
          placeholder="e.g. K7M4Q"
          data-test="sweep-code-input"
        />
      </label>
      <button type="submit" class="primary" disabled={action.busy || code.trim() === ''} data-test="sweep-code-submit">
        Check this screen
      </button>
      {action.error && (
        <p class="error" role="alert" data-test="sweep-code-error">
          {action.error}
        </p>
      )}
    </form>
  );
}

export function SweepPage() {
  const [overview, setOverview] = useState<SweepOverview | null>(null);
  const [swept, setSwept] = useState<SweptScreen | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const load = useApiAction();
  const refresh = async () => {
    const body = await load.run(() => call(api.sweeps.$get()));
    if (body) setOverview(body);
  };
  useEffect(() => void refresh(), []);

  if (!overview) return load.error ? <p class="error">{load.error}</p> : <p class="muted">Loading…</p>;
  const running = overview.running;
  return (
    <div class="sweep-page">
      <p class="muted">
        Walk to each screen and type the code it shows: you check that it is on and readable, that its map faces the right way, that it shows the right
        exit, and that it can be heard. A screen in an emergency mode shows no code.
      </p>
      {running.map((sweep) => (
        <RunningSweepLine key={sweep.id} sweep={sweep} onEnded={() => void refresh().then(() => setSwept(null))} />
      ))}
      {running.length === 0 ? (
        <SweepStartForm onStarted={() => void refresh()} />
      ) : swept ? (
        <SweepChecklist
          key={swept.code}
          swept={swept}
          onCancel={() => setSwept(null)}
          onRecorded={(words) => {
            setSwept(null);
            setRecorded(words);
            void refresh();
          }}
        />
      ) : (
        <>
          {recorded && (
            <p class="sweep-recorded" role="status" data-test="sweep-recorded">
              Recorded: {recorded}. Next screen:
            </p>
          )}
          <CodeForm onFound={setSwept} />
        </>
      )}
      {running.length > 0 && !swept && (
        <details class="sweep-another">
          <summary>Start a sweep somewhere else</summary>
          <SweepStartForm onStarted={() => void refresh()} />
        </details>
      )}
    </div>
  );
}
