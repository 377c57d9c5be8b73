// A Preact hook for what a click, a double-click or a key does on the plan, given the active tool: the one place
// that turns gestures into draft edits, so the canvas and the forms stay simple.
import { useState } from 'preact/hooks';
import type { FloorPlan, Point, Wayfinding } from '../../shared/floor-plan.ts';
import {
  addArea,
  addNode,
  addPoi,
  connectNodes,
  moveItem,
  placeScreen,
  removeEdge,
  removeItem,
  type PlanItem,
} from './plan-edits.ts';
import { startTool, type Tool, type ToolName, type ToolOptions } from './plan-tool.ts';

export interface PlanInteraction {
  tool: Tool;
  options: ToolOptions;
  selection: PlanItem | null;
  /** The item just added, whose name field should take the keyboard. */
  justAdded: string | null;
  chooseTool(name: ToolName, item?: PlanItem): void;
  setOptions(patch: Partial<ToolOptions>): void;
  select(item: PlanItem | null): void;
  onPoint(point: Point): void;
  /** A marker was clicked; returns true when the tool used the click (so it is not also a click on the map). */
  onPickItem(item: PlanItem): boolean;
  onPickEdge(from: string, to: string): boolean;
  /** A marker was dragged to a new place. */
  dropItem(item: PlanItem, to: Point): void;
  finishArea(): void;
  /** Escape: drop what the tool is in the middle of, then the selection, then the tool. */
  cancel(): void;
  deleteSelection(): void;
}

export function usePlanInteraction(args: {
  draft: Wayfinding | null;
  floor: FloorPlan | null;
  replace: (next: Wayfinding) => void;
  canEdit: boolean;
}): PlanInteraction {
  const { draft, floor, replace, canEdit } = args;
  const [tool, setTool] = useState<Tool>({ name: 'select' });
  const [options, setOptionsState] = useState<ToolOptions>({ poiType: 'aed', nodeKind: 'junction', screenId: null, facingDegrees: 0 });
  const [selection, setSelection] = useState<PlanItem | null>(null);
  const [justAdded, setJustAdded] = useState<string | null>(null);

  const select = (item: PlanItem | null) => {
    setSelection(item);
    setJustAdded(null);
  };
  const added = (item: PlanItem) => {
    setSelection(item);
    setJustAdded(item.id);
  };

  const onPoint = (point: Point) => {
    if (!draft || !floor || !canEdit) {
      select(null);
      return;
    }
    const floorId = floor.floorId;
    switch (tool.name) {
      case 'select':
        return select(null);
      case 'poi': {
        const result = addPoi(draft, floorId, options.poiType, point);
        replace(result.wayfinding);
        return added({ kind: 'poi', id: result.id });
      }
      case 'node': {
        const result = addNode(draft, floorId, options.nodeKind, point);
        replace(result.wayfinding);
        return select({ kind: 'node', id: result.id });
      }
      case 'screen':
        if (!options.screenId) return;
        replace(placeScreen(draft, options.screenId, point, options.facingDegrees));
        return select({ kind: 'screen', id: options.screenId });
      case 'area':
        return setTool({ name: 'area', points: [...tool.points, point] });
      case 'move':
        replace(moveItem(draft, floorId, tool.item, point));
        setTool({ name: 'select' });
        return select(tool.item);
      case 'connect':
        return;
    }
  };

  const onPickItem = (item: PlanItem) => {
    if (tool.name === 'select') {
      select(item);
      return true;
    }
    if (tool.name === 'connect' && item.kind === 'node' && draft && floor && canEdit) {
      // Corridors are drawn as chains: each click continues from the last point until Escape.
      if (tool.from && tool.from !== item.id) replace(connectNodes(draft, floor.floorId, tool.from, item.id));
      setTool({ name: 'connect', from: item.id });
      return true;
    }
    return false;
  };

  const onPickEdge = (from: string, to: string) => {
    if (tool.name !== 'connect' || !draft || !floor || !canEdit) return false;
    replace(removeEdge(draft, floor.floorId, from, to));
    return true;
  };

  const dropItem = (item: PlanItem, to: Point) => {
    if (!draft || !floor || !canEdit) return;
    replace(moveItem(draft, floor.floorId, item, to));
    select(item);
  };

  const finishArea = () => {
    if (tool.name !== 'area' || !draft || !floor) return;
    // A double-click also delivered two clicks: drop corners that repeat the one before.
    const tolerance = Math.max(floor.width, floor.height) / 200;
    const corners = tool.points.filter((p, i, all) => i === 0 || Math.hypot(p.x - all[i - 1]!.x, p.y - all[i - 1]!.y) > tolerance);
    setTool({ name: 'area', points: [] });
    if (corners.length < 3) return;
    const result = addArea(draft, floor.floorId, corners);
    replace(result.wayfinding);
    added({ kind: 'area', id: result.id });
  };

  const cancel = () => {
    if (tool.name === 'move') return setTool({ name: 'select' });
    if (tool.name === 'connect' && tool.from) return setTool({ name: 'connect', from: null });
    if (tool.name === 'area' && tool.points.length > 0) return setTool({ name: 'area', points: [] });
    if (selection) return select(null);
    setTool({ name: 'select' });
  };

  const deleteSelection = () => {
    if (!selection || !draft || !floor || !canEdit) return;
    replace(removeItem(draft, floor.floorId, selection));
    select(null);
  };

  return {
    tool,
    options,
    selection,
    justAdded,
    chooseTool: (name, item) => setTool(startTool(name, item)),
    setOptions: (patch) => setOptionsState((current) => ({ ...current, ...patch })),
    select,
    onPoint,
    onPickItem,
    onPickEdge,
    dropItem,
    finishArea,
    cancel,
    deleteSelection,
  };
}
