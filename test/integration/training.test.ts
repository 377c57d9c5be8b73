// Know your building (issue 14, item 1) over HTTP: a staff member picks a place on the demo school's plans, is scored
// against the route the routing engine computes, completes when every exercise was right once, and their training
// runs out after the school's validity period; the admin lists everyone (and a CSV) and sets that period; nobody
// else reads another person's results.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Wayfinding } from '../../shared/floor-plan.ts';
import { createRouter } from '../../shared/routing.ts';
import { csvRecords } from '../helpers/csv.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let staff: string;
let admin: string;

beforeEach(async () => {
  hub = await startTestHub();
  staff = await hub.login('staff');
  admin = await hub.login('admin');
});
afterEach(async () => {
  await hub.dispose();
});

const PLACE = 'm1-east-hall-end';
const view = async (cookie = staff) => (await hub.api('/api/training', { cookie })).body;
const answer = (exerciseId: string, chosen: string, cookie = staff) => hub.api('/api/training/answers', { cookie, body: { exerciseId, answer: chosen } });

/** Answers every exercise: first with its first option, then, where that was wrong, with the answer the feedback gave. */
async function completeAll(cookie = staff): Promise<any> {
  let last: any = null;
  for (const exercise of (await view(cookie)).exercises) {
    const options: string[] = exercise.kind === 'mode' ? exercise.choices.map((c: any) => c.id) : exercise.candidates;
    const first = await answer(exercise.id, options[0]!, cookie);
    expect(first.status).toBe(200);
    last = first.body;
    if (!first.body.feedback.right) last = (await answer(exercise.id, first.body.feedback.route?.poiId ?? first.body.feedback.choiceId, cookie)).body;
  }
  return last;
}

