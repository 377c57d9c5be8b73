// Printable evacuation diagrams for a screen's position or any room: routes from the same floor plans and
// router the screens use (normal times, no hazards), drawn by diagram-page.ts and printed to PDF. They are posted in
// hallways, so they are drawn from the hallway's view of the plans: no confidential point reaches the page.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { wayfindingFor } from '../../shared/confidential-points.ts';
import type { FloorPlan, Point } from '../../shared/floor-plan.ts';
import { type QuarterTurn, headsUpTurn } from '../../shared/map-orientation.ts';
import { NO_HAZARDS } from '../../shared/model.ts';
import { createRouter } from '../../shared/routing.ts';
import { ApiError } from '../api-error.ts';
import type { Store } from '../store/store.ts';
import { type DiagramInput, diagramHtml } from './diagram-page.ts';
import type { PdfRenderer } from './pdf-renderer.ts';
import { uprightMapImage } from './upright-map-image.ts';

export type DiagramPlace =
  | { kind: 'screen'; screenId: string }
  | { kind: 'point'; floorId: string; position: Point; facingDegrees: number; label: string };

const IMAGE_TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };

export function createEvacuationDiagrams(deps: { store: Store; renderer: PdfRenderer; mapsDir: string; now?: () => Date }) {
  const { store, renderer, mapsDir, now = () => new Date() } = deps;

  async function mapImage(floor: FloorPlan, turn: QuarterTurn): Promise<DiagramInput['mapImage']> {
    const file = floor.image?.file;
    if (!file) return null;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(mapsDir, file));
    } catch {
      return null; // a missing image still leaves the routes and equipment to print
    }
    const type = IMAGE_TYPES[extname(file)] ?? 'application/octet-stream';
    if (type !== 'image/svg+xml') return { href: `data:${type};base64,${bytes.toString('base64')}`, labels: [] };
    const upright = await uprightMapImage(bytes.toString('utf8'), turn, floor.width, floor.height);
    return { href: `data:${type};base64,${Buffer.from(upright.svg).toString('base64')}`, labels: upright.labels };
  }

  return {
    /** The diagram as a PDF, and a file name for it. */
    async render(place: DiagramPlace): Promise<{ pdf: Uint8Array; fileName: string }> {
      const site = store.data.site;
      const wayfinding = wayfindingFor('hallway', store.data.wayfinding);
      let floorId: string;
      let position: Point;
      let facingDegrees: number;
      let label: string;
      if (place.kind === 'screen') {
        const screen = site.screens.find((s) => s.id === place.screenId);
        const spot = wayfinding.screens.find((s) => s.screenId === place.screenId);
        if (!screen) throw new ApiError('unknown_screen', `No screen "${place.screenId}" on this site.`);
        if (!spot) throw new ApiError('not_found', `Screen "${screen.name}" has no position on a floor plan yet.`);
        ({ floorId } = screen);
        ({ position, facingDegrees } = spot);
        label = screen.location || screen.name;
      } else {
        ({ floorId, position, facingDegrees, label } = place);
      }
      const floor = wayfinding.floors.find((f) => f.floorId === floorId);
      if (!floor) throw new ApiError('not_found', `Floor "${floorId}" has no floor plan.`);
      if (position.x < 0 || position.y < 0 || position.x > floor.width || position.y > floor.height) {
        throw new ApiError('bad_request', `The point lies outside the plan of floor "${floorId}" (0–${floor.width} × 0–${floor.height}).`);
      }
      const building = site.buildings.find((b) => b.floors.some((f) => f.id === floorId))!;
      const buildingFloors = new Set(building.floors.map((f) => f.id));
      const routes = createRouter(wayfinding).alternatives({ floorId, position, facingDegrees }, 'exit', NO_HAZARDS, 2);
      const html = diagramHtml({
        schoolName: site.name,
        units: site.units,
        floorTitle: `${building.name} · ${building.floors.find((f) => f.id === floorId)!.name}`,
        placeLabel: label,
        floor,
        position,
        facingDegrees,
        routes,
        gatheringPoints: wayfinding.floors
          .filter((f) => buildingFloors.has(f.floorId))
          .flatMap((f) => f.pois.filter((p) => p.type === 'assembly-point' || p.type === 'reunification-site')),
        mapImage: await mapImage(floor, headsUpTurn(facingDegrees)),
        generatedAt: now(),
        timeZone: site.timeZone,
      });
      const slug = (place.kind === 'screen' ? place.screenId : `${floorId}-${label}`).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      return { pdf: await renderer.render(html), fileName: `evacuation-diagram-${slug || floorId}.pdf` };
    },
  };
}

export type EvacuationDiagrams = ReturnType<typeof createEvacuationDiagrams>;
