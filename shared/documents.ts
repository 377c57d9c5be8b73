// The document library on the wire: the emergency plan binder's plans, blueprints and procedures. The hub checks
// uploads with these limits and schemas and the admin console checks its form with the same ones.
import { z } from 'zod';
import { IdSchema } from './model.ts';

/** A scanned binder runs to a few megabytes; 20 MiB leaves room for a large blueprint without filling the disk. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** The content types the hub takes, with the file extensions a browser may give them. */
export const DOCUMENT_TYPES = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/svg+xml': ['svg'],
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_NAMES = 'PDF, PNG, JPEG or SVG';

export const DOCUMENT_CATEGORIES = ['emergency-plan', 'floor-plan', 'procedure', 'other'] as const;
export const DOCUMENT_CATEGORY_LABELS: Record<DocumentCategory, string> = {
  'emergency-plan': 'Emergency plans',
  'floor-plan': 'Floor plans and blueprints',
  procedure: 'Procedures',
  other: 'Other documents',
};

/** No default: whoever files a document must choose where it goes. */
export const DocumentCategorySchema = z.enum(DOCUMENT_CATEGORIES, { error: `choose a category: ${DOCUMENT_CATEGORIES.join(', ')}` });
export type DocumentCategory = z.infer<typeof DocumentCategorySchema>;

export const DocumentTitleSchema = z.string({ error: 'give the document a title' }).trim().min(1, 'give the document a title').max(200, 'use at most 200 characters for the title');

/** The query of an upload (the body is the file itself). */
export const DocumentUploadQuerySchema = z.strictObject({
  title: DocumentTitleSchema,
  category: DocumentCategorySchema,
  /** The name of the file on the uploader's computer: shown and offered on download, never used on disk. */
  filename: z.string().max(255, 'use a file name of at most 255 characters').optional(),
  buildingId: z.optional(IdSchema),
});
export type DocumentUploadQuery = z.infer<typeof DocumentUploadQuerySchema>;

/** The query of a file replacing a document's file (the body is the new file). */
export const DocumentReplaceQuerySchema = DocumentUploadQuerySchema.pick({ filename: true });
export type DocumentReplaceQuery = z.infer<typeof DocumentReplaceQuerySchema>;

export const DocumentChangeSchema = z
  .strictObject({ title: DocumentTitleSchema.optional(), category: DocumentCategorySchema.optional() })
  .refine((change) => change.title !== undefined || change.category !== undefined, 'change the title, the category, or both');
export type DocumentChange = z.infer<typeof DocumentChangeSchema>;

export const DocumentRecordSchema = z.object({
  /** Also the file's name on disk, with the extension of its type. */
  id: z.string().regex(/^[a-f0-9]{32}$/),
  title: z.string(),
  category: DocumentCategorySchema,
  originalName: z.string(),
  contentType: z.enum(Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]]),
  /** Bytes as stored (an SVG after sanitising). */
  size: z.number().int().nonnegative(),
  uploadedAt: z.iso.datetime(),
  uploadedBy: z.string(),
  buildingId: z.string().optional(),
});
export type DocumentRecord = z.infer<typeof DocumentRecordSchema>;

/** The type a browser names for a file, or the one its extension implies when it names none (.svg often). */
export function documentTypeOf(file: { type: string; name: string }): DocumentType | null {
  if (Object.hasOwn(DOCUMENT_TYPES, file.type)) return file.type as DocumentType;
  if (file.type !== '') return null;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  const found = Object.entries(DOCUMENT_TYPES).find(([, extensions]) => (extensions as readonly string[]).includes(extension));
  return (found?.[0] as DocumentType | undefined) ?? null;
}
