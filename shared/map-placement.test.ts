// Unit tests for marker and label placement: more important things are never covered by less important ones,
// labels stay inside the view and off each other, optional markers give way or are left off, the rest never are,
// and the same input always gives the same map. Random cases are seeded, so a failure reproduces.
import { describe, expect, it } from 'vitest';
import type { Bounds } from './geometry.ts';
import { type PlacementRequest, placeMarkers } from './map-placement.ts';
import { mulberry32 } from '../test/helpers/seeded-random.ts';

const VIEW: Bounds = { minX: 0, minY: 0, maxX: 1000, maxY: 600 };
const overlaps = (a: Bounds, b: Bounds) => a.minX < b.maxX - 1e-9 && b.minX < a.maxX - 1e-9 && a.minY < b.maxY - 1e-9 && b.minY < a.maxY - 1e-9;
const inside = (box: Bounds, view: Bounds) => box.minX >= view.minX - 1e-9 && box.maxX <= view.maxX + 1e-9 && box.minY >= view.minY - 1e-9 && box.maxY <= view.maxY + 1e-9;

const marker = (id: string, x: number, y: number, priority: number, extra: Partial<PlacementRequest> = {}): PlacementRequest => ({
  id,
  at: { x, y },
  radius: 12,
  priority,
  optional: priority >= 6,
  ...extra,
});

/** Every placed marker box and label box, by what it belongs to. */
function boxesOf(placement: ReturnType<typeof placeMarkers>) {
  return placement.placed.flatMap((p) => [
    ...(p.request.radius > 0 ? [{ name: `${p.id} marker`, box: p.box, priority: p.request.priority }] : []),
    ...(p.label ? [{ name: `${p.id} label`, box: p.label.box, priority: p.request.priority }] : []),
  ]);
}

describe('placing markers by priority', () => {
  it('moves an extinguisher off an exit it would cover, and draws a leader back to its spot', () => {
    const { placed, dropped } = placeMarkers([marker('extinguisher', 505, 300, 6), marker('exit', 500, 300, 3)], VIEW);
    expect(dropped).toEqual([]);
    const exit = placed.find((p) => p.id === 'exit')!;
    const extinguisher = placed.find((p) => p.id === 'extinguisher')!;
    expect(exit).toMatchObject({ at: { x: 500, y: 300 }, nudged: false, scale: 1 });
    expect(extinguisher.nudged).toBe(true);
    expect(extinguisher.request.at).toEqual({ x: 505, y: 300 });
    expect(overlaps(exit.box, extinguisher.box)).toBe(false);
    // Most important first, so drawing in reverse puts the exit on top.
    expect(placed.map((p) => p.id)).toEqual(['exit', 'extinguisher']);
  });

  it('leaves off optional markers with nowhere clear to go, but never an exit or an AED', () => {
    // An exit ringed by exits: nothing else fits near it.
    const crowd: PlacementRequest[] = [];
    for (let x = 400; x <= 600; x += 24) for (let y = 200; y <= 400; y += 24) crowd.push(marker(`exit-${x}-${y}`, x, y, 3));
    const { placed, dropped } = placeMarkers([...crowd, marker('extinguisher', 500, 300, 6), marker('aed', 501, 301, 4)], VIEW);
    expect(dropped.map((d) => d.id)).toEqual(['extinguisher']);
    // The AED could not be placed clear either: it keeps its spot (drawn beneath the exits), never left off.
    expect(placed.find((p) => p.id === 'aed')).toMatchObject({ at: { x: 501, y: 301 }, nudged: false });
    expect(placed.filter((p) => p.id.startsWith('exit-'))).toHaveLength(crowd.length);
  });

  it('shrinks a marker when only a smaller one fits between its neighbours', () => {
    // Exits on every side at a distance where a full-size marker touches them and its nudged places do too.
    const ring = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => marker(`exit-${k}`, 500 + 28 * Math.cos((k * Math.PI) / 4), 300 + 28 * Math.sin((k * Math.PI) / 4), 3, { radius: 8 }));
    const far = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => marker(`far-${k}`, 500 + 56 * Math.cos((k * Math.PI) / 4), 300 + 56 * Math.sin((k * Math.PI) / 4), 3, { radius: 14 }));
    const { placed } = placeMarkers([...ring, ...far, marker('pull-station', 500, 300, 6)], VIEW);
    const pull = placed.find((p) => p.id === 'pull-station')!;
    expect(pull.scale).toBeLessThan(1);
    expect(pull.nudged).toBe(false);
    for (const other of placed.filter((p) => p !== pull)) expect(overlaps(pull.box, other.box), other.id).toBe(false);
  });
});

