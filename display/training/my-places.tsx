// "My places": the rooms and areas a person works in, picked from the school's plans (grouped by building and floor),
// at most MAX_PLACES. Their exercises are made from these.
import { useState } from 'preact/hooks';
import { MAX_PLACES } from '../../shared/training.ts';
import type { TrainingBody } from './training-types.ts';

export function MyPlaces(props: { body: TrainingBody; busy: boolean; error: string | null; onSave: (places: string[]) => void; onCancel: (() => void) | null }) {
  const [chosen, setChosen] = useState<string[]>(props.body.chosen);
  const floors = [...new Set(props.body.places.map((p) => p.floorName))];
  const toggle = (id: string) => setChosen((now) => (now.includes(id) ? now.filter((c) => c !== id) : now.length < MAX_PLACES ? [...now, id] : now));
  return (
    <form
      class="my-places"
      data-test="my-places"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSave(chosen);
      }}
    >
      <h2>Where do you work?</h2>
      <p class="muted">
        Pick up to {MAX_PLACES} rooms or areas from your school’s plans. The exercises start from there. {chosen.length} of {MAX_PLACES} picked.
      </p>
      {props.body.places.length === 0 && <p class="error">The school’s plans have no named rooms or areas yet: ask your administrator to add them in the floor-plan editor.</p>}
      {floors.map((floorName) => (
        <fieldset key={floorName}>
          <legend>{floorName}</legend>
          {props.body.places
            .filter((p) => p.floorName === floorName)
            .map((place) => {
              const on = chosen.includes(place.id);
              return (
                <label key={place.id} class={`place-option ${on ? 'on' : ''}`}>
                  <input type="checkbox" checked={on} disabled={!on && chosen.length >= MAX_PLACES} onChange={() => toggle(place.id)} data-test={`place-${place.id}`} />
                  <span>{place.name}</span>
                </label>
              );
            })}
        </fieldset>
      ))}
      {props.error && <p class="error">{props.error}</p>}
      <div class="my-places-actions">
        <button type="submit" class="primary" disabled={chosen.length === 0 || props.busy} data-test="places-save">
          Save my places
        </button>
        {props.onCancel && (
          <button type="button" class="secondary" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
