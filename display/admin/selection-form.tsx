// The side form for whatever is selected on the plan: a point of interest, a walkway point, an area or a screen.
import { useEffect, useRef } from 'preact/hooks';
import { GRAPH_NODE_KINDS, type FloorPlan, type Wayfinding } from '../../shared/floor-plan.ts';
import type { Language, Screen } from '../../shared/model.ts';
import { TranslationFields } from '../lib/translation-fields.tsx';
import { ChoiceSelect, MoveButton } from './choice-fields.tsx';
import { FacingInput } from './facing-input.tsx';
import { changeArea, nearestPoi, updateNode, updatePoi, updateScreen, type PlanItem } from './plan-edits.ts';
import { NODE_KIND_NAMES, NODE_POI_TYPE, POI_TYPE_NAMES, type NodeKind } from './plan-names.ts';
import { PoiForm, PositionFields } from './poi-form.tsx';

export interface SelectionFormProps {
  draft: Wayfinding;
  floor: FloorPlan;
  selection: PlanItem;
  justAdded: string | null;
  siteScreens: Screen[];
  /** The school's other screen languages, which names and labels may be translated into. */
  translateTo: readonly Language[];
  disabled: boolean;
  replace: (next: Wayfinding) => void;
  onMove: () => void;
}

export function SelectionForm(props: SelectionFormProps) {
  const { draft, floor, selection, replace, disabled } = props;
  const floorId = floor.floorId;
  switch (selection.kind) {
    case 'poi': {
      const poi = floor.pois.find((p) => p.id === selection.id);
      if (!poi) return null;
      return (
        <PoiForm
          floor={floor}
          poi={poi}
          focusLabel={props.justAdded === poi.id}
          translateTo={props.translateTo}
          disabled={disabled}
          onChange={(patch) => replace(updatePoi(draft, floorId, poi.id, patch))}
          onMove={props.onMove}
        />
      );
    }
    case 'node':
      return <NodeForm {...props} />;
    case 'area':
      return <AreaForm {...props} />;
    case 'screen': {
      const spot = draft.screens.find((s) => s.screenId === selection.id);
      const screen = props.siteScreens.find((s) => s.id === selection.id);
      if (!spot) return null;
      return (
        <div class="item-form" data-test="screen-form">
          <h3>Screen: {screen?.name ?? spot.screenId}</h3>
          <p class="muted">{screen?.location || spot.screenId}</p>
          <FacingInput value={spot.facingDegrees} disabled={disabled} testPrefix="screen" onChange={(facingDegrees) => replace(updateScreen(draft, spot.screenId, { facingDegrees }))} />
          <p class="muted">Its map is turned so this direction is up, and the arrow to the exit agrees with the map.</p>
          <PositionFields position={spot.position} disabled={disabled} onChange={(position) => replace(updateScreen(draft, spot.screenId, { position }))} />
          <MoveButton disabled={disabled} onMove={props.onMove} />
        </div>
      );
    }
  }
}

function NodeForm(props: SelectionFormProps) {
  const { draft, floor, selection, replace, disabled } = props;
  const node = floor.nodes.find((n) => n.id === selection.id);
  if (!node) return null;
  const poiType = NODE_POI_TYPE[node.kind];
  const candidates = poiType ? floor.pois.filter((p) => p.type === poiType) : [];
  const neighbours = floor.edges.flatMap((e) => (e.from === node.id ? [e.to] : e.to === node.id ? [e.from] : []));
  const links = draft.links.filter((l) => l.from === node.id || l.to === node.id);
  const change = (patch: Parameters<typeof updateNode>[3]) => replace(updateNode(draft, floor.floorId, node.id, patch));
  return (
    <div class="item-form" data-test="node-form">
      <h3>Walkway point</h3>
      <p class="muted id-line">{node.id}</p>
      <ChoiceSelect label="Kind" test="node-form-kind" value={node.kind} choices={GRAPH_NODE_KINDS} names={NODE_KIND_NAMES} disabled={disabled} onChange={(kind: NodeKind) => change({ kind })} />
      {poiType && (
        <label>
          Stands for ({POI_TYPE_NAMES[poiType].toLowerCase()})
          <select data-test="node-form-poi" value={node.poiId ?? ''} disabled={disabled} onChange={(e) => change({ poiId: e.currentTarget.value || null })}>
            <option value="">None yet</option>
            {candidates.map((poi) => (
              <option key={poi.id} value={poi.id}>
                {poi.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {poiType && (
        <button
          type="button"
          class="secondary"
          disabled={disabled || candidates.length === 0}
          onClick={() => change({ poiId: nearestPoi(floor, poiType, node.position)?.id ?? null })}
        >
          Link to the nearest {POI_TYPE_NAMES[poiType].toLowerCase()}
        </button>
      )}
      {poiType && candidates.length === 0 && <p class="error">Add a {POI_TYPE_NAMES[poiType].toLowerCase()} point on this floor first.</p>}
      <PositionFields position={node.position} disabled={disabled} onChange={(position) => change({ position })} />
      <p class="muted">
        {neighbours.length === 0 ? 'Not connected yet: use Connect.' : `Connected to ${neighbours.join(', ')}.`}
        {links.length > 0 && ` Leads to another floor (${links.map((l) => (l.from === node.id ? l.to : l.from)).join(', ')}).`}
      </p>
      <MoveButton disabled={disabled} onMove={props.onMove} />
    </div>
  );
}

function AreaForm(props: SelectionFormProps) {
  const { draft, floor, selection, replace, disabled } = props;
  const area = floor.areas.find((a) => a.id === selection.id);
  const name = useRef<HTMLInputElement>(null);
  const justAdded = props.justAdded === area?.id;
  useEffect(() => {
    if (justAdded && name.current) {
      name.current.focus();
      name.current.select();
    }
  }, [justAdded, area?.id]);
  if (!area) return null;
  return (
    <div class="item-form" data-test="area-form">
      <h3>Area</h3>
      <p class="muted id-line">{area.id}</p>
      <label>
        Name (the office marks hazards by it)
        <input ref={name} data-test="area-name" value={area.name} maxLength={120} disabled={disabled} onInput={(e) => replace(changeArea(draft, floor.floorId, area.id, { name: e.currentTarget.value }))} />
      </label>
      <TranslationFields
        languages={props.translateTo}
        what="Name"
        translations={area.translations}
        maxLength={120}
        disabled={disabled}
        test="area-translation"
        onChange={(translations) => replace(changeArea(draft, floor.floorId, area.id, { translations }))}
      />
      <p class="muted">{area.polygon.length} corners.</p>
      <MoveButton disabled={disabled} onMove={props.onMove} />
    </div>
  );
}