describe('know your building', () => {
  it('gives a staff member the school’s places and points, confidential ones included, and their own exercises once they pick a place', async () => {
    const first = await view();
    expect(first.exercises).toEqual([]);
    expect(first.standing).toMatchObject({ state: 'never-started', completedOn: null });
    expect(first.places.map((p: any) => p.id)).toContain(PLACE);
    const types = new Set(first.floors.flatMap((f: any) => f.pois.map((p: any) => p.type)));
    expect(types.has('panic-button')).toBe(true);
    expect(first.floors[0]).not.toHaveProperty('nodes');

    const picked = await hub.api('/api/training/places', { method: 'PUT', cookie: staff, body: { places: [PLACE] } });
    expect(picked.status).toBe(200);
    expect(picked.body.chosen).toEqual([PLACE]);
    const ids = picked.body.exercises.map((e: any) => e.id);
    expect(ids).toEqual(expect.arrayContaining([`evacuate:${PLACE}`, `evacuate-blocked:${PLACE}`, `nearest:aed:${PLACE}`, `nearest:panic-button:${PLACE}`, 'mode:secure']));
    // The page never gets the answers.
    expect(JSON.stringify(picked.body)).not.toMatch(/"accepted"|"walks"|"best"|"choiceId"/);
  });

  it('scores the evacuation exercise against the route the routing engine computes, and the blocked exit against its secondary route', async () => {
    await hub.api('/api/training/places', { method: 'PUT', cookie: staff, body: { places: [PLACE] } });
    const exercise = (await view()).exercises.find((e: any) => e.id === `evacuate:${PLACE}`);
    const wayfinding: Wayfinding = (await hub.api('/api/wayfinding', { cookie: admin })).body.wayfinding;
    const router = createRouter(wayfinding);
    const route = router.route(exercise.start, 'exit');
    if (!route.ok) throw new Error('the demo place has no route out');
    const nearest = route.target.poi.id;
    const wrongExit = exercise.candidates.find((id: string) => id !== nearest);

    const wrong = await answer(exercise.id, wrongExit);
    expect(wrong.status).toBe(200);
    expect(wrong.body.feedback).toMatchObject({ right: false, route: { poiId: nearest } });
    expect(wrong.body.feedback.route.path).toEqual(route.path.map((s) => ({ floorId: s.floorId, x: s.position.x, y: s.position.y })));
    const right = await answer(exercise.id, nearest);
    expect(right.body.feedback).toMatchObject({ right: true });
    expect(right.body.progress[exercise.id]).toBe('right');

    const blockedExercise = (await view()).exercises.find((e: any) => e.id === `evacuate-blocked:${PLACE}`);
    expect(blockedExercise.blockedPoiIds).toEqual([nearest]);
    const secondary = router.route(exercise.start, 'exit', { areaIds: [], blockedPoiIds: [nearest] });
    if (!secondary.ok) throw new Error('no second way out');
    expect((await answer(blockedExercise.id, secondary.target.poi.id)).body.feedback).toMatchObject({ right: true, route: { poiId: secondary.target.poi.id } });
  });

  it('completes, is audited, and the admin’s list and CSV show the staff member current', async () => {
    await hub.api('/api/training/places', { method: 'PUT', cookie: staff, body: { places: [PLACE] } });
    const last = await completeAll();
    expect(last.completed).toBe(true);
    expect(last.standing.state).toBe('current');

    const list = await hub.api('/api/training/people', { cookie: admin });
    expect(list.status).toBe(200);
    const row = (name: string) => list.body.people.find((p: any) => p.username === name);
    expect(row('staff')).toMatchObject({ role: 'staff', state: 'current', completedOn: list.body.today, places: ['East wing hallway, east end: rooms 107–110 and east doors (1st floor)'] });
    expect(row('office')).toMatchObject({ state: 'never-started' });

    const csv = await hub.api('/api/training/people.csv', { cookie: admin });
    expect(csv.status).toBe(200);
    const records = csvRecords(csv.body);
    expect(records.find((r) => r.username === 'staff')).toMatchObject({ status: 'Current', 'completed on': list.body.today, 'valid until': row('staff').validUntil });
    expect(records.find((r) => r.username === 'viewer')).toMatchObject({ status: 'Never started', 'completed on': '' });

    const audit = (await hub.api('/api/audit?action=training', { cookie: admin })).body.entries;
    expect(audit[0]).toMatchObject({ who: 'staff', role: 'staff', action: 'training.completed', detail: expect.stringMatching(/right the first time; current until \d{4}-\d\d-\d\d$/) });
  });

  it('is due again once the school’s validity period has passed since completion', async () => {
    await hub.api('/api/training/places', { method: 'PUT', cookie: staff, body: { places: [PLACE] } });
    await completeAll();
    // Completed two years ago, by the record: the hub reads the file again on start.
    const path = join(hub.dataDir, 'training.json');
    const file = JSON.parse(await readFile(path, 'utf8'));
    file.people.staff.completions[0].day = '2020-03-15';
    await writeFile(path, JSON.stringify(file));
    hub = await hub.restart();
    staff = await hub.login('staff');
    admin = await hub.login('admin');
    expect((await view()).standing).toMatchObject({ state: 'expired', completedOn: '2020-03-15', validUntil: '2021-03-14' });
    // A longer period, set by the admin, reaches back further; the setting is checked and audited.
    expect((await hub.api('/api/training/settings', { method: 'PUT', cookie: admin, body: { validityMonths: 0 } })).status).toBe(400);
    const longer = await hub.api('/api/training/settings', { method: 'PUT', cookie: admin, body: { validityMonths: 60 } });
    expect(longer.status).toBe(200);
    expect(longer.body.people.find((p: any) => p.username === 'staff')).toMatchObject({ state: 'expired', validUntil: '2025-03-14' });
    expect((await hub.api('/api/audit?action=training', { cookie: admin })).body.entries[0]).toMatchObject({ action: 'training.validity-changed', detail: expect.stringContaining('60 months') });
    // Training again renews it.
    expect((await completeAll()).standing.state).toBe('current');
  });

  it('keeps each person’s results to themselves and refuses what is not theirs or not there', async () => {
    await hub.api('/api/training/places', { method: 'PUT', cookie: staff, body: { places: [PLACE] } });
    await completeAll();
    const office = await hub.login('office');
    // Another account sees its own (empty) record, never the staff member's; only the admin lists people.
    expect((await view(office)).standing.state).toBe('never-started');
    expect((await view(office)).chosen).toEqual([]);
    for (const cookie of [staff, office]) expect((await hub.api('/api/training/people', { cookie })).status).toBe(403);
    expect((await hub.api('/api/training/places', { method: 'PUT', cookie: staff, body: { places: ['no-such-room'] } })).body.error.code).toBe('bad_request');
    expect((await hub.api('/api/training/places', { method: 'PUT', cookie: staff, body: { places: [PLACE, PLACE] } })).status).toBe(400);
    expect((await answer('evacuate:m1-gym', 'exit-gym-north')).body.error.code).toBe('not_found');
    expect((await answer(`evacuate:${PLACE}`, 'aed-gym')).status).toBe(400);
    expect((await hub.api('/api/training/answers', { cookie: staff, body: { exerciseId: 'mode:secure' } })).status).toBe(400);
  });
});
