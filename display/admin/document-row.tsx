// One document in the library: open it in a new tab; for an admin, rename or refile it, replace its file (a revised
// procedure, which staff are asked to read again), or delete it after a confirm.
import { useRef, useState } from 'preact/hooks';
import { DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_LABELS, DocumentChangeSchema, documentTypeOf, type DocumentRecord } from '../../shared/documents.ts';
import { api, call } from '../lib/api-client.ts';
import { sizeText } from '../lib/file-size.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { ACCEPT, fileProblem } from './document-upload-form.tsx';

const KIND_NAMES: Record<DocumentRecord['contentType'], string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/svg+xml': 'SVG' };

export function DocumentRow(props: { document: DocumentRecord; canEdit: boolean; onChanged: (document: DocumentRecord) => void; onDeleted: (id: string) => void }) {
  const { document } = props;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [title, setTitle] = useState(document.title);
  const [category, setCategory] = useState(document.category);
  const [problem, setProblem] = useState<string | null>(null);
  const [replaced, setReplaced] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { busy, error, run } = useApiAction();

  const save = async (event: Event) => {
    event.preventDefault();
    const checked = DocumentChangeSchema.safeParse({ title, category });
    if (!checked.success) return setProblem(checked.error.issues[0]!.message);
    setProblem(null);
    const body = await run(() => call(api.documents[':id'].$patch({ param: { id: document.id }, json: checked.data })));
    if (!body) return;
    setEditing(false);
    props.onChanged(body.document);
  };

  const replaceFile = async (file: File | undefined) => {
    if (!file) return;
    const problem = fileProblem(file);
    if (problem) return setReplaced(problem);
    setReplaced(null);
    const query = new URLSearchParams({ filename: file.name });
    const body = await run(() =>
      call<{ ok: true; document: DocumentRecord } | { ok: false }>(
        fetch(`/api/documents/${document.id}/file?${query}`, { method: 'PUT', headers: { 'Content-Type': documentTypeOf(file)! }, body: file, credentials: 'same-origin' }),
      ),
    );
    if (!body) return;
    setReplaced(`Replaced with ${file.name}. Staff who must read this document will be asked to read it again.`);
    props.onChanged(body.document);
  };

  const remove = async () => {
    const body = await run(() => call(api.documents[':id'].$delete({ param: { id: document.id } })));
    if (body) props.onDeleted(document.id);
  };

  return (
    <li class="document-row" data-test="document-row" data-document-id={document.id}>
      {editing ? (
        <form class="document-rename" onSubmit={save} noValidate>
          <label>
            Title
            <input data-test="document-rename-title" value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
          <label>
            Category
            <select data-test="document-rename-category" value={category} onChange={(e) => setCategory(e.currentTarget.value as DocumentRecord['category'])}>
              {DOCUMENT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {DOCUMENT_CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="primary" data-test="document-rename-save" disabled={busy}>
            Save
          </button>
          <button type="button" onClick={() => (setEditing(false), setTitle(document.title), setCategory(document.category), setProblem(null))}>
            Cancel
          </button>
          {problem && (
            <p class="field-problem" data-test="document-rename-problem">
              {problem}
            </p>
          )}
        </form>
      ) : (
        <>
          <a href={`/api/documents/${document.id}`} target="_blank" rel="noopener" data-test="document-open">
            {document.title}
          </a>
          <span class="muted">
            {' '}
            {KIND_NAMES[document.contentType]}, {sizeText(document.size)} · {document.originalName} · uploaded {document.uploadedAt.slice(0, 10)} by {document.uploadedBy}
          </span>
          {props.canEdit && !confirming && (
            <span class="document-actions">
              <button type="button" class="link-button" data-test="document-rename" onClick={() => setEditing(true)}>
                Rename
              </button>
              <button type="button" class="link-button" data-test="document-replace" disabled={busy} onClick={() => fileInput.current?.click()}>
                Replace file
              </button>
              <input
                ref={fileInput}
                type="file"
                accept={ACCEPT}
                hidden
                data-test="document-replace-file"
                onChange={(e) => {
                  const input = e.currentTarget;
                  // Cleared afterwards, so the same file chosen again is a change again.
                  void replaceFile(input.files?.[0]).finally(() => (input.value = ''));
                }}
              />
              <button type="button" class="link-button" data-test="document-delete" onClick={() => setConfirming(true)}>
                Delete
              </button>
            </span>
          )}
          {confirming && (
            <span class="document-actions" role="group" aria-label="Confirm deletion">
              Delete “{document.title}” for everyone?{' '}
              <button type="button" class="secondary danger" data-test="document-delete-confirm" disabled={busy} onClick={() => void remove()}>
                Delete
              </button>
              <button type="button" data-test="document-delete-cancel" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </span>
          )}
        </>
      )}
      {replaced && (
        <p class="muted" role="status" data-test="document-replaced">
          {replaced}
        </p>
      )}
      {error && (
        <p class="error" role="alert" data-test="document-row-error">
          {error}
        </p>
      )}
    </li>
  );
}
