// Drill compliance: which rule set the school holds its drills to (admin), and how each building stands today
// (anyone on staff: the office plans its drills by it), with the school year's drill log as CSV.
import { Hono } from 'hono';
import { DRILL_KIND_WORDS, DRILL_RULE_SETS } from '../../shared/drill-compliance.ts';
import type { Site } from '../../shared/model.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import { chosenRuleSet, ComplianceChoiceSchema, type ComplianceFile } from '../compliance/compliance-file.ts';
import { complianceReport } from '../compliance/compliance-report.ts';
import { csvDocument, csvHeaders } from '../reports/csv.ts';
import { schoolTimestamp } from '../reports/school-clock.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { JsonDocument } from '../store/json-document.ts';
import { jsonBody } from './json-body.ts';
import { actorOf } from './request-actor.ts';

export interface ComplianceDeps {
  file: JsonDocument<ComplianceFile>;
  audit: AuditLog;
  site: () => Site;
  now?: () => Date;
}

export function complianceRoutes({ file, audit, site, now = () => new Date() }: ComplianceDeps) {
  const report = () => complianceReport({ entries: audit.entries(), site: site(), ruleSet: chosenRuleSet(file.data), now: now() });
  return new Hono<HubEnv>()
    .get('/compliance', requireRole('admin', 'office', 'viewer'), async (c) => {
      return c.json({ ok: true as const, report: await report(), ruleSets: DRILL_RULE_SETS, chosen: { ruleSetId: file.data.own ? 'own' : file.data.ruleSetId, changedAt: file.data.changedAt, changedBy: file.data.changedBy } });
    })
    .put('/compliance', requireRole('admin'), jsonBody(ComplianceChoiceSchema), async (c) => {
      const choice = c.req.valid('json');
      const actor = actorOf(c);
      const at = now().toISOString();
      await file.update((draft) => {
        draft.ruleSetId = choice.own ? null : (choice.ruleSetId ?? null);
        draft.own = choice.own ?? null;
        draft.changedAt = at;
        draft.changedBy = actor.username;
      });
      const chosen = chosenRuleSet(file.data);
      await audit.append({ at, who: actor.username, role: actor.role, from: actor.from, action: 'compliance.rule-set', detail: chosen ? `drills held to ${chosen.name} (${chosen.source.citation || 'the school’s own rules'})` : 'no drill rule set' });
      return c.json({ ok: true as const, report: await report() });
    })
    .get('/compliance/drill-log.csv', requireRole('admin', 'office', 'viewer'), async (c) => {
      const { ruleSet, drills, timeZone, buildings } = await report();
      const names = new Map(site().buildings.map((b) => [b.id, b.name]));
      const rows = drills.map((d) => [d.seq, schoolTimestamp(Date.parse(d.at), timeZone), d.mode, d.hazard ?? '', d.scopeName, d.buildingIds.map((id) => names.get(id) ?? id).join('; '), d.countsAs.map((kind) => DRILL_KIND_WORDS[kind as keyof typeof DRILL_KIND_WORDS]?.one ?? kind).join('; ')]);
      const year = buildings[0]?.status.year;
      const text = csvDocument(['seq', 'started', 'mode', 'hazard', 'scope', 'counts for buildings', `counts as (${ruleSet?.name ?? 'no rule set'})`], rows);
      return c.body(text, 200, csvHeaders(`drill-log-${year ? `${year.from}-to-${year.to}` : 'no-rule-set'}.csv`));
    });
}
