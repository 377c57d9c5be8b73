// Drill compliance: which rule set the school holds its drills to (admin), and how each building stands today
// (anyone on staff: the office plans its drills by it), with the school year's drill log as CSV and as a PDF.
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { DRILL_KIND_WORDS, DRILL_RULE_SETS } from '../../shared/drill-compliance.ts';
import type { Site } from '../../shared/model.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import { ApiError } from '../api-error.ts';
import { chosenRuleSet, ComplianceChoiceSchema, MAX_SCHEDULED_DRILLS, NewScheduledDrillSchema, type ComplianceFile } from '../compliance/compliance-file.ts';
import { complianceLogFooter, complianceLogHtml } from '../compliance/compliance-log-page.ts';
import { complianceReport } from '../compliance/compliance-report.ts';
import type { PdfRenderer } from '../diagrams/pdf-renderer.ts';
import { csvDocument, csvHeaders } from '../reports/csv.ts';
import { schoolDate, schoolTimestamp } from '../reports/school-clock.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { JsonDocument } from '../store/json-document.ts';
import { jsonBody } from './json-body.ts';
import { actorOf } from './request-actor.ts';

export interface ComplianceDeps {
  file: JsonDocument<ComplianceFile>;
  audit: AuditLog;
  site: () => Site;
  /** Prints the compliance log (the hub's Chromium). */
  renderer: Pick<PdfRenderer, 'render'>;
  now?: () => Date;
}

export function complianceRoutes({ file, audit, site, renderer, now = () => new Date() }: ComplianceDeps) {
  const report = () => complianceReport({ entries: audit.entries(), site: site(), ruleSet: chosenRuleSet(file.data), scheduled: file.data.scheduled, now: now() });
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
    // The drill calendar: the office plans its drills too, so both may add and remove them.
    .post('/compliance/scheduled', requireRole('admin', 'office'), jsonBody(NewScheduledDrillSchema), async (c) => {
      const plan = c.req.valid('json');
      const actor = actorOf(c);
      const here = site();
      if (plan.buildingId !== null && !here.buildings.some((b) => b.id === plan.buildingId)) throw new ApiError('unknown_scope', `There is no building "${plan.buildingId}" on this site.`);
      if (plan.day < schoolDate(now().getTime(), here.timeZone)) throw new ApiError('bad_request', `${plan.day} has passed: schedule a drill for today or later.`);
      if (file.data.scheduled.length >= MAX_SCHEDULED_DRILLS) throw new ApiError('bad_request', `The calendar holds at most ${MAX_SCHEDULED_DRILLS} drills; remove some that are past.`);
      const scheduled = { ...plan, id: randomBytes(6).toString('hex'), createdBy: actor.username, createdAt: now().toISOString() };
      await file.update((draft) => {
        draft.scheduled = [...draft.scheduled, scheduled];
      });
      await audit.append({ at: scheduled.createdAt, who: actor.username, role: actor.role, from: actor.from, action: 'compliance.drill-scheduled', detail: `${DRILL_KIND_WORDS[plan.kind].one} on ${plan.day}${plan.time ? ` at ${plan.time}` : ''}` });
      return c.json({ ok: true as const, scheduled, report: await report() });
    })
    .delete('/compliance/scheduled/:id', requireRole('admin', 'office'), async (c) => {
      const id = c.req.param('id');
      const plan = file.data.scheduled.find((p) => p.id === id);
      if (!plan) throw new ApiError('not_found', 'No such drill in the calendar.');
      const actor = actorOf(c);
      await file.update((draft) => {
        draft.scheduled = draft.scheduled.filter((p) => p.id !== id);
      });
      await audit.append({ at: now().toISOString(), who: actor.username, role: actor.role, from: actor.from, action: 'compliance.drill-unscheduled', detail: `${DRILL_KIND_WORDS[plan.kind].one} on ${plan.day}` });
      return c.json({ ok: true as const, report: await report() });
    })
    .get('/compliance/drill-log.csv', requireRole('admin', 'office', 'viewer'), async (c) => {
      const { ruleSet, drills, timeZone, buildings } = await report();
      const names = new Map(site().buildings.map((b) => [b.id, b.name]));
      const rows = drills.map((d) => [d.seq, schoolTimestamp(Date.parse(d.at), timeZone), d.mode, d.hazard ?? '', d.scopeName, d.buildingIds.map((id) => names.get(id) ?? id).join('; '), d.countsAs.map((kind) => DRILL_KIND_WORDS[kind as keyof typeof DRILL_KIND_WORDS]?.one ?? kind).join('; ')]);
      const year = buildings[0]?.status.year;
      const text = csvDocument(['seq', 'started', 'mode', 'hazard', 'scope', 'counts for buildings', `counts as (${ruleSet?.name ?? 'no rule set'})`], rows);
      return c.body(text, 200, csvHeaders(`drill-log-${year ? `${year.from}-to-${year.to}` : 'no-rule-set'}.csv`));
    })
    .get('/compliance/drill-log.pdf', requireRole('admin', 'office', 'viewer'), async (c) => {
      const here = site();
      const names = new Map(here.buildings.map((b) => [b.id, b.name]));
      const input = { schoolName: here.name, report: await report(), buildingName: (id: string) => names.get(id) ?? id, printedAt: now() };
      const pdf = await renderer.render(complianceLogHtml(input), { footer: complianceLogFooter(input) });
      const year = input.report.buildings[0]?.status.year;
      const fileName = `drill-compliance-log-${year ? `${year.from}-to-${year.to}` : input.report.today}.pdf`;
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${fileName}"` });
    });
}
