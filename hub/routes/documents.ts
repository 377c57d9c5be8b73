// The document library: list (any role), open a document (any role), upload, replace a file, rename or refile,
// delete (admin).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { DocumentChangeSchema, DocumentReplaceQuerySchema, DocumentUploadQuerySchema, MAX_DOCUMENT_BYTES, type DocumentRecord } from '../../shared/documents.ts';
import { ApiError } from '../api-error.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import type { Actor } from '../domain/actor.ts';
import type { DocumentOperations } from '../domain/documents.ts';
import { declaredDocumentType } from '../documents/document-files.ts';
import { clientAddress } from './client-address.ts';
import { jsonBody } from './json-body.ts';
import { queryParams } from './query-params.ts';

/** Nothing in a stored document may run; Chrome's PDF viewer needs its inline styles and to embed the file itself. */
const IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const PDF_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; object-src 'self'";

function actorOf(c: Context<HubEnv>): Actor {
  const user = c.get('user')!; // requireRole ran first
  return { username: user.username, role: user.role, from: clientAddress(c) };
}

/** `inline; filename="plan.pdf"; filename*=UTF-8''…`: a plain-ASCII name for old clients, the real one for the rest. */
export function inlineDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A document's file, opened in the browser with nothing in it allowed to run (also the procedures' read route). */
export async function sendDocument(c: Context<HubEnv>, document: DocumentRecord, path: string) {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new ApiError('not_found', 'The file of this document is missing from the hub’s data directory.');
  }
  const stream = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return c.body(stream, 200, {
    'Content-Type': document.contentType,
    'Content-Length': String(size),
    'Content-Disposition': inlineDisposition(document.originalName),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': document.contentType === 'application/pdf' ? PDF_POLICY : IMAGE_POLICY,
    'Cache-Control': 'private, no-cache',
  });
}

/** An uploaded file: refused before the body is read when of the wrong kind (a 20 MiB upload of it costs nothing). */
const fileBody = [
  createMiddleware<HubEnv>(async (c, next) => {
    declaredDocumentType(c.req.header('content-type') ?? '');
    await next();
  }),
  bodyLimit({
    maxSize: MAX_DOCUMENT_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large', `Documents may be at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB.`);
    },
  }),
] as const;

export function documentRoutes(documents: DocumentOperations) {
  return new Hono<HubEnv>()
    .get('/', requireRole('admin', 'office', 'viewer'), (c) => c.json({ ok: true as const, documents: documents.list() }))
    .post('/', requireRole('admin'), ...fileBody, queryParams(DocumentUploadQuerySchema), async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const result = await documents.upload(c.req.valid('query'), c.req.header('content-type') ?? '', bytes, actorOf(c));
      return c.json({ ok: true as const, ...result });
    })
    .put('/:id/file', requireRole('admin'), ...fileBody, queryParams(DocumentReplaceQuerySchema), async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const result = await documents.replaceFile(c.req.param('id'), c.req.valid('query'), c.req.header('content-type') ?? '', bytes, actorOf(c));
      return c.json({ ok: true as const, ...result });
    })
    .get('/:id', requireRole('admin', 'office', 'viewer'), (c) => {
      const { document, path } = documents.file(c.req.param('id'));
      return sendDocument(c, document, path);
    })
    .patch('/:id', requireRole('admin'), jsonBody(DocumentChangeSchema), async (c) => {
      const document = await documents.change(c.req.param('id'), c.req.valid('json'), actorOf(c));
      return c.json({ ok: true as const, document });
    })
    .delete('/:id', requireRole('admin'), async (c) => {
      await documents.remove(c.req.param('id'), actorOf(c));
      return c.json({ ok: true as const });
    });
}
