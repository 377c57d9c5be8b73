// After-action reports: any role reads a report (as JSON or a printable PDF) and the open corrective actions; the
// office and administrators write observations and actions (the people who run drills review them).
import { Hono } from 'hono';
import { CorrectiveActionChangeSchema, NewCorrectiveActionSchema, NewObservationSchema } from '../../shared/after-action.ts';
import type { AfterActionOperations } from '../after-action/after-action-operations.ts';
import type { AfterActionReports } from '../after-action/after-action-reports.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import { jsonBody } from './json-body.ts';
import { actorOf } from './request-actor.ts';
import { parseSeq } from './seq-param.ts';

export function afterActionRoutes(deps: { reports: AfterActionReports; operations: AfterActionOperations; usernames: () => readonly string[] }) {
  const { reports, operations } = deps;
  return new Hono<HubEnv>()
    .get('/after-action/open-actions', requireRole('admin', 'office', 'viewer'), async (c) => {
      return c.json({ ok: true as const, ...(await reports.openActions()) });
    })
    // Before "/:seq", which would take "14.pdf" for a sequence number.
    .get('/after-action/:file{[0-9]+\\.pdf}', requireRole('admin', 'office', 'viewer'), async (c) => {
      const { pdf, fileName } = await reports.pdf(parseSeq(c.req.param('file').slice(0, -'.pdf'.length)));
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${fileName}"` });
    })
    .get('/after-action/:seq', requireRole('admin', 'office', 'viewer'), async (c) => {
      const user = c.get('user')!;
      // Who may own an action, for the form's suggestions: only those who may write one see the list.
      const owners = user.role === 'viewer' ? [] : [...deps.usernames()];
      return c.json({ ok: true as const, afterAction: await reports.report(parseSeq(c.req.param('seq'))), owners });
    })
    .post('/after-action/:seq/observations', requireRole('admin', 'office'), jsonBody(NewObservationSchema), async (c) => {
      return c.json({ ok: true as const, observation: await operations.addObservation(parseSeq(c.req.param('seq')), c.req.valid('json'), actorOf(c)) });
    })
    .delete('/after-action/observations/:id', requireRole('admin', 'office'), async (c) => {
      await operations.removeObservation(c.req.param('id'), actorOf(c));
      return c.json({ ok: true as const });
    })
    .post('/after-action/:seq/actions', requireRole('admin', 'office'), jsonBody(NewCorrectiveActionSchema), async (c) => {
      return c.json({ ok: true as const, action: await operations.addAction(parseSeq(c.req.param('seq')), c.req.valid('json'), actorOf(c)) });
    })
    .patch('/after-action/actions/:id', requireRole('admin', 'office'), jsonBody(CorrectiveActionChangeSchema), async (c) => {
      return c.json({ ok: true as const, action: await operations.changeAction(c.req.param('id'), c.req.valid('json'), actorOf(c)) });
    })
    .delete('/after-action/actions/:id', requireRole('admin', 'office'), async (c) => {
      await operations.removeAction(c.req.param('id'), actorOf(c));
      return c.json({ ok: true as const });
    });
}
