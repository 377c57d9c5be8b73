// Procedure acknowledgement: every account reads the procedures required of it, opens the required documents and
// acknowledges the current version of each; the admin chooses what is required and sees who has read what (CSV too).
import { Hono } from 'hono';
import { AcknowledgeSchema, RequiredProceduresSchema } from '../../shared/acknowledgements.ts';
import { ROLES, type Site } from '../../shared/model.ts';
import type { AcknowledgementOperations } from '../acknowledgements/acknowledgement-operations.ts';
import { acknowledgementsCsv } from '../acknowledgements/acknowledgements-csv.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import { csvHeaders } from '../reports/csv.ts';
import { sendDocument } from './documents.ts';
import { jsonBody } from './json-body.ts';
import { actorOf } from './request-actor.ts';

export function acknowledgementRoutes(acknowledgements: AcknowledgementOperations, site: () => Site) {
  return new Hono<HubEnv>()
    .get('/mine', requireRole(...ROLES), async (c) => {
      return c.json({ ok: true as const, procedures: await acknowledgements.mine(c.get('user')!.username), timeZone: site().timeZone });
    })
    .post('/mine', requireRole(...ROLES), jsonBody(AcknowledgeSchema), async (c) => {
      return c.json({ ok: true as const, procedures: await acknowledgements.acknowledge(c.req.valid('json'), actorOf(c)), timeZone: site().timeZone });
    })
    // Staff may not open the whole binder (GET /api/documents/<id>), only what they are asked to read.
    .get('/documents/:id', requireRole(...ROLES), (c) => {
      const { document, path } = acknowledgements.requiredDocument(c.req.param('id'));
      return sendDocument(c, document, path);
    })
    .get('/', requireRole('admin'), async (c) => {
      return c.json({ ok: true as const, ...(await acknowledgements.standings()), timeZone: site().timeZone });
    })
    .put('/required', requireRole('admin'), jsonBody(RequiredProceduresSchema), async (c) => {
      await acknowledgements.setRequired(c.req.valid('json'), actorOf(c));
      return c.json({ ok: true as const, ...(await acknowledgements.standings()), timeZone: site().timeZone });
    })
    .get('/report.csv', requireRole('admin'), async (c) => {
      const { procedures } = await acknowledgements.standings();
      const { fileName, text } = acknowledgementsCsv(procedures, site().timeZone, Date.now());
      return c.body(text, 200, csvHeaders(fileName));
    });
}
