// The whole site as one file: export writes the site, its floor plans and their map images; import replaces
// them, for moving a school to a new hub or starting from a prepared file. An import is refused while a mode or
// a hazard is active, and while a slide targets a building or zone the file does not have.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { wayfindingProblems, type Wayfinding } from '../../shared/floor-plan.ts';
import type { Scope, Site } from '../../shared/model.ts';
import { SITE_FILE_FORMAT, SITE_FILE_VERSION, type SiteFile } from '../../shared/site-settings.ts';
import { ApiError } from '../api-error.ts';
import { storeMapImage } from '../maps/map-images.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { auditRecorder, durableWriter } from './change-kit.ts';
import { siteVersion } from './site.ts';

const CONTENT_TYPES = { svg: 'image/svg+xml', png: 'image/png', jpeg: 'image/jpeg' } as const;

export interface SiteFileOperationsDeps {
  store: Store;
  /** The integrations and the scope each may act on at most: the imported site must still have it. */
  integrations?: () => readonly { name: string; ceiling: Scope }[];
  audit: AuditLog;
  realtime: RealtimeHub;
  mapsDir: string;
  now?: () => Date;
}

export function createSiteFileOperations({ store, audit, realtime, mapsDir, integrations = () => [], now = () => new Date() }: SiteFileOperationsDeps) {
  const record = auditRecorder(audit, now);
  const persist = durableWriter(store, 'the site');

  /** Slides aimed at a building or zone the new site does not have would silently stop showing: refused instead. */
  function orphanedSlides(site: Site): string[] {
    const buildings = new Set(site.buildings.map((b) => b.id));
    const zones = new Set(site.zones.map((z) => z.id));
    return store.data.content.slides
      .filter((slide) => slide.targets.some((t) => (t.kind === 'building' && !buildings.has(t.buildingId)) || (t.kind === 'zone' && !zones.has(t.zoneId))))
      .map((slide) => `“${slide.title}”`);
  }

  return {
    async exportFile(): Promise<SiteFile> {
      const { site, wayfinding } = store.data;
      const images: SiteFile['images'] = [];
      for (const floor of wayfinding.floors) {
        if (!floor.image || images.some((i) => i.file === floor.image!.file)) continue;
        const path = join(mapsDir, floor.image.file);
        if (!existsSync(path)) continue;
        images.push({ file: floor.image.file, contentType: CONTENT_TYPES[floor.image.kind], data: (await readFile(path)).toString('base64') });
      }
      return { format: SITE_FILE_FORMAT, version: SITE_FILE_VERSION, exportedAt: now().toISOString(), site, wayfinding, images };
    },

    async importFile(file: SiteFile, actor: Actor): Promise<{ site: Site; version: string }> {
      const { modeState } = store.data;
      if (modeState.modes.length > 0 || modeState.hazards.areaIds.length + modeState.hazards.blockedPoiIds.length > 0) {
        throw new ApiError('mode_active', 'A site cannot be imported while a mode or a hazard is active. Give the All Clear and clear the hazards first.');
      }
      const problems = wayfindingProblems(file.site, file.wayfinding);
      if (problems.length > 0) throw new ApiError('bad_request', `The site file's floor plans do not fit its site: ${problems.join('; ')}.`);
      const stranded = integrations()
        .filter(({ ceiling }) => (ceiling.kind === 'building' && !file.site.buildings.some((b) => b.id === ceiling.buildingId)) || (ceiling.kind === 'zone' && !file.site.zones.some((z) => z.id === ceiling.zoneId)))
        .map(({ name }) => `“${name}”`);
      if (stranded.length > 0) {
        throw new ApiError('in_use', `Nothing was imported. These integrations are limited to a building or zone the file does not have: ${stranded.join(', ')}. Change their limits first.`);
      }
      const orphans = orphanedSlides(file.site);
      if (orphans.length > 0) {
        throw new ApiError('in_use', `Nothing was imported. These slides target a building or zone the file does not have: ${orphans.join(', ')}. Change their targets first.`);
      }

      // Map images go through the same checks as an upload (SVGs sanitised) and get the names that upload gives.
      const wayfinding: Wayfinding = structuredClone(file.wayfinding);
      for (const floor of wayfinding.floors) {
        if (!floor.image) continue;
        const image = file.images.find((i) => i.file === floor.image!.file);
        if (!image) {
          if (existsSync(join(mapsDir, floor.image.file))) continue;
          throw new ApiError('bad_request', `The site file names the map image "${floor.image.file}" for floor "${floor.floorId}" but does not carry it.`);
        }
        const stored = await storeMapImage(mapsDir, floor.floorId, image.contentType, Buffer.from(image.data, 'base64'));
        floor.image = stored.image;
      }

      const screens = new Set(file.site.screens.map((s) => s.id));
      const dropped = store.data.site.screens.filter((s) => !screens.has(s.id)).map((s) => s.id);
      await persist((draft) => {
        draft.site = file.site;
        draft.wayfinding = wayfinding;
        // A screen the file does not have is no longer paired; the ones it keeps keep their devices.
        draft.devices = draft.devices.filter((d) => screens.has(d.screenId));
      });
      for (const screenId of dropped) realtime.disconnectScreen(screenId);
      const version = siteVersion(file.site);
      realtime.publishSite(version);
      realtime.publishPlans();
      await record(
        actor,
        'site.imported',
        `${file.site.name}: ${file.site.buildings.length} buildings, ${file.site.screens.length} screens, ${wayfinding.floors.length} floor plans${dropped.length > 0 ? `; unpaired ${dropped.join(', ')}` : ''}`,
      );
      return { site: file.site, version };
    },
  };
}

export type SiteFileOperations = ReturnType<typeof createSiteFileOperations>;
