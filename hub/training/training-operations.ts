// "Know your building": a person's exercises (from the places they chose, the plans and the school's mode wording),
// the scoring of their answers, their completion when every exercise has been answered right once, and the
// school's list of who is current. The hub scores; the page only shows what it is told.
import type { Role, Site } from '../../shared/model.ts';
import { distanceInWords } from '../../shared/distances.ts';
import { trainingStanding, type TrainingStanding } from '../../shared/training.ts';
import { ApiError } from '../api-error.ts';
import type { Actor } from '../domain/actor.ts';
import { auditRecorder } from '../domain/change-kit.ts';
import { schoolDate } from '../reports/school-clock.ts';
import type { AuditLog } from '../store/audit-log.ts';
import { StorageError, type JsonDocument } from '../store/json-document.ts';
import type { MainData } from '../store/store.ts';
import { modeExercises, type KeyedModeExercise } from './mode-exercises.ts';
import { placeExercises, type KeyedMapExercise } from './place-exercises.ts';
import { KEPT_COMPLETIONS, NO_RECORD, type PersonRecord, type TrainingFile } from './training-file.ts';
import type { TrainingPlan, TrainingPlans } from './training-plans.ts';

export type KeyedExercise = KeyedMapExercise | KeyedModeExercise;
export type Exercise = KeyedExercise['exercise'];
export type ExerciseProgress = 'new' | 'missed' | 'right';

/** What an answer gets back at once: right or wrong in words, and for the map the right route to draw. */
export interface Feedback {
  exerciseId: string;
  right: boolean;
  chosen: string;
  words: string;
  /** Map exercises: the points that count as right, and the walk to the nearest, step by step. */
  accepted?: string[];
  route?: { poiId: string; path: { floorId: string; x: number; y: number }[] };
  /** Mode questions: the right choice and its steps. */
  choiceId?: string;
  steps?: string[];
}

export interface PersonStanding extends TrainingStanding {
  /** The last completion's score: right the first time, of how many. */
  score: { firstTryRight: number; total: number } | null;
}

export interface TrainingDeps {
  file: JsonDocument<TrainingFile>;
  plans: TrainingPlans;
  /** The users, the site and the mode wording, as the store holds them now. */
  data: () => Pick<MainData, 'users' | 'site' | 'modeWordings'>;
  audit: AuditLog;
  now?: () => Date;
}

const isMap = (keyed: KeyedExercise): keyed is KeyedMapExercise => keyed.exercise.kind !== 'mode';

