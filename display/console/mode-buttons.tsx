// One large button per emergency mode. A tap only opens the confirmation; nothing starts from here.
import { EMERGENCY_MODES, type EmergencyModeId } from '../../shared/model.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { ModeIcon } from './mode-icon.tsx';

export function ModeButtons(props: { disabled: boolean; onChoose: (mode: EmergencyModeId) => void }) {
  return (
    <div class="mode-buttons">
      {EMERGENCY_MODES.map((mode) => {
        const definition = MODE_CATALOGUE[mode];
        const text = definition.text.en;
        return (
          <button
            key={mode}
            type="button"
            class="mode-button"
            data-test={`mode-button-${mode}`}
            style={{ '--mode-color': definition.color }}
            disabled={props.disabled}
            onClick={() => props.onChoose(mode)}
          >
            <ModeIcon mode={mode} />
            <span class="mode-name">{text.name}</span>
            <span class="mode-directive">{text.directive}</span>
          </button>
        );
      })}
    </div>
  );
}
