// Choose where a mode applies: the whole school, one building, or one zone of a building.
import type { Scope, Site } from '../../shared/model.ts';
import { sameScope } from '../../shared/modes.ts';
import { scopeSlug } from './scope-names.ts';

export function ScopePicker(props: { site: Site; value: Scope; onChange: (scope: Scope) => void }) {
  const option = (scope: Scope, label: string, nested = false) => (
    <button
      key={scopeSlug(scope)}
      type="button"
      class={`scope-option ${nested ? 'nested' : ''} ${sameScope(scope, props.value) ? 'chosen' : ''}`}
      aria-pressed={sameScope(scope, props.value)}
      data-test={`scope-${scopeSlug(scope)}`}
      onClick={() => props.onChange(scope)}
    >
      {label}
    </button>
  );
  return (
    <div class="scope-picker">
      {option({ kind: 'site' }, `Whole school: ${props.site.name}`)}
      {props.site.buildings.map((building) => (
        <div class="scope-building" key={building.id}>
          {option({ kind: 'building', buildingId: building.id }, building.name)}
          {props.site.zones
            .filter((zone) => zone.buildingId === building.id)
            .map((zone) => option({ kind: 'zone', zoneId: zone.id }, zone.name, true))}
        </div>
      ))}
    </div>
  );
}
