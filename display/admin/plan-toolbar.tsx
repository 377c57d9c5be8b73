// The editor's tool column: one button per tool (the active one stands out), the active tool's choices (what
// kind of point, which screen, which kind of walkway point) and a line saying what a click will do.
import { POI_TYPES, GRAPH_NODE_KINDS, type PoiType } from '../../shared/floor-plan.ts';
import type { Screen } from '../../shared/model.ts';
import { ChoiceSelect } from './choice-fields.tsx';
import { FacingInput } from './facing-input.tsx';
import { NODE_KIND_NAMES, POI_TYPE_NAMES, type NodeKind } from './plan-names.ts';
import { TOOL_BUTTONS } from './plan-tool.ts';
import type { PlanInteraction } from './use-plan-interaction.ts';

export interface PlanToolbarProps {
  interaction: PlanInteraction;
  /** The site's screens on this floor, and the facing of those already on the map. */
  screens: Screen[];
  placed: Map<string, number>;
  /** Why the tools cannot be used (read-only role, no plan yet), or null. */
  disabledReason: string | null;
}

export function PlanToolbar(props: PlanToolbarProps) {
  const { interaction } = props;
  const disabled = props.disabledReason !== null;
  const { tool } = interaction;
  return (
    <div class="plan-toolbar" role="toolbar" aria-label="Floor plan tools">
      {TOOL_BUTTONS.map((button) => (
        <button
          key={button.name}
          type="button"
          class={tool.name === button.name ? 'tool on' : 'tool'}
          aria-pressed={tool.name === button.name}
          data-test={`tool-${button.name}`}
          title={button.hint}
          disabled={disabled}
          onClick={() => interaction.chooseTool(button.name)}
        >
          {button.label}
        </button>
      ))}
      <button
        type="button"
        class="tool danger"
        data-test="delete-selected"
        disabled={disabled || !interaction.selection}
        title="Delete the selected item (Delete key)"
        onClick={interaction.deleteSelection}
      >
        Delete selected
      </button>
      <div class="tool-options">
        <ToolOptionsFor {...props} />
        <p class="hint" data-test="tool-hint">
          {hint(props)}
        </p>
      </div>
    </div>
  );
}

function ToolOptionsFor(props: PlanToolbarProps) {
  const { interaction } = props;
  const disabled = props.disabledReason !== null;
  const { tool, options } = interaction;
  if (tool.name === 'poi') {
    return (
      <ChoiceSelect label="What is it?" test="poi-type" value={options.poiType} choices={POI_TYPES} names={POI_TYPE_NAMES} disabled={disabled} onChange={(poiType: PoiType) => interaction.setOptions({ poiType })} />
    );
  }
  if (tool.name === 'node') {
    return (
      <ChoiceSelect label="Kind of point" test="node-kind" value={options.nodeKind} choices={GRAPH_NODE_KINDS} names={NODE_KIND_NAMES} disabled={disabled} onChange={(nodeKind: NodeKind) => interaction.setOptions({ nodeKind })} />
    );
  }
  if (tool.name === 'screen') {
    // A placed screen keeps its facing when moved, unless the manager changes it here.
    const chooseScreen = (screenId: string | null) => {
      const facing = screenId === null ? undefined : props.placed.get(screenId);
      interaction.setOptions(facing === undefined ? { screenId } : { screenId, facingDegrees: facing });
    };
    if (props.screens.length === 0) return <p class="muted">The site has no screens on this floor.</p>;
    return (
      <>
        <label>
          Screen
          <select data-test="screen-choice" value={options.screenId ?? ''} disabled={disabled} onChange={(e) => chooseScreen(e.currentTarget.value || null)}>
            <option value="">Choose a screen…</option>
            {props.screens.map((screen) => (
              <option key={screen.id} value={screen.id}>
                {screen.name}
                {props.placed.has(screen.id) ? ' (placed)' : ' (not placed)'}
              </option>
            ))}
          </select>
        </label>
        <FacingInput value={options.facingDegrees} disabled={disabled} testPrefix="tool" onChange={(facingDegrees) => interaction.setOptions({ facingDegrees })} />
      </>
    );
  }
  if (tool.name === 'area') {
    return (
      <button type="button" class="secondary" data-test="finish-area" disabled={disabled || tool.points.length < 3} onClick={interaction.finishArea}>
        Finish area ({tool.points.length} corners)
      </button>
    );
  }
  return null;
}

function hint(props: PlanToolbarProps): string {
  const { tool, options } = props.interaction;
  if (props.disabledReason) return props.disabledReason;
  switch (tool.name) {
    case 'select':
      return 'Click a marker, walkway point, screen or area to edit it; drag a marker to move it. Esc clears, Delete removes.';
    case 'poi':
      return `Click the map where the ${POI_TYPE_NAMES[options.poiType].toLowerCase()} is.`;
    case 'node':
      return 'Click the map to add a walkway point. Routes end at exit and shelter points; exit, stairs and shelter points link to the nearest matching point of interest.';
    case 'screen':
      return options.screenId ? 'Click the map where the screen hangs.' : 'Choose a screen first.';
    case 'connect':
      return tool.from ? `From ${tool.from}: click the next walkway point. Esc to stop.` : 'Click a walkway point to start a corridor; click a line to remove it.';
    case 'area':
      return tool.points.length === 0 ? 'Click the first corner of the area.' : 'Click the next corner; double-click or Finish to close. Esc to start over.';
    case 'move':
      return `Click the map where ${tool.item.id} should go. Esc cancels.`;
  }
}
