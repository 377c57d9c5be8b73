// The site editor's operations: save the school's settings, buildings, floors, zones and destinations (checked
// against everything that uses them, version-checked, audited, pushed live), and export or import the whole site.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SiteSchema, type Scope, type Site } from '../../shared/model.ts';
import { settingsOf, type SiteSettings } from '../../shared/site-settings.ts';
import { removalConflicts } from '../../shared/site-usage.ts';
import { ApiError } from '../api-error.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { auditRecorder, durableWriter } from './change-kit.ts';
import { describeSiteChange } from './site-change-words.ts';

/** A content hash of the editable part of the site: the editor sends it back with a save to detect a lost update. */
export function siteVersion(site: Site): string {
  return createHash('sha256').update(JSON.stringify(settingsOf(site))).digest('base64url').slice(0, 16);
}

export interface SiteOperationsDeps {
  store: Store;
  /** The integrations and the scope each may act on at most (a removed building or zone must not be one). */
  integrations?: () => readonly { name: string; ceiling: Scope }[];
  audit: AuditLog;
  realtime: RealtimeHub;
  now?: () => Date;
}

export function createSiteOperations({ store, audit, realtime, integrations = () => [], now = () => new Date() }: SiteOperationsDeps) {
  const record = auditRecorder(audit, now);
  const persist = durableWriter(store, 'the site');

  /** The site with these settings, or a clear refusal: 409 naming what still uses a removed part, 400 for the rest. */
  function checkedSite(current: Site, settings: SiteSettings): Site {
    const conflicts = removalConflicts(current, settings, {
      wayfinding: store.data.wayfinding,
      slides: store.data.content.slides,
      modeState: store.data.modeState,
      integrations: integrations(),
    });
    if (conflicts.length > 0) throw new ApiError('in_use', `Nothing was changed. ${conflicts.join(' ')}`);
    const result = SiteSchema.safeParse({ ...current, ...settings, id: current.id, screens: current.screens });
    if (!result.success) throw new ApiError('bad_request', `Nothing was changed: ${z.prettifyError(result.error)}`);
    return result.data;
  }

  return {
    version: () => siteVersion(store.data.site),

    async save(baseVersion: string, settings: SiteSettings, actor: Actor): Promise<{ site: Site; version: string }> {
      let before = store.data.site;
      let after = before;
      await persist((draft) => {
        // Checked inside the serialised update, once: two saves from the same base cannot both win, and a refusal
        // throws before anything is written.
        if (siteVersion(draft.site) !== baseVersion) {
          throw new ApiError('conflict', 'Someone else changed the site since you loaded it. Reload, then make your change again.');
        }
        before = draft.site;
        after = checkedSite(draft.site, settings);
        draft.site = after;
      });
      const version = siteVersion(after);
      realtime.publishSite(version);
      await record(actor, 'site.changed', describeSiteChange(before, after));
      return { site: after, version };
    },
  };
}

export type SiteOperations = ReturnType<typeof createSiteOperations>;
