// One exercise: the question, the map(s) to tap on or the choices to pick from, "Check my answer", and the hub's
// verdict at once: right or wrong in words, with the right route drawn on the map or the right steps marked.
import { useState } from 'preact/hooks';
import type { Point } from '../../shared/floor-plan.ts';
import { ExerciseMap, type MapPoint } from './exercise-map.tsx';
import type { Exercise, Feedback, TrainingBody } from './training-types.ts';

export interface ExerciseCardProps {
  exercise: Exercise;
  body: TrainingBody;
  feedback: Feedback | null;
  busy: boolean;
  onAnswer: (answer: string) => void;
  onNext: () => void;
}

export function ExerciseCard(props: ExerciseCardProps) {
  const { exercise, feedback } = props;
  const [selected, setSelected] = useState<string | null>(null);
  const answered = feedback?.exerciseId === exercise.id ? feedback : null;
  const nameOf = (id: string | null) => (id === null ? null : exercise.kind === 'mode' ? null : props.body.floors.flatMap((f) => f.pois).find((p) => p.id === id)?.label ?? id);

  return (
    <article class="exercise" data-test="exercise" data-exercise={exercise.id} data-kind={exercise.kind}>
      <h3 data-test="exercise-question">{exercise.question}</h3>
      {exercise.kind === 'mode' ? <ModeChoices exercise={exercise} selected={selected} answered={answered} onPick={setSelected} /> : <MapExercise exercise={exercise} body={props.body} selected={selected} answered={answered} onPick={setSelected} />}
      {answered ? (
        <div class={`exercise-verdict ${answered.right ? 'right' : 'wrong'}`} role="status" data-test="exercise-verdict" data-right={String(answered.right)}>
          <p>
            <strong>{answered.right ? '✓ ' : '✗ '}</strong>
            {answered.words}
          </p>
          {answered.steps && !answered.right && (
            <ul class="exercise-steps" data-test="exercise-right-steps">
              {answered.steps.map((step, i) => (
                <li key={i}>{step}</li>
              ))}
            </ul>
          )}
          <button
            type="button"
            class="primary"
            data-test="exercise-next"
            onClick={() => {
              setSelected(null);
              props.onNext();
            }}
          >
            {answered.right ? 'Next' : 'Next (this one comes back later)'}
          </button>
        </div>
      ) : (
        <div class="exercise-actions">
          <p class="muted" aria-live="polite" data-test="exercise-selected">
            {selected === null ? (exercise.kind === 'mode' ? 'Pick one.' : 'Tap a point on the map, or pick it from the list.') : exercise.kind === 'mode' ? 'Your answer is marked.' : `Your answer: ${nameOf(selected)}`}
          </p>
          <button type="button" class="primary" disabled={selected === null || props.busy} data-test="exercise-check" onClick={() => selected && props.onAnswer(selected)}>
            Check my answer
          </button>
        </div>
      )}
    </article>
  );
}

type MapExerciseData = Exclude<Exercise, { kind: 'mode' }>;

function MapExercise(props: { exercise: MapExerciseData; body: TrainingBody; selected: string | null; answered: Feedback | null; onPick: (id: string) => void }) {
  const { exercise, body, answered } = props;
  const place = body.places.find((p) => p.id === exercise.placeId);
  const floors = exercise.floorIds.map((id) => body.floors.find((f) => f.floorId === id)).filter((f) => f !== undefined);
  const points = new Map(body.floors.flatMap((f) => f.pois.map((poi) => [poi.id, { ...poi, floorId: f.floorId }] as const)));
  const onFloor = (ids: readonly string[], floorId: string): MapPoint[] => ids.map((id) => points.get(id)).filter((p) => p !== undefined && p.floorId === floorId) as MapPoint[];
  const route = answered?.route;
  return (
    <>
      <p class="exercise-legend muted">
        <span class="legend-item">
          <span class="legend-here" aria-hidden="true" /> You start here.
        </span>{' '}
        {exercise.blockedPoiIds.length > 0 && (
          <span class="legend-item">
            <span class="legend-blocked" aria-hidden="true">
              ✕
            </span>{' '}
            Blocked by a hazard.
          </span>
        )}{' '}
        {route && (
          <span class="legend-item">
            <span class="legend-route" aria-hidden="true" /> The right route.
          </span>
        )}
      </p>
      {floors.map((floor) => {
        const area = floor.areas.find((a) => a.id === exercise.placeId);
        const starts = exercise.start.floorId === floor.floorId;
        const steps: Point[] = route ? route.path.filter((step) => step.floorId === floor.floorId).map((step) => ({ x: step.x, y: step.y })) : [];
        return (
          <ExerciseMap
            key={floor.floorId}
            floor={floor}
            place={starts ? { name: place?.name ?? '', polygon: area?.polygon ?? null, start: exercise.start.position } : null}
            candidates={onFloor(exercise.candidates, floor.floorId)}
            blocked={onFloor(exercise.blockedPoiIds, floor.floorId)}
            selected={props.selected}
            answered={answered && route ? { accepted: answered.accepted ?? [], chosen: answered.chosen, best: route.poiId, route: steps } : null}
            onPick={props.onPick}
          />
        );
      })}
      {!answered && (
        <details class="exercise-list">
          <summary>Pick from a list instead</summary>
          <div role="radiogroup" aria-label={exercise.question}>
            {exercise.candidates.map((id) => (
              <button type="button" role="radio" aria-checked={props.selected === id} key={id} class={props.selected === id ? 'chosen' : ''} data-test={`list-${id}`} onClick={() => props.onPick(id)}>
                {points.get(id)?.label ?? id}
              </button>
            ))}
          </div>
        </details>
      )}
    </>
  );
}

function ModeChoices(props: { exercise: Extract<Exercise, { kind: 'mode' }>; selected: string | null; answered: Feedback | null; onPick: (id: string) => void }) {
  const { exercise, answered } = props;
  return (
    <div class="mode-choices" role="radiogroup" aria-label={exercise.question}>
      {exercise.choices.map((choice) => {
        const state = answered ? (choice.id === answered.choiceId ? 'right' : choice.id === answered.chosen ? 'wrong' : 'other') : choice.id === props.selected ? 'selected' : 'other';
        return (
          <button type="button" role="radio" aria-checked={props.selected === choice.id} key={choice.id} class={`mode-choice ${state}`} data-test={`choice-${choice.id}`} data-state={state} disabled={answered !== null} onClick={() => props.onPick(choice.id)}>
            <ul>
              {choice.steps.map((step, i) => (
                <li key={i}>{step}</li>
              ))}
            </ul>
          </button>
        );
      })}
    </div>
  );
}
