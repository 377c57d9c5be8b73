// Unit tests for scoring and completion: the hub decides right and wrong from the routing engine, a missed exercise
// stays open until it is answered right, every exercise right once completes the round with a first-try score, and
// the completion is audited and counts from the school's day.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trainingPlans, trainingSchool } from '../../test/helpers/training-school.ts';
import type { AuditEntry, AuditLog } from '../store/audit-log.ts';
import type { StoredUser } from '../store/store.ts';
import { openTrainingFile } from './training-file.ts';
import { createTrainingOperations, type TrainingOperations } from './training-operations.ts';
import { TrainingPlans } from './training-plans.ts';

const user = (username: string, role: StoredUser['role']): StoredUser => ({ username, role, passwordHash: 'x', disabled: false, createdAt: '2026-01-01T00:00:00.000Z' });
const teacher = { username: 'c.lee', role: 'staff' as const, from: '127.0.0.1' };

let dir: string;
let training: TrainingOperations;
let audited: AuditEntry[];
let now: Date;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'muster-training-'));
  audited = [];
  now = new Date('2026-03-15T15:00:00Z');
  const audit = { append: async (entry: AuditEntry) => void audited.push(entry) } as unknown as AuditLog;
  training = createTrainingOperations({
    file: await openTrainingFile(dir),
    plans: new TrainingPlans(() => trainingSchool, () => trainingPlans),
    data: () => ({ users: [user('admin', 'admin'), user('c.lee', 'staff'), user('new.hire', 'staff')], site: trainingSchool, modeWordings: {} }),
    audit,
    now: () => now,
  });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The right answer to every exercise, found by asking: a wrong answer's feedback names the right one. */
async function rightAnswer(exerciseId: string): Promise<string> {
  const exercise = training.view(teacher).exercises.find((e) => e.id === exerciseId)!;
  const options = exercise.kind === 'mode' ? exercise.choices.map((c) => c.id) : exercise.candidates;
  const { feedback } = await training.answer(teacher, exerciseId, options[0]!);
  return feedback.route?.poiId ?? feedback.choiceId!;
}

describe('training operations', () => {
  it('has no exercises until places are chosen, then one set per place plus the modes', async () => {
    expect(training.view(teacher).exercises).toEqual([]);
    await expect(training.answer(teacher, 'mode:secure', 'a')).rejects.toThrow(/Pick the places/);
    const view = await training.savePlaces(teacher, ['room-101']);
    expect(view.chosen).toEqual(['room-101']);
    expect(view.exercises.map((e) => e.id)).toEqual([
      'evacuate:room-101',
      'evacuate-blocked:room-101',
      'nearest:aed:room-101',
      'nearest:extinguisher:room-101',
      'nearest:shelter-area:room-101',
      'nearest:locking-door:room-101',
      'mode:hold',
      'mode:secure',
      'mode:lockdown',
      'mode:evacuate',
      'mode:shelter',
    ]);
    expect(JSON.stringify(view)).not.toMatch(/accepted|"best"|walks/);
    await expect(training.savePlaces(teacher, ['room-999'])).rejects.toThrow(/no place "room-999"/);
  });

  it('scores an evacuation answer against the computed route, and draws the right route either way', async () => {
    await training.savePlaces(teacher, ['room-101']);
    const wrong = await training.answer(teacher, 'evacuate:room-101', 'east-doors');
    expect(wrong.feedback).toMatchObject({ right: false, chosen: 'east-doors', accepted: ['west-doors'], route: { poiId: 'west-doors' } });
    expect(wrong.feedback.words).toMatch(/^Not the nearest: East doors is \d+ m away\. The nearest exit is West doors, \d+ m away/);
    expect(wrong.feedback.route!.path.at(-1)).toMatchObject({ floorId: 'main-1', x: 100, y: 200 });
    expect(wrong.progress['evacuate:room-101']).toBe('missed');

    const right = await training.answer(teacher, 'evacuate:room-101', 'west-doors');
    expect(right.feedback).toMatchObject({ right: true, route: { poiId: 'west-doors' } });
    expect(right.progress['evacuate:room-101']).toBe('right');

    const blocked = await training.answer(teacher, 'evacuate-blocked:room-101', 'east-doors');
    expect(blocked.feedback.right).toBe(true);
    await expect(training.answer(teacher, 'evacuate-blocked:room-101', 'west-doors')).rejects.toThrow(/not one of the answers/);
    await expect(training.answer(teacher, 'evacuate:room-105', 'west-doors')).rejects.toThrow(/not one of yours/);
  });

  it('completes when every exercise has been answered right once, scoring the first tries, and audits it', async () => {
    await training.savePlaces(teacher, ['room-101']);
    const ids = training.view(teacher).exercises.map((e) => e.id);
    const answers = new Map<string, string>();
    // The first answer to each is whatever comes first: some right, some wrong.
    for (const id of ids) answers.set(id, await rightAnswer(id));
    const progress = training.view(teacher).progress;
    const firstRight = ids.filter((id) => progress[id] === 'right').length;
    expect(firstRight).toBeLessThan(ids.length);
    expect(training.view(teacher).standing.state).toBe('started');
    let last;
    for (const id of ids.filter((id) => progress[id] === 'missed')) last = await training.answer(teacher, id, answers.get(id)!);
    expect(last!.completed).toBe(true);
    expect(last!.standing).toMatchObject({ state: 'current', completedOn: '2026-03-15', validUntil: '2027-03-14', score: { firstTryRight: firstRight, total: ids.length } });
    expect(audited.map((e) => [e.action, e.who])).toEqual([['training.completed', 'c.lee']]);
    expect(audited[0]!.detail).toBe(`Know your building: ${firstRight} of ${ids.length} right the first time; current until 2027-03-14`);
    // A new round starts afresh; the completion stands.
    expect(Object.values(training.view(teacher).progress).every((p) => p === 'new')).toBe(true);
  });

  it('lists every account for the admin, and the validity setting moves everyone’s dates', async () => {
    await training.savePlaces(teacher, ['room-101']);
    for (const id of training.view(teacher).exercises.map((e) => e.id)) {
      const answer = await rightAnswer(id);
      if (training.view(teacher).progress[id] !== 'right') await training.answer(teacher, id, answer);
    }
    const list = training.people();
    expect(list.people.map((p) => [p.username, p.state, p.validUntil])).toEqual([
      ['admin', 'never-started', null],
      ['c.lee', 'current', '2027-03-14'],
      ['new.hire', 'never-started', null],
    ]);
    expect(list.people[1]!.places).toEqual(['Room 101']);
    now = new Date('2026-10-01T12:00:00Z');
    const after = await training.setValidity({ username: 'admin', role: 'admin', from: '127.0.0.1' }, 6);
    expect(after.people[1]).toMatchObject({ state: 'expired', validUntil: '2026-09-14' });
    expect(audited.at(-1)).toMatchObject({ action: 'training.validity-changed', who: 'admin', detail: 'training is valid for 6 months after completion (was 12)' });
  });
});
