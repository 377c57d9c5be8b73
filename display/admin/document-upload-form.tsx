// Adding a plan, blueprint or procedure to the library: a title, a category that must be chosen, and the file.
// Type, size, title and category are checked here with the hub's own limits; whatever the hub still refuses
// (a file that is not what its name says) is shown in the form too.
import { useRef, useState } from 'preact/hooks';
import {
  DOCUMENT_CATEGORIES,
  DOCUMENT_CATEGORY_LABELS,
  DOCUMENT_TYPE_NAMES,
  DOCUMENT_TYPES,
  DocumentUploadQuerySchema,
  MAX_DOCUMENT_BYTES,
  documentTypeOf,
  type DocumentRecord,
  type DocumentType,
} from '../../shared/documents.ts';
import { call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';

type Field = 'title' | 'category' | 'file';
type Problems = Partial<Record<Field, string>>;

interface UploadReply {
  ok: true;
  document: DocumentRecord;
  removed: string[];
}

export const ACCEPT = [...Object.keys(DOCUMENT_TYPES), ...Object.values(DOCUMENT_TYPES).flat().map((extension) => `.${extension}`)].join(',');
const MAX_MIB = MAX_DOCUMENT_BYTES / 1024 / 1024;

/** Raw upload (not JSON), so not through the typed client; `call` still words the hub's errors. */
function uploadDocument(query: Record<string, string>, type: DocumentType, file: File): Promise<UploadReply> {
  return call<UploadReply | { ok: false }>(
    fetch(`/api/documents?${new URLSearchParams(query)}`, { method: 'POST', headers: { 'Content-Type': type }, body: file, credentials: 'same-origin' }),
  );
}

/** What is wrong with a chosen file before it is sent (also for a replacement, document-row.tsx), or null. */
export function fileProblem(file: File | null): string | null {
  if (!file) return 'Choose the file to upload.';
  if (!documentTypeOf(file)) return `${file.name} is not a ${DOCUMENT_TYPE_NAMES} file.`;
  if (file.size > MAX_DOCUMENT_BYTES) return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MiB; documents may be at most ${MAX_MIB} MiB.`;
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}

export function DocumentUploadForm(props: { onUploaded: (document: DocumentRecord) => void }) {
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [report, setReport] = useState<string | null>(null);
  const { busy, error, run } = useApiAction();
  const fileInput = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setReport(null);
    const found: Problems = {};
    const checked = DocumentUploadQuerySchema.safeParse({ title, category: category || undefined, ...(file ? { filename: file.name } : {}) });
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = issue.path[0] as Field;
        found[field] ??= issue.message.charAt(0).toUpperCase() + issue.message.slice(1) + '.';
      }
    }
    const badFile = fileProblem(file);
    if (badFile) found.file = badFile;
    setProblems(found);
    if (!checked.success || badFile || !file) return;
    const reply = await run(() => uploadDocument({ ...checked.data } as Record<string, string>, documentTypeOf(file)!, file));
    if (!reply) return;
    setTitle('');
    setCategory('');
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
    setReport(
      reply.removed.length === 0
        ? `Added “${reply.document.title}”.`
        : `Added “${reply.document.title}”. For safety the hub removed from the drawing: ${reply.removed.join('; ')}. Check that it still looks right.`,
    );
    props.onUploaded(reply.document);
  };

  const problem = (field: Field) =>
    problems[field] && (
      <p class="field-problem" id={`document-${field}-problem`} data-test={`document-${field}-problem`}>
        {problems[field]}
      </p>
    );

  return (
    <form class="new-user-form document-upload" data-test="document-upload-form" onSubmit={submit} noValidate>
      <label>
        Title
        <input
          data-test="document-title"
          value={title}
          maxLength={200}
          aria-invalid={problems.title ? true : undefined}
          aria-describedby={problems.title ? 'document-title-problem' : undefined}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      {problem('title')}
      <label>
        Category
        <select
          data-test="document-category"
          value={category}
          aria-invalid={problems.category ? true : undefined}
          aria-describedby={problems.category ? 'document-category-problem' : undefined}
          onChange={(e) => setCategory(e.currentTarget.value)}
        >
          <option value="" disabled>
            Choose a category…
          </option>
          {DOCUMENT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {DOCUMENT_CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      {problem('category')}
      <label class="file-label">
        File
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPT}
          data-test="document-file"
          aria-invalid={problems.file ? true : undefined}
          aria-describedby={['document-file-hint', problems.file && 'document-file-problem'].filter(Boolean).join(' ')}
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0] ?? null;
            setFile(chosen);
            // Said at once: no point filling in the rest for a file the hub will not take.
            setProblems((p) => ({ ...p, file: chosen ? (fileProblem(chosen) ?? undefined) : undefined }));
          }}
        />
      </label>
      <p class="hint" id="document-file-hint">
        {DOCUMENT_TYPE_NAMES}, up to {MAX_MIB} MiB. SVG drawings are cleaned of anything that could run.
      </p>
      {problem('file')}
      <div class="form-actions">
        <button type="submit" class="primary" data-test="document-submit" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
      {error && (
        <p class="error" role="alert" data-test="document-upload-error">
          {error}
        </p>
      )}
      {report && (
        <p class="saved-note" role="status" data-test="document-uploaded">
          {report}
        </p>
      )}
    </form>
  );
}
