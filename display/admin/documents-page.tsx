// The Documents page: the emergency plan binder in one place. Everyone logged in sees the library grouped by
// category and opens documents in a new tab; an admin also uploads, renames, refiles and deletes them.
import { useEffect, useState } from 'preact/hooks';
import { DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_LABELS, type DocumentRecord } from '../../shared/documents.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { DocumentRow } from './document-row.tsx';
import { DocumentUploadForm } from './document-upload-form.tsx';

const byTitle = (a: DocumentRecord, b: DocumentRecord) => a.title.localeCompare(b.title);

export function DocumentsPage(props: { canEdit: boolean }) {
  const [documents, setDocuments] = useState<DocumentRecord[] | null>(null);
  const load = useApiAction();
  useEffect(() => {
    void load.run(() => call(api.documents.$get())).then((body) => body && setDocuments(body.documents));
  }, []);

  const put = (document: DocumentRecord) => setDocuments((list) => [...(list ?? []).filter((d) => d.id !== document.id), document]);
  const drop = (id: string) => setDocuments((list) => (list ?? []).filter((d) => d.id !== id));

  if (load.error) {
    return (
      <p class="error" role="alert" data-test="documents-error">
        {load.error}
      </p>
    );
  }
  if (!documents) return <p class="muted">Loading the documents…</p>;
  return (
    <div class="documents-page" data-test="documents-page">
      <div class="document-groups">
        {documents.length === 0 && <p class="muted" data-test="documents-empty">No documents yet.{props.canEdit ? ' Upload the emergency plan first.' : ''}</p>}
        {DOCUMENT_CATEGORIES.map((category) => {
          const inCategory = documents.filter((d) => d.category === category).sort(byTitle);
          if (inCategory.length === 0) return null;
          return (
            <section key={category} class="document-group" data-test={`document-group-${category}`} aria-labelledby={`documents-${category}`}>
              <h3 id={`documents-${category}`}>{DOCUMENT_CATEGORY_LABELS[category]}</h3>
              <ul class="document-list">
                {inCategory.map((document) => (
                  <DocumentRow key={document.id} document={document} canEdit={props.canEdit} onChanged={put} onDeleted={drop} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {props.canEdit && (
        <section class="side-section" aria-labelledby="document-upload-title">
          <h3 id="document-upload-title">Add a document</h3>
          <DocumentUploadForm onUploaded={put} />
        </section>
      )}
    </div>
  );
}
