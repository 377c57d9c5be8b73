// The side form for a selected point of interest: what it is, the label screens show, notes for staff, where it is.
import { useEffect, useRef } from 'preact/hooks';
import { POI_TYPES, type FloorPlan, type Poi, type PoiType, type Point } from '../../shared/floor-plan.ts';
import type { Language } from '../../shared/model.ts';
import { TranslationFields } from '../lib/translation-fields.tsx';
import { isConfidential } from '../../shared/confidential-points.ts';
import { PUBLIC_POI_TYPES } from '../../shared/poi-markers.ts';
import { ChoiceSelect, MoveButton } from './choice-fields.tsx';
import { POI_TYPE_NAMES } from './plan-names.ts';

export interface PoiFormProps {
  floor: FloorPlan;
  poi: Poi;
  /** Focus the label: the manager just placed this point and names it next. */
  focusLabel: boolean;
  /** The school's other screen languages: the label gets a field for each ("Label in Spanish"). */
  translateTo: readonly Language[];
  disabled: boolean;
  onChange: (patch: Partial<Omit<Poi, 'id'>>) => void;
  onMove: () => void;
}

export function PoiForm(props: PoiFormProps) {
  const { poi, disabled } = props;
  const label = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.focusLabel && label.current) {
      label.current.focus();
      label.current.select();
    }
  }, [props.focusLabel, poi.id]);
  const linkedNodes = props.floor.nodes.filter((n) => n.poiId === poi.id);
  return (
    <div class="item-form" data-test="poi-form" data-poi={poi.id}>
      <h3>Point of interest</h3>
      <p class="muted id-line">{poi.id}</p>
      <ChoiceSelect label="What is it?" test="poi-form-type" value={poi.type} choices={POI_TYPES} names={POI_TYPE_NAMES} disabled={disabled} onChange={(type: PoiType) => props.onChange({ type })} />
      <label>
        Label (shown on screens)
        <input ref={label} data-test="poi-label" value={poi.label} maxLength={120} disabled={disabled} onInput={(e) => props.onChange({ label: e.currentTarget.value })} />
      </label>
      <TranslationFields
        languages={props.translateTo}
        what="Label"
        translations={poi.translations}
        maxLength={120}
        disabled={disabled}
        test="poi-label-translation"
        onChange={(translations) => props.onChange({ translations })}
      />
      <label>
        Notes for staff
        <textarea data-test="poi-notes" rows={3} maxLength={1000} value={poi.notes} disabled={disabled} onInput={(e) => props.onChange({ notes: e.currentTarget.value })} />
      </label>
      <PositionFields position={poi.position} disabled={disabled} onChange={(position) => props.onChange({ position })} />
      <p class="muted">
        {hallwayNote(poi.type)}
        {linkedNodes.length > 0 && ` Walkway points that lead here: ${linkedNodes.map((n) => n.id).join(', ')}.`}
      </p>
      <MoveButton disabled={disabled} onMove={props.onMove} />
    </div>
  );
}

/** Who will see this point: confidential kinds never leave the hub for a hallway (shared/confidential-points.ts). */
function hallwayNote(type: PoiType): string {
  if (isConfidential(type)) return 'Confidential: never sent to hallway screens or printed on evacuation diagrams; only staff see it.';
  if (PUBLIC_POI_TYPES.includes(type)) return 'Shown on hallway screens.';
  if (type === 'shelter-area') return 'Shown on hallway screens during a Shelter.';
  return 'Not drawn on hallway screens.';
}

/** x and y in map units, for placing something exactly (the click only gets within a few units). */
export function PositionFields(props: { position: Point; disabled: boolean; onChange: (position: Point) => void }) {
  const field = (axis: 'x' | 'y') => (
    <label>
      {axis}
      <input
        type="number"
        step="any"
        value={props.position[axis]}
        disabled={props.disabled}
        data-test={`position-${axis}`}
        onInput={(e) => {
          const value = e.currentTarget.valueAsNumber;
          if (Number.isFinite(value)) props.onChange({ ...props.position, [axis]: value });
        }}
      />
    </label>
  );
  return (
    <div class="position-fields">
      {field('x')}
      {field('y')}
    </div>
  );
}
