// Where a map's markers and labels go so none hides a more important one: a greedy placement in priority order
// (You are here, hazard tags, the route's exit, other exits, then AEDs, extinguishers and the rest). Each marker
// tries its own spot, then spots nudged around it, then a smaller size; a less important marker that still collides
// is dropped if it may be, or drawn beneath the ones it would hide. Each label tries positions around its marker,
// kept inside the view, clear of every marker and label placed before it and, if it can, of the route and the
// plan's own writing. Pure and deterministic: the screen and the printed diagram place the same way every time.
import type { Point } from './floor-plan.ts';
import { type Bounds, boundsOverlap, segmentsIntersect } from './geometry.ts';
import { estimatedTextWidth } from './text-size.ts';

export type LabelSide = 'centre' | 'below' | 'above' | 'right' | 'left' | 'below-right' | 'below-left' | 'above-right' | 'above-left';

export interface PlacementRequest {
  id: string;
  /** Where the thing is, in view units (the turned plan). */
  at: Point;
  /** Half the marker's width (it is drawn as a square or circle around `at`); 0 for a label alone, such as a hazard tag. */
  radius: number;
  /** Lower is more important: placed first, and never covered by anything placed after it. */
  priority: number;
  /** A marker that may be left off the map when it can only be drawn over a more important one. */
  optional: boolean;
  label?: {
    text: string;
    fontSize: number;
    /** Where to try it, best first; defaults to below, above, right, left and the corners. */
    sides?: readonly LabelSide[];
  };
}

export interface PlacedLabel {
  /** One line, or two when one would be too long for the map. */
  lines: string[];
  /** The asked size, or smaller when even two lines would not fit across the view. */
  fontSize: number;
  /** The middle of the writing and the first line's baseline: draw with text-anchor="middle" at (x, baseline), lines lineHeight apart. */
  x: number;
  baseline: number;
  lineHeight: number;
  /** The writing's box, halo included. */
  box: Bounds;
}

export interface PlacedMarker {
  id: string;
  /** Where to draw it: its own spot, or nudged off it (then draw a leader line back to `request.at`). */
  at: Point;
  nudged: boolean;
  /** 1, or smaller when only a smaller marker fits. */
  scale: number;
  box: Bounds;
  /** Null when there was no room for the label (only ever an optional marker's). */
  label: PlacedLabel | null;
  request: PlacementRequest;
}

export interface Placement {
  /** Most important first; draw them in reverse so the important ones lie on top. */
  placed: PlacedMarker[];
  dropped: PlacementRequest[];
}

/** What labels should keep clear of when they can, without moving it: the route line, the plan's own writing. */
export interface SoftObstacles {
  boxes: readonly Bounds[];
  segments: readonly (readonly [Point, Point])[];
}

const DEFAULT_SIDES: readonly LabelSide[] = ['below', 'above', 'right', 'left', 'below-right', 'below-left', 'above-right', 'above-left'];
/** Nudged markers move this many of their own widths away, in eight directions. */
const NUDGE = 1.15;
const SHRUNK = 0.7;
/** How much worse a label covering a marker's spot is than one covering the same area of the plan's writing. */
const MARKER_WEIGHT = 4;
/** A label over the route hides the way: as bad as covering its own area of markers. */
const ROUTE_WEIGHT = 4;
/** The white halo drawn behind writing, as a share of the font size on each side. */
const HALO = 0.15;
/** Gap between a marker and its label, as a share of the font size. */
const GAP = 0.25;
const LINE_HEIGHT = 1.2;
/** The baseline below the top of a line of writing, as a share of the font size (DejaVu Sans's ascent). */
const ASCENT = 0.93;

interface Spot {
  at: Point;
  scale: number;
  nudged: boolean;
}

const EIGHT_WAYS: readonly Point[] = [
  { x: 1, y: 0 },
  { x: -1, y: 0 },
  { x: 0, y: 1 },
  { x: 0, y: -1 },
  { x: Math.SQRT1_2, y: Math.SQRT1_2 },
  { x: -Math.SQRT1_2, y: Math.SQRT1_2 },
  { x: Math.SQRT1_2, y: -Math.SQRT1_2 },
  { x: -Math.SQRT1_2, y: -Math.SQRT1_2 },
];

