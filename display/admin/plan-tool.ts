// The editor's tools: which one is active and what it is in the middle of (the first node of a corridor, the
// corners of an area drawn so far, the item being moved), plus the choices each tool remembers.
import type { Point, PoiType } from '../../shared/floor-plan.ts';
import type { PlanItem } from './plan-edits.ts';
import type { NodeKind } from './plan-names.ts';

export type Tool =
  | { name: 'select' }
  | { name: 'poi' }
  | { name: 'screen' }
  | { name: 'node' }
  | { name: 'connect'; from: string | null }
  | { name: 'area'; points: Point[] }
  | { name: 'move'; item: PlanItem };

export type ToolName = Tool['name'];

/** What the manager picked for each tool; kept while switching tools, so adding ten AEDs is ten clicks. */
export interface ToolOptions {
  poiType: PoiType;
  nodeKind: NodeKind;
  screenId: string | null;
  facingDegrees: number;
}

export const TOOL_BUTTONS: { name: Exclude<ToolName, 'move'>; label: string; hint: string }[] = [
  { name: 'select', label: 'Select / move', hint: 'Click something on the map to edit it; drag it to move it.' },
  { name: 'poi', label: 'Add point', hint: 'Choose what it is, then click the map where it hangs.' },
  { name: 'screen', label: 'Place screen', hint: 'Choose a screen, set which way its readers look, click where it hangs.' },
  { name: 'node', label: 'Walkway point', hint: 'Click corridor corners, doors and exits; then connect them.' },
  { name: 'connect', label: 'Connect', hint: 'Click two walkway points to join them; click a line to remove it.' },
  { name: 'area', label: 'Draw area', hint: 'Click the corners; double-click or Finish to close the shape.' },
];

export function startTool(name: ToolName, item?: PlanItem): Tool {
  switch (name) {
    case 'connect':
      return { name, from: null };
    case 'area':
      return { name, points: [] };
    case 'move':
      return item ? { name, item } : { name: 'select' };
    default:
      return { name };
  }
}

/** Headings in degrees clockwise from map up; a screen's facing is where its reader looks (towards the wall). */
export const COMPASS: { label: string; degrees: number }[] = [
  { label: 'N', degrees: 0 },
  { label: 'E', degrees: 90 },
  { label: 'S', degrees: 180 },
  { label: 'W', degrees: 270 },
];

export function normaliseDegrees(degrees: number): number {
  if (!Number.isFinite(degrees)) return 0;
  return ((Math.round(degrees) % 360) + 360) % 360;
}
