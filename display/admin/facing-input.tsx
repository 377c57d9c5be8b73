// Which way a screen's readers look, in degrees clockwise from map up, with N/E/S/W shortcuts: the hallway map is
// turned so this direction is up, so a wrong value sends people the wrong way.
import { COMPASS, normaliseDegrees } from './plan-tool.ts';

export function FacingInput(props: { value: number; onChange: (degrees: number) => void; disabled?: boolean; testPrefix: string }) {
  return (
    <div class="facing">
      <label>
        Readers face (° clockwise from map up)
        <input
          type="number"
          min={0}
          max={359}
          step={1}
          value={props.value}
          disabled={props.disabled}
          data-test={`${props.testPrefix}-facing`}
          onInput={(e) => {
            const value = (e.currentTarget as HTMLInputElement).valueAsNumber;
            if (Number.isFinite(value)) props.onChange(normaliseDegrees(value));
          }}
        />
      </label>
      <div class="compass" role="group" aria-label="Quick directions">
        {COMPASS.map(({ label, degrees }) => (
          <button
            key={label}
            type="button"
            class={props.value === degrees ? 'chip on' : 'chip'}
            aria-pressed={props.value === degrees}
            disabled={props.disabled}
            onClick={() => props.onChange(degrees)}
          >
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}
