// Which screens show a slide: all of them, or any mix of buildings, zones and groups (screens' tags, or a new
// group typed in for screens to be tagged with later).
import { useState } from 'preact/hooks';
import type { Target } from '../../shared/content.ts';
import type { Site } from '../../shared/model.ts';

const sameTarget = (a: Target, b: Target) => JSON.stringify(a) === JSON.stringify(b);
/** A group name as screens are tagged: "Front Office" → "front-office". */
const tagOf = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

export function TargetPicker(props: { site: Site; targets: Target[]; onChange: (targets: Target[]) => void }) {
  const { site, targets } = props;
  const [newGroup, setNewGroup] = useState('');
  const has = (target: Target) => targets.some((t) => sameTarget(t, target));
  const toggle = (target: Target, on: boolean) => props.onChange(on ? [...targets.filter((t) => !sameTarget(t, target)), target] : targets.filter((t) => !sameTarget(t, target)));
  const all = has({ kind: 'all' });
  const groups = [...new Set([...site.screens.flatMap((s) => s.tags ?? []), ...targets.flatMap((t) => (t.kind === 'group' ? [t.tag] : []))])].sort();
  const addGroup = () => {
    const tag = tagOf(newGroup);
    if (!tag) return;
    toggle({ kind: 'group', tag }, true);
    setNewGroup('');
  };

  const box = (target: Target, label: string, test: string) => (
    <label class="check" key={test}>
      <input type="checkbox" data-test={test} checked={has(target)} disabled={all && target.kind !== 'all'} onChange={(e) => toggle(target, e.currentTarget.checked)} />
      {label}
    </label>
  );

  return (
    <fieldset class="target-picker" data-test="target-picker">
      <legend>Show on</legend>
      {box({ kind: 'all' }, 'All screens', 'target-all')}
      {all && <p class="muted">Every screen shows it; untick “All screens” to choose buildings, zones or groups.</p>}
      <div class="target-columns">
        <div>
          <h4>Buildings</h4>
          {site.buildings.map((b) => box({ kind: 'building', buildingId: b.id }, b.name, `target-building-${b.id}`))}
        </div>
        {site.zones.length > 0 && (
          <div>
            <h4>Zones</h4>
            {site.zones.map((z) => box({ kind: 'zone', zoneId: z.id }, z.name, `target-zone-${z.id}`))}
          </div>
        )}
        <div>
          <h4>Groups</h4>
          {groups.length === 0 && <p class="muted">No screen is in a group yet.</p>}
          {groups.map((tag) => box({ kind: 'group', tag }, tag, `target-group-${tag}`))}
          <div class="new-group">
            <input
              data-test="target-group-new"
              aria-label="Another group"
              placeholder="another group"
              value={newGroup}
              maxLength={64}
              disabled={all}
              onInput={(e) => setNewGroup(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  addGroup();
                }
              }}
            />
            <button type="button" data-test="target-group-add" disabled={all || !tagOf(newGroup)} onClick={addGroup}>
              Add
            </button>
          </div>
        </div>
      </div>
    </fieldset>
  );
}
