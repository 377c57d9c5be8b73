// The audit log, filtered and paged (admin, office), and as a CSV download. Viewers may not read it: it holds the
// addresses and usernames of every login attempt, which a read-only observer has no need for.
import { Hono } from 'hono';
import { AuditQuerySchema, DEFAULT_AUDIT_LIMIT } from '../../shared/audit-query.ts';
import type { Site } from '../../shared/model.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import { auditFilter, entryMatches, newestFirst } from '../reports/audit-query.ts';
import { csvHeaders } from '../reports/csv.ts';
import { auditCsv } from '../reports/csv-exports.ts';
import type { AuditLog } from '../store/audit-log.ts';
import { queryParams } from './query-params.ts';

export function auditRoutes(deps: { audit: AuditLog; site: () => Site }) {
  return new Hono<HubEnv>()
    .get('/audit', requireRole('admin', 'office'), queryParams(AuditQuerySchema), async (c) => {
      const query = c.req.valid('query');
      const { timeZone } = deps.site();
      const filter = auditFilter(query, timeZone);
      const limit = query.limit ?? DEFAULT_AUDIT_LIMIT;
      const offset = query.offset ?? 0;
      const page = await newestFirst(deps.audit.entries(), (entry) => entryMatches(entry, filter), { limit, offset });
      return c.json({ ok: true as const, entries: page.items, total: page.total, limit, offset, timeZone });
    })
    .get('/audit.csv', requireRole('admin', 'office'), queryParams(AuditQuerySchema), async (c) => {
      const query = c.req.valid('query');
      const { timeZone } = deps.site();
      const filter = auditFilter(query, timeZone);
      // Without a limit the export has every matching entry: it is the school's record, not a screenful.
      const page = await newestFirst(deps.audit.entries(), (entry) => entryMatches(entry, filter), { limit: query.limit, offset: query.offset });
      const { fileName, body } = auditCsv(page.items, timeZone);
      return c.body(body, 200, csvHeaders(fileName));
    });
}
