// Unit tests for the heads-up map layout on the demo school's plans: from every screen, at every turn, with hazards
// marked and the route drawn, the view is the turned plan, labels stay inside it, and nothing covers anything more
// important (exits, the blocked exit's cross, You are here and the HAZARD / PELIGRO tags included).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WayfindingSchema } from './floor-plan.ts';
import type { Bounds } from './geometry.ts';
import { hazardTagId, hereId, mapLayout, middleOf, poiId } from './map-layout.ts';
import { POI_MARKERS, PUBLIC_POI_TYPES } from './poi-markers.ts';
import { createRouter } from './routing.ts';

const wayfinding = WayfindingSchema.parse(JSON.parse(readFileSync(fileURLToPath(new URL('../config/demo-wayfinding.json', import.meta.url)), 'utf8')));
const site = JSON.parse(readFileSync(fileURLToPath(new URL('../config/demo-school.json', import.meta.url)), 'utf8')) as { screens: { id: string; floorId: string }[] };
const router = createRouter(wayfinding);
const overlaps = (a: Bounds, b: Bounds) => a.minX < b.maxX - 1e-9 && b.minX < a.maxX - 1e-9 && a.minY < b.maxY - 1e-9 && b.minY < a.maxY - 1e-9;
const HAZARD_AREAS = ['m1-east-hall-inner', 'm2-center-hall'];
const BLOCKED = ['exit-west-doors'];

describe('heads-up map layout on the demo plans', () => {
  it('keeps every label inside the turned plan and nothing over anything, from every screen at every turn', () => {
    expect(Object.keys(POI_MARKERS)).toEqual(expect.arrayContaining([...PUBLIC_POI_TYPES]));
    for (const screen of site.screens) {
      const floor = wayfinding.floors.find((f) => f.floorId === screen.floorId)!;
      const spot = wayfinding.screens.find((s) => s.screenId === screen.id)!;
      // Sized as the screens size them.
      const unit = Math.max(floor.width, floor.height) / 50;
      for (const [goal, turn] of (['exit', 'shelter'] as const).flatMap((g) => ([0, 90, 180, 270] as const).map((t) => [g, t] as const))) {
        const route = router.route({ floorId: floor.floorId, position: spot.position, facingDegrees: spot.facingDegrees }, goal, { areaIds: HAZARD_AREAS, blockedPoiIds: BLOCKED });
        const where = `${screen.id} at ${turn}° (${goal})`;
        const layout = mapLayout({
          floor,
          turn,
          sizes: { marker: unit * 1.6, target: unit * 2.4, here: unit * 1.45, label: unit * 1.1, hereLabel: unit * 1.2 },
          // Shelter mode also shows the shelter areas, whose names are the longest labels.
          pois: floor.pois.filter((poi) => PUBLIC_POI_TYPES.includes(poi.type) || (goal === 'shelter' && poi.type === 'shelter-area')),
          targets: new Set(route.ok && route.target.floorId === floor.floorId ? [route.target.poi.id] : []),
          here: { position: spot.position, label: 'USTED ESTÁ AQUÍ' },
          hazardTags: floor.areas.filter((a) => HAZARD_AREAS.includes(a.id)).map((a) => ({ id: a.id, at: middleOf(a.polygon), text: 'PELIGRO' })),
          routes: route.ok ? [route.path.filter((s) => s.floorId === floor.floorId).map((s) => s.position)] : [],
          planLabels: [],
        });
        const { view, placement } = layout;
        expect(view.maxX - view.minX, where).toBe(turn % 180 === 0 ? floor.width : floor.height);
        expect(layout.viewBox, where).toBe(`${view.minX} ${view.minY} ${view.maxX - view.minX} ${view.maxY - view.minY}`);
        // Nothing public is left off but markers that may be (extinguishers, pull stations, first-aid kits…).
        for (const dropped of placement.dropped) expect(dropped.optional, `${where}: ${dropped.id}`).toBe(true);
        expect(placement.placed.map((p) => p.id), where).toEqual(expect.arrayContaining([hereId, ...BLOCKED.filter((id) => floor.pois.some((p) => p.id === id)).map(poiId)]));
        if (floor.areas.some((a) => a.id === HAZARD_AREAS[0] || a.id === HAZARD_AREAS[1])) {
          expect(placement.placed.some((p) => p.id.startsWith('hazard:') && p.label), where).toBe(true);
        }
        const boxes = placement.placed.flatMap((p) => [...(p.request.radius > 0 ? [{ name: p.id, box: p.box }] : []), ...(p.label ? [{ name: `${p.id} label`, box: p.label.box }] : [])]);
        for (const { name, box } of boxes.filter((b) => b.name.endsWith('label'))) {
          expect(box.minX >= view.minX && box.maxX <= view.maxX && box.minY >= view.minY && box.maxY <= view.maxY, `${where}: ${name}`).toBe(true);
        }
        const collisions: string[] = [];
        boxes.forEach((one, i) => boxes.slice(i + 1).forEach((other) => overlaps(one.box, other.box) && collisions.push(`${one.name} × ${other.name}`)));
        expect(collisions, where).toEqual([]);
        expect(hazardTagId('x')).toBe('hazard:x');
      }
    }
  });
});
