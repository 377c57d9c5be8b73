// The tone each mode starts with on the screens, and the All Clear's: saved, audited and pushed to every screen at
// once (which keeps it with its saved state, so a screen offline still sounds the school's choice).
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import type { ModeTones } from '../../shared/mode-tones.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { auditRecorder, durableWriter } from './change-kit.ts';

export interface ModeToneOperationsDeps {
  store: Store;
  audit: AuditLog;
  realtime: RealtimeHub;
  now?: () => Date;
}

/** "Lockdown: alarm → none; All Clear: rising-chime → chime", for the audit log. */
function changesInWords(before: ModeTones, after: ModeTones): string {
  const keys = Object.keys(after) as (keyof ModeTones)[];
  const name = (key: keyof ModeTones) => (key === 'allClear' ? 'All Clear' : MODE_CATALOGUE[key].text.en.name);
  const changed = keys.filter((key) => before[key] !== after[key]).map((key) => `${name(key)}: ${before[key]} → ${after[key]}`);
  return changed.length > 0 ? changed.join('; ') : 'no change';
}

export function createModeToneOperations({ store, audit, realtime, now = () => new Date() }: ModeToneOperationsDeps) {
  const write = durableWriter(store, 'the tones');
  const record = auditRecorder(audit, now);
  return {
    current: (): ModeTones => store.data.modeTones,
    async save(tones: ModeTones, actor: Actor): Promise<ModeTones> {
      const before = store.data.modeTones;
      await write((draft) => void (draft.modeTones = tones));
      realtime.publishProfiles();
      await record(actor, 'mode.tones-changed', changesInWords(before, tones));
      return store.data.modeTones;
    },
  };
}

export type ModeToneOperations = ReturnType<typeof createModeToneOperations>;
