// Floor-plan operations for the admin console: save the whole set of plans (validated, version-checked so
// two managers cannot overwrite each other), upload map images; screens get changed plans at once.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { wayfindingProblems, type Wayfinding } from '../../shared/floor-plan.ts';
import { ApiError } from '../api-error.ts';
import { storeMapImage, type StoredMap } from '../maps/map-images.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';
import type { AuditLog } from '../store/audit-log.ts';
import { StorageError } from '../store/json-document.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { readinessProblems, type ReadinessProblem } from './readiness.ts';

/** A content hash of all floor plans: the admin console sends it back with a save to detect a lost update. */
export function wayfindingVersion(wayfinding: Wayfinding): string {
  return createHash('sha256').update(JSON.stringify(wayfinding)).digest('base64url').slice(0, 16);
}

export interface FloorPlanOperationsDeps {
  store: Store;
  audit: AuditLog;
  realtime: RealtimeHub;
  mapsDir: string;
  now?: () => Date;
}

export function createFloorPlanOperations({ store, audit, realtime, mapsDir, now = () => new Date() }: FloorPlanOperationsDeps) {
  const record = (actor: Actor, action: 'floor-plans.saved' | 'map.uploaded', detail: string) =>
    audit.append({ at: now().toISOString(), who: actor.username, role: actor.role, from: actor.from, action, detail }).catch(() => undefined);

  return {
    version: () => wayfindingVersion(store.data.wayfinding),

    async save(baseVersion: string, wayfinding: Wayfinding, actor: Actor): Promise<{ version: string; problems: ReadinessProblem[] }> {
      const problems = wayfindingProblems(store.data.site, wayfinding);
      for (const floor of wayfinding.floors) {
        if (floor.image && !existsSync(join(mapsDir, floor.image.file))) problems.push(`map image "${floor.image.file}" was never uploaded`);
      }
      if (problems.length > 0) throw new ApiError('bad_request', `The floor plans were not saved: ${problems.join('; ')}.`);
      try {
        await store.update((draft) => {
          // Checked inside the serialised update, so two saves from the same base cannot both win.
          if (wayfindingVersion(draft.wayfinding) !== baseVersion) {
            throw new ApiError('conflict', 'Someone else saved the floor plans since you loaded them. Reload, then make your change again.');
          }
          draft.wayfinding = wayfinding;
        });
      } catch (error) {
        if (error instanceof StorageError) throw new ApiError('storage_failed', 'The floor plans could not be saved, so nothing changed.');
        throw error;
      }
      realtime.publishPlans();
      await record(actor, 'floor-plans.saved', `${wayfinding.floors.length} floors, ${wayfinding.floors.reduce((n, f) => n + f.pois.length, 0)} points of interest`);
      return { version: wayfindingVersion(wayfinding), problems: readinessProblems(store.data.site, wayfinding) };
    },

    async uploadMap(floorId: string, contentType: string, bytes: Uint8Array, actor: Actor): Promise<StoredMap> {
      if (!store.data.site.buildings.some((b) => b.floors.some((f) => f.id === floorId))) {
        throw new ApiError('bad_request', `There is no floor "${floorId}" on this site.`);
      }
      const stored = await storeMapImage(mapsDir, floorId, contentType, bytes);
      await record(actor, 'map.uploaded', `${stored.image.file} for ${floorId}${stored.removed.length > 0 ? `; removed: ${stored.removed.join(', ')}` : ''}`);
      return stored;
    },

    readiness: () => readinessProblems(store.data.site, store.data.wayfinding),
  };
}

export type FloorPlanOperations = ReturnType<typeof createFloorPlanOperations>;
