// Publishing normal-mode content: the admin console sends the whole set of slides with the revision it
// started from; the hub checks it against the site, saves it as the next revision, audits it and sends
// each connected screen its own slides at once.
import { SlidesSchema, type Slide } from '../../shared/content.ts';
import type { DocumentRecord } from '../../shared/documents.ts';
import type { Site } from '../../shared/model.ts';
import { ApiError } from '../api-error.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { auditRecorder, durableWriter } from './change-kit.ts';

export const PublishContentSchema = SlidesSchema;

/** Targets that name a building or zone the site does not have. */
function unknownTargets(site: Site, slides: readonly Slide[]): string[] {
  const buildings = new Set(site.buildings.map((b) => b.id));
  const zones = new Set(site.zones.map((z) => z.id));
  const problems: string[] = [];
  for (const slide of slides) {
    for (const target of slide.targets) {
      if (target.kind === 'building' && !buildings.has(target.buildingId)) problems.push(`"${slide.title}" targets an unknown building "${target.buildingId}"`);
      if (target.kind === 'zone' && !zones.has(target.zoneId)) problems.push(`"${slide.title}" targets an unknown zone "${target.zoneId}"`);
    }
    if (slide.kind === 'floor-map' && !site.buildings.some((b) => b.floors.some((f) => f.id === slide.floorId))) {
      problems.push(`"${slide.title}" shows an unknown floor "${slide.floorId}"`);
    }
  }
  return problems;
}

/** Image slides whose picture is not an image in the documents library. */
function missingImages(documents: readonly DocumentRecord[], slides: readonly Slide[]): string[] {
  const images = new Set(documents.filter((d) => d.contentType.startsWith('image/')).map((d) => d.id));
  return slides.filter((s) => s.kind === 'image' && !images.has(s.documentId)).map((s) => `"${s.title}" shows a picture that is not an image in the documents`);
}

/** The image documents that published slides show: the only documents screens may load. */
export function slideImageIds(slides: readonly Slide[]): Set<string> {
  return new Set(slides.flatMap((s) => (s.kind === 'image' ? [s.documentId] : [])));
}

export interface ContentOperationsDeps {
  store: Store;
  audit: AuditLog;
  realtime: RealtimeHub;
  now?: () => Date;
}

export function createContentOperations({ store, audit, realtime, now = () => new Date() }: ContentOperationsDeps) {
  const write = durableWriter(store, 'the content');
  const record = auditRecorder(audit, now);
  return {
    current: () => store.data.content,

    async publish(baseRevision: number, slides: Slide[], actor: Actor): Promise<{ revision: number }> {
      const problems = [...unknownTargets(store.data.site, slides), ...missingImages(store.data.documents, slides)];
      if (problems.length > 0) throw new ApiError('bad_request', `Nothing was published: ${problems.join('; ')}.`);
      let revision = 0;
      await write((draft) => {
        // Checked inside the serialised update, so two publishes from the same base cannot both win.
        if (draft.content.revision !== baseRevision) {
          throw new ApiError('conflict', 'Someone else published since you loaded the content. Reload, then make your change again.');
        }
        revision = draft.content.revision + 1;
        draft.content = { revision, slides };
      });
      realtime.publishContent();
      await record(actor, 'content.published', `revision ${revision}: ${slides.length} slides`);
      return { revision };
    },
  };
}

export type ContentOperations = ReturnType<typeof createContentOperations>;
