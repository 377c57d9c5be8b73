// The editor's draft changes on the demo school's plans: readable unique ids, nearest-POI linking, and removals
// that leave no dangling edges, links or exit nodes behind.
import { describe, expect, it } from 'vitest';
import demo from '../../config/demo-wayfinding.json' with { type: 'json' };
import { WayfindingSchema } from '../../shared/floor-plan.ts';
import { addNode, addPoi, connectNodes, removeEdge, removeItem } from './plan-edits.ts';
import { uniqueId } from './plan-ids.ts';

const plans = WayfindingSchema.parse(demo);
const floorOf = (w: typeof plans, id: string) => w.floors.find((f) => f.floorId === id)!;

describe('plan edits', () => {
  it('gives new items readable ids that are unique and valid', () => {
    const first = addPoi(plans, 'main-1', 'aed', { x: 10, y: 10 });
    const second = addPoi(first.wayfinding, 'main-1', 'aed', { x: 20, y: 10 });
    expect([first.id, second.id]).toEqual(['main-1-aed-1', 'main-1-aed-2']);
    expect(WayfindingSchema.safeParse(second.wayfinding).success).toBe(true);
    expect(floorOf(plans, 'main-1').pois.some((p) => p.id === first.id)).toBe(false); // the original is untouched
    expect(uniqueId('Main 1 -n', new Set(['main-1-n1']))).toBe('main-1-n2');
  });

  it('links a new exit node to the nearest exit', () => {
    const { wayfinding, id } = addNode(plans, 'main-1', 'exit', { x: 1270, y: 445 });
    expect(floorOf(wayfinding, 'main-1').nodes.find((n) => n.id === id)!.poiId).toBe('exit-east-doors');
  });

  it('connects two nodes once, and removes the connection either way round', () => {
    const joined = connectNodes(plans, 'main-1', 'm1-h01', 'm1-h05');
    expect(connectNodes(joined, 'main-1', 'm1-h05', 'm1-h01')).toEqual(joined);
    expect(floorOf(removeEdge(joined, 'main-1', 'm1-h05', 'm1-h01'), 'main-1').edges).toEqual(floorOf(plans, 'main-1').edges);
  });

  it('removes a node with its edges and stair links, and an exit with its exit nodes', () => {
    const noStairs = removeItem(plans, 'main-1', { kind: 'node', id: 'm1-stairs-west' });
    expect(floorOf(noStairs, 'main-1').edges.some((e) => e.from === 'm1-stairs-west' || e.to === 'm1-stairs-west')).toBe(false);
    expect(noStairs.links.some((l) => l.from === 'm1-stairs-west')).toBe(false);
    const noExit = removeItem(plans, 'main-1', { kind: 'poi', id: 'exit-east-doors' });
    expect(floorOf(noExit, 'main-1').nodes.find((n) => n.id === 'm1-exit-east')).toMatchObject({ kind: 'junction', poiId: null });
    expect(WayfindingSchema.safeParse(noExit).success).toBe(true);
  });
});
