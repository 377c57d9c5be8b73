// Unit tests for what an evacuation diagram prints, with the demo school's plans and a renderer that keeps the page:
// the diagrams are posted in hallways, so none of the confidential points (not a marker, name or note) is drawn.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIDENTIAL_POI_TYPES, isConfidential } from '../../shared/confidential-points.ts';
import { WayfindingSchema } from '../../shared/floor-plan.ts';
import { SiteSchema } from '../../shared/model.ts';
import { POI_MARKERS } from '../../shared/poi-markers.ts';
import type { Store } from '../store/store.ts';
import { createEvacuationDiagrams } from './evacuation-diagrams.ts';
import type { PdfRenderer } from './pdf-renderer.ts';

const demoFile = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../config/${name}`, import.meta.url)), 'utf8'));
const site = SiteSchema.parse(demoFile('demo-school.json'));
const wayfinding = WayfindingSchema.parse(demoFile('demo-wayfinding.json'));

/** The page each diagram would print, for the test to read. */
async function printedPage(screenId: string): Promise<string> {
  let page = '';
  const renderer = { render: async (html: string) => ((page = html), new Uint8Array()) } as unknown as PdfRenderer;
  // No map images: the routes and markers still print, and the page holds nothing but what the diagram draws.
  const diagrams = createEvacuationDiagrams({ store: { data: { site, wayfinding } } as unknown as Store, renderer, mapsDir: '/nonexistent' });
  await diagrams.render({ kind: 'screen', screenId });
  return page;
}

describe('an evacuation diagram', () => {
  it('draws none of the confidential points around it, nor their names or any staff note', async () => {
    // The front office sits among the panic buttons, the bullet-resistant window, the vestibule's locking doors,
    // the responders' lockbox and the entrance camera.
    const page = await printedPage('front-office');
    const points = wayfinding.floors.find((f) => f.floorId === 'main-1')!.pois;
    const confidential = points.filter((p) => isConfidential(p.type));
    expect(confidential.length).toBeGreaterThan(15);
    expect(page).toContain('Main entrance (south)');
    expect(page).toContain(POI_MARKERS.aed.glyph);
    for (const type of CONFIDENTIAL_POI_TYPES) expect(page, type).not.toContain(POI_MARKERS[type].glyph);
    const texts = [...confidential.flatMap((p) => [p.id, p.label]), ...points.flatMap((p) => (p.notes ? [p.notes] : []))];
    // hono's html escapes what it writes: compare against the escaped form.
    const escaped = (text: string) => text.replaceAll('&', '&amp;').replaceAll("'", '&#39;').replaceAll('"', '&quot;');
    expect(texts.filter((text) => page.includes(escaped(text)))).toEqual([]);
  });
});