export function createTrainingOperations({ file, plans, data, audit, now = () => new Date() }: TrainingDeps) {
  const record = auditRecorder(audit, now);
  const recordOf = (username: string): PersonRecord => file.data.people[username] ?? NO_RECORD;
  const today = (site: Site) => schoolDate(now().getTime(), site.timeZone);

  const write = async <T>(mutate: (draft: TrainingFile) => T): Promise<T> => {
    try {
      return await file.update(mutate);
    } catch (error) {
      if (error instanceof StorageError) throw new ApiError('storage_failed', 'The training record could not be saved, so it was not changed.');
      throw error;
    }
  };

  /** The places a person chose that are still on the plans, and their exercises, in the order they are asked. */
  function exercisesOf(username: string, role: Role): { plan: TrainingPlan; places: string[]; exercises: KeyedExercise[] } {
    const plan = plans.for(role);
    const known = new Map(plan.places.map((place) => [place.id, place]));
    const places = recordOf(username).places.filter((id) => known.has(id));
    if (places.length === 0) return { plan, places, exercises: [] };
    const { site, modeWordings } = data();
    const exercises: KeyedExercise[] = [...places.flatMap((id) => placeExercises(plan, known.get(id)!)), ...modeExercises(modeWordings, site.defaultLanguage, username)];
    return { plan, places, exercises };
  }

  function progressOf(username: string, exercises: readonly KeyedExercise[]): Record<string, ExerciseProgress> {
    const answers = recordOf(username).round?.answers ?? {};
    return Object.fromEntries(exercises.map(({ exercise }) => [exercise.id, answers[exercise.id] ? (answers[exercise.id]!.rightAt ? 'right' : 'missed') : 'new']));
  }

  function standingOf(username: string, site: Site): PersonStanding {
    const person = recordOf(username);
    const last = person.completions.at(-1) ?? null;
    const standing = trainingStanding({ lastCompletedOn: last?.day ?? null, started: Object.keys(person.round?.answers ?? {}).length > 0, validityMonths: file.data.validityMonths, today: today(site) });
    return { ...standing, score: last ? { firstTryRight: last.firstTryRight, total: last.total } : null };
  }

  /** Everything the training page shows one person: the plans, the places, their exercises (without answers), how they stand. */
  function view(user: { username: string; role: Role }) {
    const { plan, places, exercises } = exercisesOf(user.username, user.role);
    const { site } = data();
    return {
      ok: true as const,
      units: site.units,
      validityMonths: file.data.validityMonths,
      floors: plan.floors,
      places: plan.places.map(({ id, name, floorId, buildingId, floorName }) => ({ id, name, floorId, buildingId, floorName })),
      chosen: places,
      exercises: exercises.map((keyed) => keyed.exercise),
      progress: progressOf(user.username, exercises),
      standing: standingOf(user.username, site),
    };
  }

  async function savePlaces(actor: Actor & { role: Role }, placeIds: readonly string[]) {
    const known = new Set(plans.for(actor.role).places.map((place) => place.id));
    const unknown = placeIds.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new ApiError('bad_request', `There is no place "${unknown[0]}" on the school's plans.`);
    await write((draft) => {
      draft.people[actor.username] = { ...(draft.people[actor.username] ?? structuredClone(NO_RECORD)), places: [...placeIds] };
    });
    return view(actor);
  }

  function feedbackFor(keyed: KeyedExercise, chosen: string, plan: TrainingPlan): Feedback {
    const { site } = data();
    if (!isMap(keyed)) {
      const { key, exercise } = keyed;
      const right = chosen === key.choiceId;
      const mode = key.modeNames[key.choiceId];
      const words = right ? `Right: that is what staff do in ${mode}.` : `Not quite: those are the steps for ${key.modeNames[chosen] ?? 'another mode'}. In ${mode}, staff do this:`;
      return { exerciseId: exercise.id, right, chosen, words, choiceId: key.choiceId, steps: key.steps };
    }
    const { key, exercise } = keyed;
    const right = key.accepted.includes(chosen);
    const label = (poiId: string) => plan.poi(poiId)?.poi.label ?? poiId;
    const far = (metres: number) => distanceInWords(metres, site.units);
    const best = right ? key.walks.find((walk) => walk.poiId === chosen)! : key.best;
    const what = exercise.kind === 'evacuate' ? 'exit' : 'one';
    let words: string;
    if (right) words = `Right: ${label(chosen)}, ${far(best.metres)} away. Follow the route drawn.`;
    else {
      const theirs = key.walks.find((walk) => walk.poiId === chosen);
      const how = theirs ? `is ${far(theirs.metres)} away` : 'cannot be reached from there';
      words = `Not the nearest: ${label(chosen)} ${how}. The nearest ${what} is ${label(best.poiId)}, ${far(best.metres)} away: follow the route drawn.`;
    }
    return {
      exerciseId: exercise.id,
      right,
      chosen,
      words,
      accepted: key.accepted,
      route: { poiId: best.poiId, path: best.path.map((step) => ({ floorId: step.floorId, x: step.position.x, y: step.position.y })) },
    };
  }

  /**
   * Scores an answer and records it. Every exercise of the person's set answered right once completes the round;
   * the score is how many were right the first time.
   */
  async function answer(actor: Actor & { role: Role }, exerciseId: string, chosen: string) {
    const { plan, exercises } = exercisesOf(actor.username, actor.role);
    if (exercises.length === 0) throw new ApiError('bad_request', 'Pick the places you work first: the exercises are made from them.');
    const keyed = exercises.find((e) => e.exercise.id === exerciseId);
    if (!keyed) throw new ApiError('not_found', 'That exercise is not one of yours (your places or the plans may have changed): reload the page.');
    const choices = isMap(keyed) ? keyed.exercise.candidates : keyed.exercise.choices.map((choice) => choice.id);
    if (!choices.includes(chosen)) throw new ApiError('bad_request', `"${chosen}" is not one of the answers to choose from.`);
    const feedback = feedbackFor(keyed, chosen, plan);
    const at = now().toISOString();
    const { site } = data();
    const completed = await write((draft) => {
      const person = (draft.people[actor.username] ??= structuredClone(NO_RECORD));
      const round = (person.round ??= { startedAt: at, answers: {} });
      const before = round.answers[exerciseId];
      round.answers[exerciseId] = before
        ? { tries: before.tries + 1, firstRight: before.firstRight, rightAt: before.rightAt ?? (feedback.right ? at : null) }
        : { tries: 1, firstRight: feedback.right, rightAt: feedback.right ? at : null };
      if (!exercises.every(({ exercise }) => round.answers[exercise.id]?.rightAt)) return null;
      const completion = { at, day: schoolDate(Date.parse(at), site.timeZone), firstTryRight: exercises.filter(({ exercise }) => round.answers[exercise.id]!.firstRight).length, total: exercises.length };
      person.completions = [...person.completions, completion].slice(-KEPT_COMPLETIONS);
      person.round = null;
      return completion;
    });
    const standing = standingOf(actor.username, site);
    if (completed) await record(actor, 'training.completed', `Know your building: ${completed.firstTryRight} of ${completed.total} right the first time; current until ${standing.validUntil}`);
    return { ok: true as const, feedback, completed: completed !== null, progress: progressOf(actor.username, exercises), standing };
  }

  /** Every account and how its training stands, for the admin's list and its CSV. */
  function people() {
    const { users, site } = data();
    const known = new Map(plans.for('admin').places.map((place) => [place.id, place.name]));
    return {
      today: today(site),
      timeZone: site.timeZone,
      validityMonths: file.data.validityMonths,
      changedAt: file.data.changedAt,
      changedBy: file.data.changedBy,
      people: [...users]
        .sort((a, b) => a.username.localeCompare(b.username))
        .map((user) => ({
          username: user.username,
          role: user.role,
          disabled: user.disabled,
          places: recordOf(user.username).places.map((id) => known.get(id) ?? id),
          ...standingOf(user.username, site),
        })),
    };
  }

  async function setValidity(actor: Actor, validityMonths: number) {
    const before = file.data.validityMonths;
    await write((draft) => {
      draft.validityMonths = validityMonths;
      draft.changedAt = now().toISOString();
      draft.changedBy = actor.username;
    });
    await record(actor, 'training.validity-changed', `training is valid for ${validityMonths} month${validityMonths === 1 ? '' : 's'} after completion (was ${before})`);
    return people();
  }

  return { view, savePlaces, answer, people, setValidity };
}

export type TrainingOperations = ReturnType<typeof createTrainingOperations>;