const squareAround = (p: Point, r: number): Bounds => ({ minX: p.x - r, minY: p.y - r, maxX: p.x + r, maxY: p.y + r });
const inside = (box: Bounds, view: Bounds) => box.minX >= view.minX && box.maxX <= view.maxX && box.minY >= view.minY && box.maxY <= view.maxY;
/** Strict overlap: boxes that only touch leave both readable. */
const overlaps = (a: Bounds, b: Bounds) => a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
const overlapArea = (a: Bounds, b: Bounds) => Math.max(0, Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX)) * Math.max(0, Math.min(a.maxY, b.maxY) - Math.max(a.minY, b.minY));

function boxMeetsSegment(box: Bounds, [a, b]: readonly [Point, Point]): boolean {
  if (!boundsOverlap(box, { minX: Math.min(a.x, b.x), minY: Math.min(a.y, b.y), maxX: Math.max(a.x, b.x), maxY: Math.max(a.y, b.y) })) return false;
  const pointIn = (p: Point) => p.x >= box.minX && p.x <= box.maxX && p.y >= box.minY && p.y <= box.maxY;
  if (pointIn(a) || pointIn(b)) return true;
  const c = [
    { x: box.minX, y: box.minY },
    { x: box.maxX, y: box.minY },
    { x: box.maxX, y: box.maxY },
    { x: box.minX, y: box.maxY },
  ];
  return c.some((p, i) => segmentsIntersect(a, b, p, c[(i + 1) % 4]!));
}

/** Moves a box the least distance that brings it inside the view (centred where it cannot fit). */
function keptInside(box: Bounds, view: Bounds): Bounds {
  const shift = (min: number, max: number, low: number, high: number) =>
    max - min >= high - low ? (low + high) / 2 - (min + max) / 2 : min < low ? low - min : max > high ? high - max : 0;
  const dx = shift(box.minX, box.maxX, view.minX, view.maxX);
  const dy = shift(box.minY, box.maxY, view.minY, view.maxY);
  return { minX: box.minX + dx, minY: box.minY + dy, maxX: box.maxX + dx, maxY: box.maxY + dy };
}

function labelBox(side: LabelSide, marker: Bounds, centre: Point, width: number, height: number, gap: number): Bounds {
  const [h, v] = side === 'centre' ? ['centre', 'centre'] : side.includes('-') ? side.split('-') : ['below', 'above'].includes(side) ? ['centre', side] : [side, 'centre'];
  const minX = h === 'right' ? marker.maxX + gap : h === 'left' ? marker.minX - gap - width : centre.x - width / 2;
  const minY = v === 'below' ? marker.maxY + gap : v === 'above' ? marker.minY - gap - height : centre.y - height / 2;
  return { minX, minY, maxX: minX + width, maxY: minY + height };
}

/**
 * Places markers and their labels in the view (the turned plan's box, in its units). Labels always end up inside the
 * view; a label that finds no clear place is left off, except for the required ones (non-optional markers' labels),
 * which take the place where they cover least.
 */
export function placeMarkers(requests: readonly PlacementRequest[], view: Bounds, soft: SoftObstacles = { boxes: [], segments: [] }): Placement {
  const order = requests.map((request, index) => ({ request, index })).sort((a, b) => a.request.priority - b.request.priority || a.index - b.index);
  const taken: Bounds[] = [];
  const placed: PlacedMarker[] = [];
  const dropped: PlacementRequest[] = [];

  // A label keeps clear, where it can, of the spots of markers still to come, so they need not move for it; then
  // of the route and the plan's writing.
  const waiting = new Map(order.filter(({ request }) => request.radius > 0).map(({ request }) => [request.id, squareAround(request.at, request.radius)]));
  const softCost = (box: Bounds) =>
    MARKER_WEIGHT * coveredArea(box, [...waiting.values()]) +
    coveredArea(box, soft.boxes) +
    (soft.segments.some((s) => boxMeetsSegment(box, s)) ? ROUTE_WEIGHT * (box.maxX - box.minX) * (box.maxY - box.minY) : 0);
  for (const { request } of order) {
    waiting.delete(request.id);
    let spot: Spot | null = null;
    if (request.radius === 0) spot = { at: request.at, scale: 1, nudged: false };
    else {
      const tries: Spot[] = [];
      for (const scale of [1, SHRUNK]) {
        tries.push({ at: request.at, scale, nudged: false });
        for (const ring of [1, 2]) {
          const step = 2 * request.radius * scale * NUDGE * ring;
          for (const way of EIGHT_WAYS) tries.push({ at: { x: request.at.x + way.x * step, y: request.at.y + way.y * step }, scale, nudged: true });
        }
      }
      const fits = tries.filter((t) => {
        const box = squareAround(t.at, request.radius * t.scale);
        return inside(box, view) && !taken.some((taken) => overlaps(taken, box));
      });
      // Ways out and life-savers stay on their spots whenever they can; the rest also step off the plan's own
      // writing (a room number) when a clear place is near.
      const readable = request.optional ? fits.find((t) => t.scale === 1 && coveredArea(squareAround(t.at, request.radius), soft.boxes) === 0) : undefined;
      spot = readable ?? fits[0] ?? null;
      if (!spot && request.optional) {
        dropped.push(request);
        continue;
      }
      // A marker that may not be left off stays on its spot, drawn beneath what it would hide.
      spot ??= { at: request.at, scale: 1, nudged: false };
    }
    const box = squareAround(spot.at, request.radius * spot.scale);
    if (request.radius > 0) taken.push(box);
    const label = request.label ? placeLabel(request, box, spot.at, view, softCost, taken) : null;
    if (label) taken.push(label.box);
    placed.push({ id: request.id, at: spot.at, nudged: spot.nudged, scale: spot.scale, box, label, request });
  }
  return { placed, dropped };
}

