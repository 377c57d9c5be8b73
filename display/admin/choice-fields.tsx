// Small form pieces the floor-plan editor repeats: a labelled choice from a fixed list, and "Move…".
import type { ComponentChildren } from 'preact';

export function ChoiceSelect<T extends string>(props: {
  label: ComponentChildren;
  value: T;
  choices: readonly T[];
  names: Readonly<Record<T, string>>;
  disabled: boolean;
  test: string;
  onChange: (value: T) => void;
}) {
  return (
    <label>
      {props.label}
      <select data-test={props.test} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.currentTarget.value as T)}>
        {props.choices.map((choice) => (
          <option key={choice} value={choice}>
            {props.names[choice]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Then click the map to put the selected item there. */
export function MoveButton(props: { disabled: boolean; onMove: () => void }) {
  return (
    <div class="form-actions">
      <button type="button" class="secondary" data-test="move-selected" disabled={props.disabled} onClick={props.onMove}>
        Move…
      </button>
    </div>
  );
}
