// A mode's icon from the catalogue, as inline SVG.
import type { ModeId } from '../../shared/model.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';

export function ModeIcon(props: { mode: ModeId; size?: number }) {
  const size = props.size ?? 40;
  return (
    <svg class="mode-icon" viewBox="0 0 24 24" width={size} height={size} aria-hidden="true">
      <path d={MODE_CATALOGUE[props.mode].icon} fill="currentColor" />
    </svg>
  );
}