/** A label longer than this share of the view's width is set on two lines. */
const LONGEST_LINE = 0.55;

/** The label's lines and size: broken at the space nearest its middle when too long, made smaller when still too wide. */
function setLabel(text: string, fontSize: number, view: Bounds): { lines: string[]; fontSize: number; width: number } {
  const across = view.maxX - view.minX;
  let lines = [text];
  if (estimatedTextWidth(text, fontSize) > across * LONGEST_LINE) {
    const spaces = [...text.matchAll(/ /g)].map((m) => m.index);
    if (spaces.length > 0) {
      const cut = spaces.reduce((best, at) => (Math.abs(at - text.length / 2) < Math.abs(best - text.length / 2) ? at : best));
      lines = [text.slice(0, cut), text.slice(cut + 1)];
    }
  }
  const widest = Math.max(...lines.map((line) => estimatedTextWidth(line, fontSize)));
  const size = Math.min(fontSize, (fontSize * across) / ((widest + 2 * fontSize * HALO) * 1.001));
  return { lines, fontSize: size, width: (widest * size) / fontSize };
}

function placeLabel(request: PlacementRequest, marker: Bounds, centre: Point, view: Bounds, softCost: (box: Bounds) => number, taken: readonly Bounds[]): PlacedLabel | null {
  const { text, sides = DEFAULT_SIDES } = request.label!;
  const { lines, fontSize, width: textWidth } = setLabel(text, request.label!.fontSize, view);
  const halo = fontSize * HALO;
  const width = textWidth + 2 * halo;
  const height = fontSize * LINE_HEIGHT * lines.length + 2 * halo;
  // Each side near the marker, then a little further out.
  const boxes = [GAP, GAP + LINE_HEIGHT].flatMap((gap) => sides.map((side) => keptInside(labelBox(side, marker, centre, width, height, fontSize * gap), view)));
  // Its own marker is among the taken boxes already, so a label kept inside the view is never pushed over it.
  const clear = boxes.filter((box) => !taken.some((t) => overlaps(t, box)));
  const at = (box: Bounds): PlacedLabel => ({
    lines,
    fontSize,
    x: (box.minX + box.maxX) / 2,
    baseline: box.minY + halo + fontSize * (ASCENT + (LINE_HEIGHT - 1) / 2),
    lineHeight: fontSize * LINE_HEIGHT,
    box,
  });
  if (clear.length > 0) {
    // The first of the places that cover least of the markers to come, the route and the plan's writing.
    const costs = clear.map(softCost);
    return at(clear[costs.indexOf(Math.min(...costs))]!);
  }
  if (request.optional) return null;
  return at(boxes.reduce((best, b) => (coveredArea(b, taken) < coveredArea(best, taken) ? b : best)));
}

/** How much of a box other boxes cover. */
function coveredArea(box: Bounds, others: readonly Bounds[]): number {
  return others.reduce((sum, other) => sum + overlapArea(box, other), 0);
}
