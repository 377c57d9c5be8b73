// "Know your building" (/training/): every account reads its own exercises, picks its places and answers; only an
// administrator sees everyone's standing (and its CSV) and sets how long training stays valid.
import { Hono, type Context } from 'hono';
import { ROLES } from '../../shared/model.ts';
import { AnswerSchema, PlacesSchema, TRAINING_STATE_WORDS, TrainingSettingsSchema } from '../../shared/training.ts';
import { requireRole, type HubEnv } from '../auth/middleware.ts';
import { csvDocument, csvHeaders } from '../reports/csv.ts';
import type { TrainingOperations } from '../training/training-operations.ts';
import { jsonBody } from './json-body.ts';
import { actorOf } from './request-actor.ts';

/** The person asking, with their role (which decides which points of the plans they see). */
function trainee(c: Context<HubEnv>) {
  const user = c.get('user')!; // requireRole ran first
  return { ...actorOf(c), role: user.role };
}

export function trainingRoutes(training: TrainingOperations) {
  return new Hono<HubEnv>()
    .get('/', requireRole(...ROLES), (c) => c.json(training.view(trainee(c))))
    .put('/places', requireRole(...ROLES), jsonBody(PlacesSchema), async (c) => c.json(await training.savePlaces(trainee(c), c.req.valid('json').places)))
    .post('/answers', requireRole(...ROLES), jsonBody(AnswerSchema), async (c) => {
      const { exerciseId, answer } = c.req.valid('json');
      return c.json(await training.answer(trainee(c), exerciseId, answer));
    })
    .get('/people', requireRole('admin'), (c) => c.json({ ok: true as const, ...training.people() }))
    .get('/people.csv', requireRole('admin'), (c) => {
      const { people, today, validityMonths } = training.people();
      const rows = people.map((p) => [p.username, p.role, p.disabled ? 'disabled' : 'active', TRAINING_STATE_WORDS[p.state], p.completedOn ?? '', p.validUntil ?? '', p.score?.firstTryRight ?? '', p.score?.total ?? '', p.places.join('; ')]);
      const text = csvDocument(['username', 'role', 'account', 'status', 'completed on', 'valid until', 'right first time', 'exercises', 'places'], rows);
      return c.body(text, 200, csvHeaders(`training-${today}-valid-${validityMonths}-months.csv`));
    })
    .put('/settings', requireRole('admin'), jsonBody(TrainingSettingsSchema), async (c) => c.json({ ok: true as const, ...(await training.setValidity(actorOf(c), c.req.valid('json').validityMonths)) }));
}
