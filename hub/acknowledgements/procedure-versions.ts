// The version of a procedure is a hash of what the reader reads: a mode's directive and staff steps in the school's
// default language, or a document's file. Editing anything else (the students' steps, the PA script, a document's
// title) is not a new version and asks nobody again.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { DocumentRecord } from '../../shared/documents.ts';

const VERSION_LENGTH = 16;

const shortHash = (hash: ReturnType<typeof createHash>) => hash.digest('base64url').slice(0, VERSION_LENGTH);

export function modeStaffVersion(text: { directive: string; staff: readonly string[] }): string {
  return shortHash(createHash('sha256').update(JSON.stringify([text.directive, text.staff])));
}

/** Streamed, so a 20 MiB blueprint is hashed in small chunks between other work rather than in one block. */
export async function fileVersion(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) hash.update(chunk as Buffer);
  return shortHash(hash);
}

/**
 * Document versions, each file hashed once per hub start. A replaced file gets a new upload time and size, so the
 * record names a new entry and the new file is hashed; the old entry is dropped.
 */
export class DocumentVersions {
  private readonly known = new Map<string, { record: string; version: Promise<string> }>();

  constructor(private readonly pathOf: (document: DocumentRecord) => string) {}

  of(document: DocumentRecord): Promise<string> {
    const record = `${document.uploadedAt}|${document.size}|${document.contentType}`;
    const known = this.known.get(document.id);
    if (known?.record === record) return known.version;
    const version = fileVersion(this.pathOf(document));
    // A file that could not be read is tried again next time rather than remembered as failed.
    version.catch(() => this.known.get(document.id)?.version === version && this.known.delete(document.id));
    this.known.set(document.id, { record, version });
    return version;
  }
}
