// The editor's own check of the draft before it is sent: the same schema the hub applies, so a mistake is shown
// next to the map (and selectable) instead of coming back as a refused save.
import { WayfindingSchema, wayfindingProblems, type Wayfinding } from '../../shared/floor-plan.ts';
import type { Site } from '../../shared/model.ts';
import type { PlanItem } from './plan-edits.ts';
import { POI_TYPE_NAMES, floorName } from './plan-names.ts';

export interface DraftIssue {
  message: string;
  floorId: string | null;
  item: PlanItem | null;
}

const ITEM_KINDS = { pois: 'poi', nodes: 'node', areas: 'area' } as const;

function describe(draft: Wayfinding, site: Site, path: PropertyKey[]): Omit<DraftIssue, 'message'> & { where: string } {
  const [section, index, list, itemIndex, field] = path;
  if (section === 'screens' && typeof index === 'number') {
    const id = draft.screens[index]?.screenId ?? '';
    const name = site.screens.find((s) => s.id === id)?.name ?? id;
    return { where: `Screen "${name}"`, floorId: site.screens.find((s) => s.id === id)?.floorId ?? null, item: { kind: 'screen', id } };
  }
  if (section === 'links') return { where: 'Stairs or elevator link between floors', floorId: null, item: null };
  const floor = typeof index === 'number' ? draft.floors[index] : undefined;
  if (!floor) return { where: 'Floor plans', floorId: null, item: null };
  const here = floorName(site, floor.floorId);
  if (typeof list === 'string' && list in ITEM_KINDS && typeof itemIndex === 'number') {
    const kind = ITEM_KINDS[list as keyof typeof ITEM_KINDS];
    if (kind === 'poi') {
      const poi = floor.pois[itemIndex];
      const what = poi ? `${POI_TYPE_NAMES[poi.type]} "${poi.label || poi.id}"` : 'A point of interest';
      return { where: `${here}: ${what}${field === 'label' ? ', label' : ''}`, floorId: floor.floorId, item: poi ? { kind, id: poi.id } : null };
    }
    if (kind === 'node') {
      const node = floor.nodes[itemIndex];
      return { where: `${here}: walkway ${node?.kind ?? ''} point ${node?.id ?? ''}`, floorId: floor.floorId, item: node ? { kind, id: node.id } : null };
    }
    const area = floor.areas[itemIndex];
    return { where: `${here}: area "${area?.name || area?.id}"`, floorId: floor.floorId, item: area ? { kind, id: area.id } : null };
  }
  if (list === 'edges') {
    const edge = typeof itemIndex === 'number' ? floor.edges[itemIndex] : undefined;
    return { where: `${here}: corridor`, floorId: floor.floorId, item: edge ? { kind: 'node', id: edge.from } : null };
  }
  return { where: here, floorId: floor.floorId, item: null };
}

/** Every reason the hub would refuse this draft, located where the editor can show it. */
export function draftIssues(site: Site, draft: Wayfinding): DraftIssue[] {
  const issues: DraftIssue[] = wayfindingProblems(site, draft).map((message) => ({ message, floorId: null, item: null }));
  const parsed = WayfindingSchema.safeParse(draft);
  if (parsed.success) return issues;
  for (const issue of parsed.error.issues) {
    const { where, floorId, item } = describe(draft, site, issue.path);
    // zod says "Too small: expected string to have >=1 characters"; staff need "is empty".
    const message = issue.code === 'too_small' && issue.origin === 'string' ? 'is empty' : issue.message;
    issues.push({ message: `${where}: ${message}`, floorId, item });
  }
  return issues;
}

export function DraftIssuesPanel(props: { issues: DraftIssue[]; onPick: (issue: DraftIssue) => void }) {
  if (props.issues.length === 0) return null;
  return (
    <section class="side-section draft-issues" data-test="draft-issues">
      <h3>Fix before saving ({props.issues.length})</h3>
      <ul class="problem-list">
        {props.issues.map((issue, index) => (
          <li key={index}>
            <button type="button" class="problem" onClick={() => props.onPick(issue)} disabled={!issue.floorId}>
              {issue.message}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
