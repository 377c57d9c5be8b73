// The files of the document library, in the data directory's documents/ folder. An upload is checked to be what it
// claims (a PDF header, PNG or JPEG image data, an SVG that is sanitised) and stored under a generated name: the
// uploader's file name never reaches the disk, so nothing uploaded can choose or escape its path.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DOCUMENT_TYPE_NAMES, DOCUMENT_TYPES, type DocumentType } from '../../shared/documents.ts';
import { ApiError } from '../api-error.ts';
import { imageDimensions, sanitizeSvg } from '../uploads/upload-checks.ts';

export const DOCUMENTS_DIR = 'documents';

/** Generated ids only: 32 lowercase hex digits, so a file name made from one has no separator or dot-dot. */
const ID_PATTERN = /^[a-f0-9]{32}$/;

export interface CheckedDocument {
  contentType: DocumentType;
  /** What will be stored: the upload itself, or an SVG as sanitised. */
  bytes: Uint8Array;
  /** What sanitising took out of an SVG, in words for the facility manager. */
  removed: string[];
}

export function newDocumentId(): string {
  return randomBytes(16).toString('hex');
}

/** The file of a document on disk, from its id and type; refuses anything but a generated id. */
export function documentPath(documentsDir: string, id: string, contentType: DocumentType): string {
  if (!ID_PATTERN.test(id)) throw new ApiError('not_found', 'No such document.');
  return join(documentsDir, `${id}.${DOCUMENT_TYPES[contentType][0]}`);
}

/** The type an upload declares in its Content-Type header, refused (415) unless the library takes it. */
export function declaredDocumentType(contentTypeHeader: string): DocumentType {
  const contentType = contentTypeHeader.split(';')[0]!.trim().toLowerCase();
  // Own keys only: "constructor" or "__proto__" is no document type.
  if (!Object.hasOwn(DOCUMENT_TYPES, contentType)) throw new ApiError('unsupported_type', `Upload documents as ${DOCUMENT_TYPE_NAMES} (this was ${contentType || 'of no stated type'}).`);
  return contentType as DocumentType;
}

/** The upload's declared type, checked against its bytes. */
export async function checkDocument(contentTypeHeader: string, bytes: Uint8Array): Promise<CheckedDocument> {
  const type = declaredDocumentType(contentTypeHeader);
  if (bytes.length === 0) throw new ApiError('bad_request', 'The file is empty.');
  if (type === 'application/pdf') {
    // Every PDF starts with its version header; a renamed text or Word file does not.
    if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new ApiError('bad_request', 'This file is not a PDF: it does not start with a PDF header.');
    return { contentType: type, bytes, removed: [] };
  }
  if (type === 'image/svg+xml') {
    const sanitized = await sanitizeSvg(bytes);
    return { contentType: type, bytes: Buffer.from(sanitized.svg, 'utf8'), removed: sanitized.removed };
  }
  const found = await imageDimensions(bytes);
  const expected = type === 'image/png' ? 'png' : 'jpg';
  if (!found || found.type !== expected || !found.width || !found.height) {
    throw new ApiError('bad_request', `This file is not a readable ${expected === 'png' ? 'PNG' : 'JPEG'} image.`);
  }
  return { contentType: type, bytes, removed: [] };
}

/** Written to a temporary name, synced, then renamed: a crash leaves either the whole file or none. */
export async function writeDocumentFile(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  const temp = `${path}.tmp`;
  const file = await open(temp, 'w', 0o600);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(temp, { force: true });
    throw error;
  }
  await file.close();
  await rename(temp, path);
}

export async function removeDocumentFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
