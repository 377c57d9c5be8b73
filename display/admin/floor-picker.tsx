// Choosing the building and floor to edit, from the site; floors without a plan yet say so.
import type { Wayfinding } from '../../shared/floor-plan.ts';
import type { Site } from '../../shared/model.ts';

export function FloorPicker(props: { site: Site; draft: Wayfinding | null; floorId: string; onChange: (floorId: string) => void }) {
  const { site } = props;
  const building = site.buildings.find((b) => b.floors.some((f) => f.id === props.floorId)) ?? site.buildings[0]!;
  const planned = new Set(props.draft?.floors.map((f) => f.floorId) ?? []);
  return (
    <div class="floor-picker">
      <label>
        Building
        <select
          data-test="plan-building"
          value={building.id}
          onChange={(e) => {
            const next = site.buildings.find((b) => b.id === e.currentTarget.value);
            // The first floor with a plan is the likely one to work on; else the lowest.
            const floor = next?.floors.find((f) => planned.has(f.id)) ?? next?.floors[0];
            if (floor) props.onChange(floor.id);
          }}
        >
          {site.buildings.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Floor
        <select data-test="plan-floor" value={props.floorId} onChange={(e) => props.onChange(e.currentTarget.value)}>
          {[...building.floors]
            .sort((a, b) => a.level - b.level)
            .map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
                {planned.has(f.id) ? '' : ' (no plan yet)'}
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}
