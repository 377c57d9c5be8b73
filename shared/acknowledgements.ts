// Procedure acknowledgement on the wire: which procedures staff must read (a mode's staff steps, a binder document),
// what each looks like to the reader, and who has read which version. A version is a hash of the content (made by
// the hub), so a changed wording or a replaced file asks everyone again without anyone remembering to bump a number.
import { z } from 'zod';
import { EMERGENCY_MODES, type EmergencyModeId, type Role } from './model.ts';
import type { DocumentType } from './documents.ts';

/** "mode:lockdown" or "document:<32 hex digits>". */
export type ProcedureKey = `mode:${EmergencyModeId}` | `document:${string}`;

const PROCEDURE_KEY = new RegExp(`^(mode:(${EMERGENCY_MODES.join('|')})|document:[a-f0-9]{32})$`);
export const ProcedureKeySchema = z
  .string({ error: 'name the procedure, e.g. "mode:lockdown"' })
  .regex(PROCEDURE_KEY, 'a procedure is "mode:<mode>" or "document:<document id>"') as unknown as z.ZodType<ProcedureKey>;

/** Versions are 16 URL-safe characters of a SHA-256. */
export const ProcedureVersionSchema = z.string({ error: 'say which version was read' }).regex(/^[A-Za-z0-9_-]{16}$/, 'a version as the hub gave it');

export const AcknowledgeSchema = z.strictObject({ procedure: ProcedureKeySchema, version: ProcedureVersionSchema });
export type Acknowledge = z.infer<typeof AcknowledgeSchema>;

/** What the admin asks staff to acknowledge. */
export const RequiredProceduresSchema = z.strictObject({
  modes: z.array(z.enum(EMERGENCY_MODES, { error: `a mode: ${EMERGENCY_MODES.join(', ')}` })).max(EMERGENCY_MODES.length),
  documents: z.array(z.string().regex(/^[a-f0-9]{32}$/, 'a document id')).max(200, 'at most 200 documents'),
});
export type RequiredProcedures = z.infer<typeof RequiredProceduresSchema>;

/**
 * By default every mode's staff steps must be acknowledged: they are what a teacher does in the first minute, and they
 * are short. Binder documents are opt-in: the binder also holds blueprints and plans no teacher needs to sign for.
 */
export const DEFAULT_REQUIRED: RequiredProcedures = { modes: [...EMERGENCY_MODES], documents: [] };

/** One procedure as the reader sees it, in its current version. */
export type Procedure = {
  key: ProcedureKey;
  title: string;
  version: string;
  /** When the current version came to be (a wording saved, a file replaced); null when the hub cannot tell. */
  updatedAt: string | null;
} & (
  | { kind: 'mode'; mode: EmergencyModeId; directive: string; steps: string[] }
  | { kind: 'document'; documentId: string; contentType: DocumentType; size: number; category: string }
);

/** current: read in this version; older: read an earlier one, so asked again; never: not yet read. */
export type ReadingStatus = 'current' | 'older' | 'never';

export interface Reading {
  version: string;
  at: string;
}

/** A procedure for the person reading it: due until its current version is acknowledged. */
export type MyProcedure = Procedure & { status: ReadingStatus; acknowledged: Reading | null };

export interface Person {
  username: string;
  role: Role;
}

/** The admin's view of one procedure: who read the current version, who an older one, who never. */
export interface ProcedureStanding {
  procedure: Procedure;
  current: (Person & Reading)[];
  older: (Person & Reading)[];
  never: Person[];
}

/** The admin's view of one person. */
export interface PersonStanding {
  person: Person;
  readings: { procedure: ProcedureKey; status: ReadingStatus; acknowledged: Reading | null }[];
}

/** A procedure the admin may require, and whether it is. */
export interface ProcedureChoice {
  key: ProcedureKey;
  title: string;
  kind: 'mode' | 'document';
  required: boolean;
}

/** Where a staff member opens a required document (only required ones are served to staff). */
export function requiredDocumentHref(documentId: string): string {
  return `/api/acknowledgements/documents/${documentId}`;
}

export function modeProcedureKey(mode: EmergencyModeId): ProcedureKey {
  return `mode:${mode}`;
}

export function documentProcedureKey(documentId: string): ProcedureKey {
  return `document:${documentId}`;
}
