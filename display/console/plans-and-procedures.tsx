// The office's read-only view of the document library: a collapsed section at the bottom of the page, so it never
// pushes the mode buttons or the roll-call down. Loaded when first opened; documents open in a new tab.
import { useState } from 'preact/hooks';
import { DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_LABELS, type DocumentRecord } from '../../shared/documents.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';

export function PlansAndProcedures() {
  const [documents, setDocuments] = useState<DocumentRecord[] | null>(null);
  const { busy, error, run } = useApiAction();

  const load = () => void run(() => call(api.documents.$get())).then((body) => body && setDocuments(body.documents));

  return (
    <details
      class="panel plans-and-procedures"
      data-test="plans-and-procedures"
      onToggle={(e) => {
        // Fetched again on every opening: the facility manager may have added a plan since.
        if (e.currentTarget.open) load();
      }}
    >
      <summary>
        <h2>Plans and procedures</h2>
      </summary>
      {busy && !documents && <p class="muted">Loading…</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {documents && documents.length === 0 && <p class="muted">No plans or procedures have been added yet.</p>}
      {documents &&
        DOCUMENT_CATEGORIES.map((category) => {
          const inCategory = documents.filter((d) => d.category === category).sort((a, b) => a.title.localeCompare(b.title));
          if (inCategory.length === 0) return null;
          return (
            <section key={category} aria-label={DOCUMENT_CATEGORY_LABELS[category]}>
              <h3>{DOCUMENT_CATEGORY_LABELS[category]}</h3>
              <ul class="plan-list">
                {inCategory.map((document) => (
                  <li key={document.id}>
                    <a href={`/api/documents/${document.id}`} target="_blank" rel="noopener" data-test="office-document">
                      {document.title}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
    </details>
  );
}
