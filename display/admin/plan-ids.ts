// Readable, unique ids for what the editor adds ("main-1-aed-3", "main-1-n17"), valid for IdSchema.
import type { Wayfinding } from '../../shared/floor-plan.ts';

/** Every POI, node and area id in use on any floor: one namespace keeps new ids unambiguous in audit lines. */
export function takenIds(wayfinding: Wayfinding): Set<string> {
  const ids = new Set<string>();
  for (const floor of wayfinding.floors) {
    for (const item of [...floor.pois, ...floor.nodes, ...floor.areas]) ids.add(item.id);
  }
  return ids;
}

/** `${stem}${n}` for the smallest n ≥ 1 not taken; the stem is cut so the id stays within 64 characters. */
export function uniqueId(stem: string, taken: Set<string>): string {
  const safeStem = stem
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+/, '')
    .slice(0, 56);
  for (let n = 1; ; n++) {
    const id = `${safeStem || 'item-'}${n}`;
    if (!taken.has(id)) return id;
  }
}
