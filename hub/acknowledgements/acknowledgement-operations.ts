// Procedure acknowledgement: the procedures required of staff in their current versions, a person's own list, their
// "I have read and understood this", the admin's choice of what is required, and who has read what. Every change is
// written to acknowledgements.json before it is audited.
import {
  documentProcedureKey,
  modeProcedureKey,
  type Acknowledge,
  type MyProcedure,
  type Procedure,
  type ProcedureChoice,
  type RequiredProcedures,
} from '../../shared/acknowledgements.ts';
import type { DocumentRecord } from '../../shared/documents.ts';
import { DEFAULT_PRIORITY, isEmergency, modeWordingFor } from '../../shared/modes.ts';
import type { EmergencyModeId } from '../../shared/model.ts';
import { ApiError } from '../api-error.ts';
import type { Actor } from '../domain/actor.ts';
import { auditRecorder } from '../domain/change-kit.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { JsonDocument } from '../store/json-document.ts';
import { StorageError } from '../store/json-document.ts';
import type { Store } from '../store/store.ts';
import type { AcknowledgementsFile } from './acknowledgements-file.ts';
import { DocumentVersions, modeStaffVersion } from './procedure-versions.ts';
import { peopleDue, Readings, standingsByPerson, standingsByProcedure } from './who-is-due.ts';

export interface AcknowledgementOperationsDeps {
  store: Store;
  file: JsonDocument<AcknowledgementsFile>;
  audit: AuditLog;
  /** Where a document's file is on disk. */
  documentPath: (document: DocumentRecord) => string;
  now?: () => Date;
  logError?: (message: string) => void;
}

/** The modes in the order staff learn them: the most serious first. */
const MODES_IN_ORDER = DEFAULT_PRIORITY.filter(isEmergency);

