// Hazard operations: the office marks or clears hazard areas and blocked exits; screens re-route around them.
// validate → persist → broadcast → audit, in the same sequence as modes.
import type { HazardChange } from '../../shared/model.ts';
import { ApiError } from '../api-error.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';
import type { AuditLog } from '../store/audit-log.ts';
import { StorageError } from '../store/json-document.ts';
import type { Store } from '../store/store.ts';
import type { ModesChange } from '../integrations/outbox.ts';
import type { Actor } from './actor.ts';

export interface HazardOperationsDeps {
  store: Store;
  audit: AuditLog;
  realtime: RealtimeHub;
  now?: () => Date;
  logError?: (message: string) => void;
  /** Told of each change once the screens have it (the outbound webhooks); it must not throw or wait. */
  onChanged?: (change: ModesChange) => void;
}

export function createHazardOperations({ store, audit, realtime, now = () => new Date(), logError = console.error, onChanged = () => {} }: HazardOperationsDeps) {
  return {
    async change(request: HazardChange, actor: Actor): Promise<{ seq: number; areaIds: string[]; blockedPoiIds: string[] }> {
      const floors = store.data.wayfinding.floors;
      const areas = new Map(floors.flatMap((f) => f.areas.map((a) => [a.id, a.name] as const)));
      const exits = new Map(floors.flatMap((f) => f.pois.filter((p) => p.type === 'exit').map((p) => [p.id, p.label] as const)));
      const unknownAreas = request.areaIds.filter((id) => !areas.has(id));
      const unknownExits = request.exitPoiIds.filter((id) => !exits.has(id));
      if (unknownAreas.length > 0 || unknownExits.length > 0) {
        const parts = [...unknownAreas.map((id) => `area "${id}"`), ...unknownExits.map((id) => `exit "${id}"`)];
        throw new ApiError('bad_request', `Not on the floor plans: ${parts.join(', ')}.`);
      }
      const apply = (current: string[], ids: string[]) =>
        request.blocked ? [...new Set([...current, ...ids])].sort() : current.filter((id) => !ids.includes(id));

      let result: { seq: number; areaIds: string[]; blockedPoiIds: string[] };
      try {
        result = await store.updateModeState((modeState) => {
          modeState.seq += 1;
          modeState.hazards = {
            areaIds: apply(modeState.hazards.areaIds, request.areaIds),
            blockedPoiIds: apply(modeState.hazards.blockedPoiIds, request.exitPoiIds),
          };
          return { seq: modeState.seq, ...modeState.hazards };
        });
      } catch (error) {
        if (error instanceof StorageError) throw new ApiError('storage_failed', 'The change could not be saved, so it was not made.');
        throw error;
      }
      realtime.publishModes({ kind: 'hazards' });
      onChanged({ kind: 'hazards', seq: result.seq, hazards: { areaIds: result.areaIds, blockedPoiIds: result.blockedPoiIds } });
      const names = [...request.areaIds.map((id) => areas.get(id)!), ...request.exitPoiIds.map((id) => exits.get(id)!)];
      await audit
        .append({
          at: now().toISOString(),
          who: actor.username,
          role: actor.role,
          from: actor.from,
          action: request.blocked ? 'hazards.marked' : 'hazards.cleared',
          seq: result.seq,
          detail: names.join('; '),
        })
        .catch((error: Error) => logError(`AUDIT LOG WRITE FAILED for seq ${result.seq}: ${error.message}`));
      return result;
    },
  };
}

export type HazardOperations = ReturnType<typeof createHazardOperations>;
