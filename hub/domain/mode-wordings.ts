// The school's own wording of each mode's directive and steps, per language: saved, audited and pushed to every
// screen at once (and cached there for offline use). Restoring a wording brings back the catalogue's.
import { createHash } from 'node:crypto';
import type { ModeWording, ModeWordings } from '../../shared/mode-texts.ts';
import type { EmergencyModeId, Language } from '../../shared/model.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { auditRecorder, durableWriter } from './change-kit.ts';

export function wordingsVersion(wordings: ModeWordings): string {
  return createHash('sha256').update(JSON.stringify(wordings)).digest('base64url').slice(0, 16);
}

export interface ModeWordingOperationsDeps {
  store: Store;
  audit: AuditLog;
  realtime: RealtimeHub;
  now?: () => Date;
  /** Told after a wording is saved or restored (procedure acknowledgement dates the new staff steps by it). */
  onChanged?: () => void;
}

export function createModeWordingOperations({ store, audit, realtime, now = () => new Date(), onChanged = () => {} }: ModeWordingOperationsDeps) {
  const write = durableWriter(store, 'the wording');
  const record = auditRecorder(audit, now);
  const change = async (mode: EmergencyModeId, language: Language, wording: ModeWording | null, actor: Actor) => {
    await write((draft) => {
      const forMode = { ...draft.modeWordings[mode] };
      if (wording) forMode[language] = wording;
      else delete forMode[language];
      if (Object.keys(forMode).length > 0) draft.modeWordings = { ...draft.modeWordings, [mode]: forMode };
      else {
        const { [mode]: _gone, ...rest } = draft.modeWordings;
        draft.modeWordings = rest;
      }
    });
    realtime.publishWordings();
    onChanged();
    await record(actor, 'mode.wording-changed', `${mode} (${language}): ${wording ? 'new wording' : 'back to the built-in wording'}`, { mode });
    return current();
  };
  const current = () => ({ version: wordingsVersion(store.data.modeWordings), wordings: store.data.modeWordings });

  return {
    current,
    save: (mode: EmergencyModeId, language: Language, wording: ModeWording, actor: Actor) => change(mode, language, wording, actor),
    restore: (mode: EmergencyModeId, language: Language, actor: Actor) => change(mode, language, null, actor),
  };
}

export type ModeWordingOperations = ReturnType<typeof createModeWordingOperations>;
