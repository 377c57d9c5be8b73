// Drill reports (any role): the mode changes with what ended them, and per change each screen's receipt time, as
// JSON for the admin console and as CSV. They are the school's drill log, so a read-only viewer may see them.
import { Hono } from 'hono';
import { DEFAULT_AUDIT_LIMIT, DrillReportQuerySchema } from '../../shared/audit-query.ts';
import type { Site } from '../../shared/model.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import { auditFilter, newestFirst } from '../reports/audit-query.ts';
import { csvHeaders } from '../reports/csv.ts';
import { drillReportCsv } from '../reports/csv-exports.ts';
import { changeMatches, drillReport, modeChanges } from '../reports/drill-reports.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { ReceiptLog } from '../store/receipt-log.ts';
import { queryParams } from './query-params.ts';
import { parseSeq } from './seq-param.ts';

export function drillReportRoutes(deps: { audit: AuditLog; receipts: ReceiptLog; site: () => Site }) {
  const report = (seq: number) => drillReport(seq, { audit: deps.audit, receipts: deps.receipts, site: deps.site() });
  return new Hono<HubEnv>()
    .get('/drill-reports', requireRole('admin', 'office', 'viewer'), queryParams(DrillReportQuerySchema), async (c) => {
      const query = c.req.valid('query');
      const site = deps.site();
      const filter = auditFilter(query, site.timeZone);
      const limit = query.limit ?? DEFAULT_AUDIT_LIMIT;
      const offset = query.offset ?? 0;
      const page = await newestFirst(await modeChanges(deps.audit.entries(), site), (change) => changeMatches(change, filter), { limit, offset });
      return c.json({ ok: true as const, changes: page.items, total: page.total, limit, offset, timeZone: site.timeZone });
    })
    // Before "/:seq", which would take "14.csv" for a sequence number.
    .get('/drill-reports/:file{[0-9]+\\.csv}', requireRole('admin', 'office', 'viewer'), async (c) => {
      const { fileName, text } = drillReportCsv(await report(parseSeq(c.req.param('file').slice(0, -'.csv'.length))));
      return c.body(text, 200, csvHeaders(fileName));
    })
    .get('/drill-reports/:seq', requireRole('admin', 'office', 'viewer'), async (c) => {
      return c.json({ ok: true as const, report: await report(parseSeq(c.req.param('seq'))) });
    });
}
