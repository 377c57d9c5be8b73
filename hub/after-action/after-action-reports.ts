// After-action reports as the routes serve them: one report as data or as a PDF (printed by the hub's Chromium, in
// its own process, so a mode change never waits on it), and the corrective actions still open across every report.
import { openActionsInOrder, isOverdue, type CorrectiveAction } from '../../shared/after-action.ts';
import type { ModeId, Site } from '../../shared/model.ts';
import type { PdfRenderer } from '../diagrams/pdf-renderer.ts';
import { modeChanges } from '../reports/drill-reports.ts';
import { schoolDate } from '../reports/school-clock.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { JsonDocument } from '../store/json-document.ts';
import type { ReceiptLog } from '../store/receipt-log.ts';
import type { AfterActionFile } from './after-action-file.ts';
import { afterActionHtml, afterActionTitle } from './after-action-page.ts';
import { afterActionReport, type AfterActionReport } from './after-action-report.ts';

/** An open action with the drill or event it came from. */
export interface OpenAction extends CorrectiveAction {
  overdue: boolean;
  /** Null when its mode change is no longer in the audit log (a log restored from an older backup). */
  event: { seq: number; at: string; mode: ModeId; drill: boolean; scopeName: string } | null;
}

export interface AfterActionReportsDeps {
  audit: AuditLog;
  receipts: ReceiptLog;
  site: () => Site;
  file: JsonDocument<AfterActionFile>;
  renderer: Pick<PdfRenderer, 'render'>;
  now?: () => Date;
}

export function createAfterActionReports({ audit, receipts, site, file, renderer, now = () => new Date() }: AfterActionReportsDeps) {
  const report = (seq: number): Promise<AfterActionReport> => afterActionReport(seq, { audit, receipts, site: site(), notes: file.data, now: now() });
  return {
    report,

    async pdf(seq: number): Promise<{ pdf: Uint8Array; fileName: string }> {
      const here = site();
      const input = { schoolName: here.name, timeZone: here.timeZone, afterAction: await report(seq), printedAt: now() };
      const pdf = await renderer.render(afterActionHtml(input), { footer: afterActionTitle(input).footer });
      const day = schoolDate(Date.parse(input.afterAction.report.at), here.timeZone);
      return { pdf, fileName: `after-action-${seq}-${input.afterAction.report.mode}-${day}.pdf` };
    },

    /** Every action not done yet, overdue first, each with the drill or event it came from. */
    async openActions(): Promise<{ today: string; timeZone: string; actions: OpenAction[] }> {
      const here = site();
      const today = schoolDate(now().getTime(), here.timeZone);
      const open = openActionsInOrder(file.data.actions, today);
      if (open.length === 0) return { today, timeZone: here.timeZone, actions: [] };
      const wanted = new Set(open.map((action) => action.seq));
      const events = new Map((await modeChanges(audit.entries(), here)).filter((c) => wanted.has(c.seq)).map((c) => [c.seq, { seq: c.seq, at: c.at, mode: c.mode, drill: c.drill, scopeName: c.scopeName }]));
      return { today, timeZone: here.timeZone, actions: open.map((action) => ({ ...action, overdue: isOverdue(action, today), event: events.get(action.seq) ?? null })) };
    },

    /** Whether a mode change with this seq is in the audit log. */
    async exists(seq: number): Promise<boolean> {
      return (await modeChanges(audit.entries(), site())).some((change) => change.seq === seq);
    },
  };
}

export type AfterActionReports = ReturnType<typeof createAfterActionReports>;
