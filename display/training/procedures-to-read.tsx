// "Procedures to read" in /training/: each required procedure not yet acknowledged in its current version, in full
// (a mode's staff steps as a list; a document to open), with "I have read and understood this". A procedure changed
// since the person read it says so and asks again; the ones read are listed with the date, and can be read again.
import { useEffect, useState } from 'preact/hooks';
import { requiredDocumentHref, type MyProcedure } from '../../shared/acknowledgements.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { schoolDateTime } from '../admin/school-date-time.ts';
import { api, ApiFailure, call } from '../lib/api-client.ts';
import { sizeText } from '../lib/file-size.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import './procedures.css';

const KIND_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/png': 'picture', 'image/jpeg': 'picture', 'image/svg+xml': 'drawing' };

interface Listing {
  procedures: MyProcedure[];
  timeZone: string;
}

export function ProceduresToRead() {
  const [listing, setListing] = useState<Listing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useApiAction();
  const reload = () => load.run(() => call(api.acknowledgements.mine.$get())).then((body) => body && setListing(body));
  useEffect(() => void reload(), []);

  if (!listing) {
    return (
      <section class="procedures" aria-labelledby="procedures-title">
        <h2 id="procedures-title">Procedures to read</h2>
        {load.error ? (
          <p class="error" role="alert">
            {load.error}
          </p>
        ) : (
          <p class="muted">Loading…</p>
        )}
      </section>
    );
  }
  const due = listing.procedures.filter((p) => p.status !== 'current');
  const read = listing.procedures.filter((p) => p.status === 'current');
  const acknowledged = (next: Listing, title: string) => {
    setListing(next);
    setNotice(`Recorded: you have read “${title}”.`);
  };
  const stale = (notice: string) => {
    setNotice(notice);
    void reload();
  };
  return (
    <section class="procedures" aria-labelledby="procedures-title" data-test="procedures-to-read" data-due={due.length}>
      <h2 id="procedures-title">Procedures to read</h2>
      <p class="procedures-summary" data-test="procedures-summary">
        {listing.procedures.length === 0
          ? 'Nothing to read for now.'
          : due.length === 0
            ? 'You have read every procedure in its current version. Thank you.'
            : `${due.length} of ${listing.procedures.length} to read. Read each one, then confirm that you have.`}
      </p>
      <p class="procedures-notice" role="status" aria-live="polite" data-test="procedures-notice">
        {notice}
      </p>
      {due.map((procedure) => (
        <ProcedureToRead key={`${procedure.key}@${procedure.version}`} procedure={procedure} timeZone={listing.timeZone} onAcknowledged={acknowledged} onStale={stale} />
      ))}
      {read.length > 0 && (
        <>
          <h3 class="procedures-read-title">Read</h3>
          <ul class="procedures-read" data-test="procedures-read">
            {read.map((procedure) => (
              <li key={procedure.key} data-test="procedure-read" data-procedure={procedure.key}>
                <details>
                  <summary>
                    <span class="procedure-read-title">{procedure.title}</span>{' '}
                    <span class="muted">read {schoolDateTime(procedure.acknowledged!.at, listing.timeZone, false)}</span>
                  </summary>
                  <ProcedureText procedure={procedure} />
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ProcedureToRead(props: { procedure: MyProcedure; timeZone: string; onAcknowledged: (next: Listing, title: string) => void; onStale: (notice: string) => void }) {
  const { procedure } = props;
  // A document must be opened before it can be confirmed: the button is no shortcut around reading it.
  const [opened, setOpened] = useState(procedure.kind === 'mode');
  const { busy, error, run } = useApiAction();
  const acknowledge = async () => {
    const body = await run(async () => {
      try {
        return await call(api.acknowledgements.mine.$post({ json: { procedure: procedure.key, version: procedure.version } }));
      } catch (failure) {
        // Changed (or no longer asked for) while it was open: show the list as it is now, with the new version.
        if (failure instanceof ApiFailure && (failure.code === 'conflict' || failure.code === 'not_found')) {
          props.onStale(`“${procedure.title}” changed while you were reading it. Here it is as it is now: please read it again.`);
          return undefined;
        }
        throw failure;
      }
    });
    if (body) props.onAcknowledged(body, procedure.title);
  };
  const color = procedure.kind === 'mode' ? MODE_CATALOGUE[procedure.mode].color : undefined;
  return (
    <article
      class={`procedure${procedure.kind === 'mode' ? ' procedure-mode' : ''}`}
      style={color ? { '--procedure-color': color } : undefined}
      data-test="procedure"
      data-procedure={procedure.key}
      data-status={procedure.status}
      aria-labelledby={`procedure-${procedure.key}`}
    >
      <h3 id={`procedure-${procedure.key}`}>{procedure.title}</h3>
      {procedure.status === 'older' && (
        <p class="procedure-updated" data-test="procedure-updated">
          <strong>Updated{procedure.updatedAt ? ` on ${schoolDateTime(procedure.updatedAt, props.timeZone, false)}` : ''}.</strong> You read the earlier version on{' '}
          {schoolDateTime(procedure.acknowledged!.at, props.timeZone, false)}; please read it again.
        </p>
      )}
      <ProcedureText procedure={procedure} onOpened={() => setOpened(true)} />
      <button type="button" class="procedure-confirm" data-test="acknowledge" disabled={busy || !opened} onClick={() => void acknowledge()}>
        I have read and understood this
      </button>
      {!opened && <p class="muted procedure-hint">Open the document to read it first.</p>}
      {error && (
        <p class="error" role="alert" data-test="acknowledge-error">
          {error}
        </p>
      )}
    </article>
  );
}

function ProcedureText(props: { procedure: MyProcedure; onOpened?: () => void }) {
  const { procedure } = props;
  if (procedure.kind === 'mode') {
    return (
      <div class="procedure-text">
        <p class="procedure-directive">{procedure.directive}</p>
        {procedure.steps.length > 0 && (
          <ol class="procedure-steps" data-test="procedure-steps">
            {procedure.steps.map((step, index) => (
              <li key={index}>{step}</li>
            ))}
          </ol>
        )}
      </div>
    );
  }
  return (
    <p class="procedure-text">
      <a class="procedure-open" href={requiredDocumentHref(procedure.documentId)} target="_blank" rel="noopener" data-test="procedure-open" onClick={props.onOpened}>
        Open “{procedure.title}”
      </a>{' '}
      <span class="muted">
        ({KIND_NAMES[procedure.contentType] ?? 'file'}, {sizeText(procedure.size)})
      </span>
    </p>
  );
}