export function createAcknowledgementOperations({ store, file, audit, documentPath, now = () => new Date(), logError = console.error }: AcknowledgementOperationsDeps) {
  const record = auditRecorder(audit, now, logError);
  const documentVersions = new DocumentVersions(documentPath);
  const write = async <T>(mutate: (draft: AcknowledgementsFile) => T): Promise<T> => {
    try {
      return await file.update(mutate);
    } catch (error) {
      if (error instanceof StorageError) throw new ApiError('storage_failed', 'The acknowledgement could not be saved, so it was not recorded. Try again.');
      throw error;
    }
  };

  const modeText = (mode: EmergencyModeId) => modeWordingFor(mode, store.data.site.defaultLanguage, store.data.modeWordings);

  /**
   * Each mode's staff wording version, and since when it has been the current one. A wording saved in the admin
   * console is noted at once (modeWordingsChanged); one the hub finds changed otherwise (a new default language, a
   * restored backup) dates from when it was found.
   */
  async function modeVersions(): Promise<AcknowledgementsFile['modeVersions']> {
    const found = MODES_IN_ORDER.map((mode) => ({ mode, version: modeStaffVersion(modeText(mode)) }));
    if (found.every(({ mode, version }) => file.data.modeVersions[mode]?.version === version)) return file.data.modeVersions;
    const since = now().toISOString();
    await write((draft) => {
      for (const { mode, version } of found) if (draft.modeVersions[mode]?.version !== version) draft.modeVersions[mode] = { version, since };
    });
    return file.data.modeVersions;
  }

  function modeProcedure(mode: EmergencyModeId, versions: AcknowledgementsFile['modeVersions']): Procedure {
    const text = modeText(mode);
    return {
      key: modeProcedureKey(mode),
      kind: 'mode',
      mode,
      title: `${text.name}: staff steps`,
      directive: text.directive,
      steps: [...text.staff],
      version: modeStaffVersion(text),
      updatedAt: versions[mode]?.since ?? null,
    };
  }

  async function documentProcedure(document: DocumentRecord): Promise<Procedure> {
    return {
      key: documentProcedureKey(document.id),
      kind: 'document',
      documentId: document.id,
      title: document.title,
      contentType: document.contentType,
      size: document.size,
      category: document.category,
      version: await documentVersions.of(document),
      updatedAt: document.uploadedAt,
    };
  }

  /** The required documents that are still in the library (a deleted one is simply no longer asked for). */
  const requiredDocuments = (): DocumentRecord[] =>
    file.data.required.documents
      .map((id) => store.data.documents.find((d) => d.id === id))
      .filter((d) => d !== undefined)
      .sort((a, b) => a.title.localeCompare(b.title));

  /** Every required procedure in its current version: modes first, most serious first, then documents by title. */
  async function required(): Promise<Procedure[]> {
    const versions = await modeVersions();
    const modes = MODES_IN_ORDER.filter((mode) => file.data.required.modes.includes(mode)).map((mode) => modeProcedure(mode, versions));
    const documents = await Promise.allSettled(requiredDocuments().map(documentProcedure));
    return [
      ...modes,
      ...documents.flatMap((result) => {
        if (result.status === 'fulfilled') return [result.value];
        // A file missing from the data directory: staff cannot read it, so it is not asked for; the admin hears why.
        logError(`A required document could not be read, so it is not asked for: ${(result.reason as Error).message}`);
        return [];
      }),
    ];
  }

  const readings = () => new Readings(file.data.acknowledgements);

  async function mine(username: string): Promise<MyProcedure[]> {
    const ofMine = readings();
    return (await required()).map((procedure) => ({ ...procedure, ...ofMine.of(username, procedure) }));
  }

  return {
    mine,

    async acknowledge(ask: Acknowledge, actor: Actor): Promise<MyProcedure[]> {
      const procedure = (await required()).find((p) => p.key === ask.procedure);
      if (!procedure) throw new ApiError('not_found', 'This procedure is not one you are asked to acknowledge (any more): reload the list.');
      if (procedure.version !== ask.version) {
        throw new ApiError('conflict', `“${procedure.title}” has changed since you opened it: read the new version and acknowledge that one.`);
      }
      if (readings().of(actor.username, procedure).status !== 'current') {
        const at = now().toISOString();
        await write((draft) => {
          draft.acknowledgements = draft.acknowledgements.filter((a) => !(a.username === actor.username && a.procedure === procedure.key));
          draft.acknowledgements.push({ username: actor.username, procedure: procedure.key, version: procedure.version, at });
        });
        await record(actor, 'procedure.acknowledged', `“${procedure.title}” (${procedure.key}), version ${procedure.version}`);
      }
      return mine(actor.username);
    },

    /** Who has read the current version of each required procedure, who an older one, who never; and per person. */
    async standings() {
      const procedures = await required();
      const tookPart = new Set(file.data.acknowledgements.map((a) => a.username));
      const people = peopleDue(store.data.users, tookPart);
      const read = readings();
      const { changedAt, changedBy } = file.data.required;
      return {
        procedures: standingsByProcedure(procedures, people, read),
        people: standingsByPerson(procedures, people, read),
        choices: choices(),
        changedAt,
        changedBy,
      };
    },

    async setRequired(wanted: RequiredProcedures, actor: Actor) {
      const unknown = wanted.documents.filter((id) => !store.data.documents.some((d) => d.id === id));
      if (unknown.length > 0) throw new ApiError('not_found', `There is no document ${unknown.join(', ')} in the library; it may have been deleted. Reload the page.`);
      const modes = MODES_IN_ORDER.filter((mode) => wanted.modes.includes(mode));
      const documents = [...new Set(wanted.documents)];
      const at = now().toISOString();
      await write((draft) => {
        draft.required = { modes, documents, changedAt: at, changedBy: actor.username };
      });
      const titles = choices()
        .filter((c) => c.required)
        .map((c) => `“${c.title}”`);
      await record(actor, 'procedure.requirements-changed', titles.length > 0 ? `staff must acknowledge ${titles.join(', ')}` : 'no procedure must be acknowledged');
    },

    /** A required document's file, for staff to read; any other document is not theirs to open here. */
    requiredDocument(id: string): { document: DocumentRecord; path: string } {
      const document = requiredDocuments().find((d) => d.id === id);
      if (!document) throw new ApiError('not_found', 'No such document among the procedures to read.');
      return { document, path: documentPath(document) };
    },

    /** Called when the admin saves or restores a mode's wording, so "updated on" is the day it changed. */
    modeWordingsChanged(): void {
      modeVersions().catch((error: Error) => logError(`Mode wording versions could not be noted: ${error.message}`));
    },
  };

  function choices(): ProcedureChoice[] {
    const { modes, documents } = file.data.required;
    return [
      ...MODES_IN_ORDER.map((mode): ProcedureChoice => ({ key: modeProcedureKey(mode), kind: 'mode', title: `${modeText(mode).name}: staff steps`, required: modes.includes(mode) })),
      ...[...store.data.documents]
        .sort((a, b) => a.title.localeCompare(b.title))
        .map((d): ProcedureChoice => ({ key: documentProcedureKey(d.id), kind: 'document', title: d.title, required: documents.includes(d.id) })),
    ];
  }
}

export type AcknowledgementOperations = ReturnType<typeof createAcknowledgementOperations>;
