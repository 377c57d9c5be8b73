// "Know your building" on the training page: how one's training stands, the places one works in, and the exercises
// made from them, one at a time. An exercise answered wrong comes back after the others; every exercise right once
// completes the training. The hub scores every answer; this page only shows what it is told.
import { useEffect, useState } from 'preact/hooks';
import { dayInWords } from '../../shared/drill-compliance.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { ExerciseCard } from './exercise-card.tsx';
import { MyPlaces } from './my-places.tsx';
import type { Exercise, Feedback, Standing, TrainingBody } from './training-types.ts';
import './building-exercises.css';

/** "2027-03-14" → "14 March 2027". */
const fullDay = (day: string) => `${dayInWords(day)} ${day.slice(0, 4)}`;

/** The next exercise to ask: the first not yet answered, else the first answered wrong (none: all right). */
function nextExercise(body: TrainingBody): Exercise | null {
  return body.exercises.find((e) => body.progress[e.id] === 'new') ?? body.exercises.find((e) => body.progress[e.id] === 'missed') ?? null;
}

function standingWords(standing: Standing): string {
  switch (standing.state) {
    case 'current':
      return `You are trained: current until ${fullDay(standing.validUntil!)}.`;
    case 'due-soon':
      return `Due soon: your training runs out on ${fullDay(standing.validUntil!)}. Go through the exercises again to renew it.`;
    case 'expired':
      return `Due: your training ran out on ${fullDay(standing.validUntil!)}. Go through the exercises again to renew it.`;
    case 'started':
      return 'Not finished yet: answer every exercise right once to complete your training.';
    case 'never-started':
      return 'Not trained yet. Pick the places you work, then answer each exercise.';
  }
}

export function BuildingExercises() {
  const [body, setBody] = useState<TrainingBody | null>(null);
  const [editingPlaces, setEditingPlaces] = useState(false);
  const [current, setCurrent] = useState<Exercise | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [justCompleted, setJustCompleted] = useState(false);
  const load = useApiAction();
  const save = useApiAction();
  const answer = useApiAction();

  const show = (next: TrainingBody) => {
    setBody(next);
    setCurrent(nextExercise(next));
    setFeedback(null);
  };
  useEffect(() => {
    void load.run(() => call(api.training.$get())).then((answered) => answered && show(answered));
  }, []);

  if (!body) return <section class="panel building-exercises">{load.error ? <p class="error">{load.error}</p> : <p class="muted">Loading your building…</p>}</section>;

  const total = body.exercises.length;
  const done = body.exercises.filter((e) => body.progress[e.id] === 'right').length;
  const choosing = editingPlaces || body.chosen.length === 0;

  const savePlaces = (places: string[]) =>
    void save.run(() => call(api.training.places.$put({ json: { places } }))).then((saved) => {
      if (!saved) return;
      setEditingPlaces(false);
      setJustCompleted(false);
      show(saved);
    });
  const submit = (chosen: string) =>
    void answer.run(() => call(api.training.answers.$post({ json: { exerciseId: current!.id, answer: chosen } }))).then((result) => {
      if (!result) return;
      setBody({ ...body, progress: result.progress, standing: result.standing });
      setFeedback(result.feedback);
      if (result.completed) setJustCompleted(true);
    });
  const next = () => {
    setFeedback(null);
    setCurrent(justCompleted ? null : nextExercise(body));
  };

  const placeNames = body.chosen.map((id) => body.places.find((p) => p.id === id)?.name ?? id);
  return (
    <section class="panel building-exercises" data-test="building-exercises" data-state={body.standing.state}>
      <h2>Exercises on your building</h2>
      <p class={`standing ${body.standing.state}`} data-test="training-standing">
        {standingWords(body.standing)}
        {body.standing.score && body.standing.state !== 'never-started' && ` Last time: ${body.standing.score.firstTryRight} of ${body.standing.score.total} right the first time.`}
      </p>
      {choosing ? (
        <MyPlaces body={body} busy={save.busy} error={save.error} onSave={savePlaces} onCancel={body.chosen.length > 0 ? () => setEditingPlaces(false) : null} />
      ) : (
        <>
          <div class="my-places-line">
            <span>
              Your places: <strong data-test="chosen-places">{placeNames.join('; ')}</strong>
            </span>
            <button type="button" class="link-button" data-test="change-places" onClick={() => setEditingPlaces(true)}>
              Change
            </button>
          </div>
          {justCompleted && !current ? (
            <div class="training-done" role="status" data-test="training-done">
              <h3>Training complete</h3>
              <p>
                {body.standing.score && `You answered ${body.standing.score.firstTryRight} of ${body.standing.score.total} right the first time. `}
                Your training is current until {body.standing.validUntil ? fullDay(body.standing.validUntil) : '—'}.
              </p>
              <button type="button" class="secondary" onClick={() => {
                  setJustCompleted(false);
                  show(body);
                }}
                data-test="practise-again">
                Practise again
              </button>
            </div>
          ) : current ? (
            <>
              <div class="training-progress">
                <progress max={total} value={done} aria-label="Exercises answered right" />
                <span data-test="training-progress">
                  {done} of {total} done
                </span>
              </div>
              <ExerciseCard key={current.id} exercise={current} body={body} feedback={feedback} busy={answer.busy} onAnswer={submit} onNext={next} />
              {answer.error && <p class="error">{answer.error}</p>}
            </>
          ) : (
            <p class="muted">There are no exercises for your places yet: the plans have no exits or equipment near them. Ask your administrator.</p>
          )}
        </>
      )}
    </section>
  );
}