describe('placing labels', () => {
  it('keeps YOU ARE HERE and a hazard tag at the same spot apart, You are here where it asked', () => {
    const { placed } = placeMarkers(
      [
        { id: 'hazard', at: { x: 500, y: 300 }, radius: 0, priority: 1, optional: false, label: { text: 'PELIGRO', fontSize: 30, sides: ['centre', 'below', 'above'] } },
        { id: 'here', at: { x: 505, y: 305 }, radius: 20, priority: 0, optional: false, label: { text: 'USTED ESTÁ AQUÍ', fontSize: 32, sides: ['below', 'above'] } },
      ],
      VIEW,
    );
    const here = placed.find((p) => p.id === 'here')!;
    const hazard = placed.find((p) => p.id === 'hazard')!;
    expect(here.label!.box.minY).toBeGreaterThanOrEqual(here.box.maxY);
    expect(overlaps(here.label!.box, hazard.label!.box)).toBe(false);
    expect(overlaps(here.box, hazard.label!.box)).toBe(false);
  });

  it('keeps a label inside the view at an edge, shifted inwards rather than cut', () => {
    const long = 'Tornado shelter – east wing interior hallway (rooms 103–108)';
    const { placed } = placeMarkers([marker('shelter', 985, 20, 2, { label: { text: long, fontSize: 24 } })], VIEW);
    const label = placed[0]!.label!;
    expect(inside(label.box, VIEW)).toBe(true);
    expect(overlaps(label.box, placed[0]!.box)).toBe(false);
    expect(label.x).toBeCloseTo((label.box.minX + label.box.maxX) / 2, 9);
  });

  it('prefers a place off the route and the plan’s writing when one is clear', () => {
    const request = marker('exit', 500, 300, 2, { label: { text: 'East doors', fontSize: 20, sides: ['below', 'above'] } });
    const plain = placeMarkers([request], VIEW).placed[0]!.label!;
    expect(plain.box.minY).toBeGreaterThan(300); // below, the first choice
    const routeBelow = placeMarkers([request], VIEW, { boxes: [], segments: [[{ x: 300, y: 330 }, { x: 700, y: 330 }]] }).placed[0]!.label!;
    expect(routeBelow.box.maxY).toBeLessThan(300);
    const roomBelow = placeMarkers([request], VIEW, { boxes: [{ minX: 480, minY: 320, maxX: 520, maxY: 340 }], segments: [] }).placed[0]!.label!;
    expect(roomBelow.box.maxY).toBeLessThan(300);
  });

  it('leaves no label over another, over a marker or outside the view, on seeded random maps', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = mulberry32(seed);
      const requests: PlacementRequest[] = Array.from({ length: 30 }, (_, i) => {
        const priority = [3, 4, 5, 6, 7][Math.floor(random() * 5)]!;
        return marker(`m${i}`, random() * 1000, random() * 600, priority, random() < 0.2 ? { label: { text: `Label ${i}`, fontSize: 16, sides: undefined } } : {});
      });
      requests.push({ id: 'here', at: { x: random() * 1000, y: random() * 600 }, radius: 18, priority: 0, optional: false, label: { text: 'YOU ARE HERE', fontSize: 24 } });
      const placement = placeMarkers(requests, VIEW);
      const boxes = boxesOf(placement);
      for (const { name, box } of boxes.filter((b) => b.name.endsWith('label'))) expect(inside(box, VIEW), `seed ${seed}: ${name}`).toBe(true);
      // Anything that overlaps must be two markers that may not be left off, the later one drawn beneath.
      boxes.forEach((one, i) =>
        boxes.slice(i + 1).forEach((other) => {
          if (!overlaps(one.box, other.box)) return;
          const forced = one.name.endsWith('marker') && other.name.endsWith('marker') && Math.max(one.priority, other.priority) < 6;
          expect(forced, `seed ${seed}: ${one.name} × ${other.name}`).toBe(true);
        }),
      );
      // The same map every time.
      expect(placeMarkers(requests, VIEW)).toEqual(placement);
    }
  });
});
