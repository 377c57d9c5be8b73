// Document library operations: upload a plan or procedure, replace its file, rename or refile it, delete it, and
// find its file.
// The file is written (durably) before its record, and the record removed before its file, so the store never
// names a file that is not there; at worst a crash leaves an unnamed file behind.
import type { Slide } from '../../shared/content.ts';
import type { DocumentChange, DocumentRecord, DocumentReplaceQuery, DocumentUploadQuery } from '../../shared/documents.ts';
import { ApiError } from '../api-error.ts';
import { checkDocument, documentPath, newDocumentId, removeDocumentFile, writeDocumentFile } from '../documents/document-files.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { auditRecorder, durableWriter } from './change-kit.ts';

export interface DocumentOperationsDeps {
  store: Store;
  audit: AuditLog;
  documentsDir: string;
  now?: () => Date;
  logError?: (message: string) => void;
}

function existing(documents: readonly DocumentRecord[], id: string): DocumentRecord {
  const document = documents.find((d) => d.id === id);
  if (!document) throw new ApiError('not_found', 'There is no such document; it may have been deleted.');
  return document;
}

/** A name to show and offer on download: no folders, no control characters. */
function displayName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base === '' || base === '.' || base === '..' ? fallback : base;
}

/** A picture a published slide shows is changed only through the content, never under the screens' feet. */
function refuseIfShown(slides: readonly Slide[], id: string, what: string): void {
  const shownBy = slides.find((slide) => slide.kind === 'image' && slide.documentId === id);
  if (shownBy) throw new ApiError('conflict', `The published slide "${shownBy.title}" shows this picture: remove it from the content before you ${what}.`);
}

export function createDocumentOperations({ store, audit, documentsDir, now = () => new Date(), logError = console.error }: DocumentOperationsDeps) {
  const write = durableWriter(store, 'the documents');
  const record = auditRecorder(audit, now, logError);

  return {
    /** Newest first. */
    list(): DocumentRecord[] {
      return [...store.data.documents].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
    },

    async upload(query: DocumentUploadQuery, contentType: string, bytes: Uint8Array, actor: Actor): Promise<{ document: DocumentRecord; removed: string[] }> {
      if (query.buildingId !== undefined && !store.data.site.buildings.some((b) => b.id === query.buildingId)) {
        throw new ApiError('unknown_scope', `There is no building "${query.buildingId}" on this site.`);
      }
      const checked = await checkDocument(contentType, bytes);
      const id = newDocumentId();
      const path = documentPath(documentsDir, id, checked.contentType);
      const document: DocumentRecord = {
        id,
        title: query.title,
        category: query.category,
        originalName: displayName(query.filename, `${query.title}`),
        contentType: checked.contentType,
        size: checked.bytes.length,
        uploadedAt: now().toISOString(),
        uploadedBy: actor.username,
        ...(query.buildingId !== undefined ? { buildingId: query.buildingId } : {}),
      };
      try {
        await writeDocumentFile(path, checked.bytes);
      } catch (error) {
        logError(`Document file could not be written (${path}): ${(error as Error).message}`);
        throw new ApiError('storage_failed', 'The document could not be written to disk, so it was not added.');
      }
      try {
        await write((draft) => void draft.documents.push(document));
      } catch (error) {
        await removeDocumentFile(path).catch(() => undefined);
        throw error;
      }
      const removedNote = checked.removed.length > 0 ? `; removed: ${checked.removed.join(', ')}` : '';
      await record(actor, 'document.uploaded', `"${document.title}" (${document.category}, ${document.contentType}, ${document.size} bytes, ${id})${removedNote}`);
      return { document, removed: checked.removed };
    },

    /**
     * A new file for a document (a revised procedure): the same document, so whatever names it (a requirement to
     * read it) names the new file. The new file is in place before the record says so.
     */
    async replaceFile(id: string, query: DocumentReplaceQuery, contentType: string, bytes: Uint8Array, actor: Actor): Promise<{ document: DocumentRecord; removed: string[] }> {
      const before = existing(store.data.documents, id);
      refuseIfShown(store.data.content.slides, id, 'replace its file');
      const checked = await checkDocument(contentType, bytes);
      const path = documentPath(documentsDir, id, checked.contentType);
      try {
        await writeDocumentFile(path, checked.bytes);
      } catch (error) {
        logError(`Document file could not be written (${path}): ${(error as Error).message}`);
        throw new ApiError('storage_failed', 'The new file could not be written to disk, so the document was not changed.');
      }
      const document = await write((draft) => {
        const document = existing(draft.documents, id);
        document.contentType = checked.contentType;
        document.size = checked.bytes.length;
        document.originalName = displayName(query.filename, document.title);
        document.uploadedAt = now().toISOString();
        document.uploadedBy = actor.username;
        return { ...document };
      });
      if (before.contentType !== document.contentType) {
        await removeDocumentFile(documentPath(documentsDir, id, before.contentType)).catch((error: Error) => logError(`Replaced document's old file could not be removed: ${error.message}`));
      }
      const removedNote = checked.removed.length > 0 ? `; removed: ${checked.removed.join(', ')}` : '';
      await record(actor, 'document.replaced', `"${document.title}" (${id}): new file ${document.contentType}, ${document.size} bytes${removedNote}`);
      return { document, removed: checked.removed };
    },

    async change(id: string, change: DocumentChange, actor: Actor): Promise<DocumentRecord> {
      const { before, after } = await write((draft) => {
        const document = existing(draft.documents, id);
        const before = { ...document };
        if (change.title !== undefined) document.title = change.title;
        if (change.category !== undefined) document.category = change.category;
        return { before, after: { ...document } };
      });
      const changes = [
        before.title !== after.title ? `title "${before.title}" → "${after.title}"` : null,
        before.category !== after.category ? `category ${before.category} → ${after.category}` : null,
      ].filter((c) => c !== null);
      await record(actor, 'document.updated', `${id}: ${changes.length > 0 ? changes.join(', ') : 'no change'}`);
      return after;
    },

    async remove(id: string, actor: Actor): Promise<void> {
      const removed = await write((draft) => {
        const document = existing(draft.documents, id);
        // Screens would be left with a broken picture: the slide goes first.
        refuseIfShown(draft.content.slides, id, 'delete it');
        draft.documents = draft.documents.filter((d) => d.id !== id);
        return document;
      });
      await removeDocumentFile(documentPath(documentsDir, removed.id, removed.contentType)).catch((error: Error) =>
        logError(`Deleted document's file could not be removed: ${error.message}`),
      );
      await record(actor, 'document.deleted', `"${removed.title}" (${removed.category}, ${id})`);
    },

    /** A document's record and where its file is. */
    file(id: string): { document: DocumentRecord; path: string } {
      const document = existing(store.data.documents, id);
      return { document, path: documentPath(documentsDir, document.id, document.contentType) };
    },
  };
}

export type DocumentOperations = ReturnType<typeof createDocumentOperations>;
