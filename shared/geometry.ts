// Pure plane geometry for wayfinding: distances, bearings, and whether points and segments meet polygons.
// Map coordinates: x to the right, y downwards. Touching always counts as meeting: near a hazard is not safe.
import type { Point } from './floor-plan.ts';

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * Cross products this close to zero (relative to the lengths involved) count as collinear. Rounding can put a point
 * that lies on a hazard's edge a hair to either side; treating it as touching errs towards safety.
 */
const COLLINEAR_TOLERANCE = 1e-10;

export function distance(a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  // Not Math.hypot: V8 allocates for each call of it, and routing measures hundreds of distances per route.
  return Math.sqrt(dx * dx + dy * dy);
}

/** Any angle in degrees brought into [0, 360). */
export function normaliseDegrees(degrees: number): number {
  const wrapped = ((degrees % 360) + 360) % 360;
  // A tiny negative angle wraps to 360 - ε, which rounds to 360 in floating point.
  return wrapped >= 360 ? 0 : wrapped;
}

/** Compass bearing from `from` to `to` on the map: 0 = map up, 90 = right, clockwise. */
export function bearingDegrees(from: Point, to: Point): number {
  // y grows downwards, so "up" is −y: atan2(east, north) with north = −dy.
  const radians = Math.atan2(to.x - from.x, -(to.y - from.y));
  return normaliseDegrees((radians * 180) / Math.PI);
}

/** A point on a path and the bearing of the path there (as bearingDegrees). */
export interface PointAlong extends Point {
  bearing: number;
}

/**
 * Points every `spacing` along the polyline `path`, the first at half a spacing from its start, each with the bearing
 * of its segment: where a map draws the way's direction. None on a path shorter than half a spacing.
 */
export function pointsAlong(path: readonly Point[], spacing: number): PointAlong[] {
  if (!(spacing > 0)) throw new RangeError('spacing must be positive');
  const points: PointAlong[] = [];
  let next = spacing / 2;
  let walked = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    const length = distance(a, b);
    if (length === 0) continue;
    const bearing = bearingDegrees(a, b);
    for (; next <= walked + length; next += spacing) {
      const t = (next - walked) / length;
      points.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, bearing });
    }
    walked += length;
  }
  return points;
}

export function boundsOf(points: readonly Point[]): Bounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  return { minX, minY, maxX, maxY };
}

/** Inclusive: boxes sharing only an edge or a corner overlap. */
export function boundsOverlap(a: Bounds, b: Bounds): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

/** Which side of the line a→b the point c lies on: 1 left-turn, -1 right-turn, 0 collinear (within tolerance). */
function orientation(a: Point, b: Point, c: Point): -1 | 0 | 1 {
  const abx = b.x - a.x;
  const aby = b.y - a.y;
  const acx = c.x - a.x;
  const acy = c.y - a.y;
  const cross = abx * acy - aby * acx;
  const scale = (Math.abs(abx) + Math.abs(aby)) * (Math.abs(acx) + Math.abs(acy));
  if (Math.abs(cross) <= COLLINEAR_TOLERANCE * scale) return 0;
  return cross > 0 ? 1 : -1;
}

/** For a point already known to be collinear with a–b: does it lie within the segment's extent? */
function withinSegmentBox(p: Point, a: Point, b: Point): boolean {
  return (
    Math.min(a.x, b.x) <= p.x && p.x <= Math.max(a.x, b.x) && Math.min(a.y, b.y) <= p.y && p.y <= Math.max(a.y, b.y)
  );
}

export function pointOnSegment(p: Point, a: Point, b: Point): boolean {
  return orientation(a, b, p) === 0 && withinSegmentBox(p, a, b);
}

/** Do segments a–b and c–d share at least one point? Crossing, touching at an end and collinear overlap all count. */
export function segmentsIntersect(a: Point, b: Point, c: Point, d: Point): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return true;
  return (
    (o1 === 0 && withinSegmentBox(c, a, b)) ||
    (o2 === 0 && withinSegmentBox(d, a, b)) ||
    (o3 === 0 && withinSegmentBox(a, c, d)) ||
    (o4 === 0 && withinSegmentBox(b, c, d))
  );
}

export function pointOnPolygonBoundary(p: Point, polygon: readonly Point[]): boolean {
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    if (pointOnSegment(p, polygon[j]!, polygon[i]!)) return true;
  }
  return false;
}

/** Is the point inside the polygon or on its boundary? Works for concave polygons (even–odd rule). */
export function pointInPolygon(p: Point, polygon: readonly Point[]): boolean {
  if (pointOnPolygonBoundary(p, polygon)) return true;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    // Half-open rule on y so a ray through a vertex counts that vertex once.
    if (a.y > p.y !== b.y > p.y) {
      const crossingX = a.x + ((p.y - a.y) * (b.x - a.x)) / (b.y - a.y);
      if (p.x < crossingX) inside = !inside;
    }
  }
  return inside;
}

/**
 * Does segment a–b touch the polygon at all: cross or touch its boundary, or lie inside it?
 * A segment that meets no edge is either wholly inside or wholly outside, so one end decides.
 */
export function segmentTouchesPolygon(a: Point, b: Point, polygon: readonly Point[]): boolean {
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    if (segmentsIntersect(a, b, polygon[j]!, polygon[i]!)) return true;
  }
  return pointInPolygon(a, polygon);
}
