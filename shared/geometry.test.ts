// Unit tests for the plane geometry behind hazard avoidance: touching a polygon must always count as meeting it.
import { describe, expect, it } from 'vitest';
import type { Point } from './floor-plan.ts';
import {
  bearingDegrees,
  pointsAlong,
  boundsOf,
  boundsOverlap,
  distance,
  normaliseDegrees,
  pointInPolygon,
  pointOnPolygonBoundary,
  pointOnSegment,
  segmentsIntersect,
  segmentTouchesPolygon,
} from './geometry.ts';

const p = (x: number, y: number): Point => ({ x, y });
const square = [p(0, 0), p(10, 0), p(10, 10), p(0, 10)];
/** A "U" opening upwards: the notch x 4..6, y 0..6 is outside. */
const cup = [p(0, 0), p(4, 0), p(4, 6), p(6, 6), p(6, 0), p(10, 0), p(10, 10), p(0, 10)];

describe('distance and bearings', () => {
  it('measures straight distance', () => {
    expect(distance(p(0, 0), p(3, 4))).toBe(5);
  });

  it('bearing 0 is map up (y decreasing), 90 right, 180 down, 270 left', () => {
    expect(bearingDegrees(p(5, 5), p(5, 0))).toBe(0);
    expect(bearingDegrees(p(5, 5), p(9, 5))).toBe(90);
    expect(bearingDegrees(p(5, 5), p(5, 9))).toBe(180);
    expect(bearingDegrees(p(5, 5), p(1, 5))).toBe(270);
    expect(bearingDegrees(p(0, 0), p(1, -1))).toBeCloseTo(45, 12);
  });

  it('normalises any angle into [0, 360)', () => {
    expect(normaliseDegrees(360)).toBe(0);
    expect(normaliseDegrees(-90)).toBe(270);
    expect(normaliseDegrees(725)).toBe(5);
    expect(normaliseDegrees(-1e-15)).toBe(0);
  });
});

describe('pointsAlong', () => {
  it('spaces points evenly along every segment, from half a spacing in, each with its segment\'s bearing', () => {
    const path = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }];
    expect(pointsAlong(path, 4)).toEqual([
      { x: 2, y: 0, bearing: 90 },
      { x: 6, y: 0, bearing: 90 },
      { x: 10, y: 0, bearing: 90 },
      { x: 10, y: 4, bearing: 180 },
      { x: 10, y: 8, bearing: 180 },
    ]);
  });

  it('gives none on a path too short, or a single point, and skips repeated points', () => {
    expect(pointsAlong([{ x: 0, y: 0 }, { x: 1, y: 0 }], 4)).toEqual([]);
    expect(pointsAlong([{ x: 5, y: 5 }], 4)).toEqual([]);
    expect(pointsAlong([{ x: 0, y: 0 }, { x: 0, y: 0 }, { x: 0, y: -6 }], 4)).toEqual([
      { x: 0, y: -2, bearing: 0 },
      { x: 0, y: -6, bearing: 0 },
    ]);
  });

  it('refuses a spacing that would never end', () => {
    expect(() => pointsAlong([{ x: 0, y: 0 }, { x: 1, y: 0 }], 0)).toThrow(RangeError);
  });
});

describe('pointInPolygon (boundary counts as inside)', () => {
  it('finds points inside and outside a square', () => {
    expect(pointInPolygon(p(5, 5), square)).toBe(true);
    expect(pointInPolygon(p(15, 5), square)).toBe(false);
    expect(pointInPolygon(p(-0.001, 5), square)).toBe(false);
  });

  it('counts points on an edge or a corner as inside', () => {
    expect(pointInPolygon(p(10, 5), square)).toBe(true);
    expect(pointInPolygon(p(0, 0), square)).toBe(true);
    expect(pointInPolygon(p(3, 10), square)).toBe(true);
    expect(pointOnPolygonBoundary(p(3, 10), square)).toBe(true);
    expect(pointOnPolygonBoundary(p(3, 9), square)).toBe(false);
  });

  it('handles a concave polygon: the notch is outside, the arms are inside', () => {
    expect(pointInPolygon(p(5, 3), cup)).toBe(false);
    expect(pointInPolygon(p(2, 3), cup)).toBe(true);
    expect(pointInPolygon(p(8, 3), cup)).toBe(true);
    expect(pointInPolygon(p(5, 8), cup)).toBe(true);
    expect(pointInPolygon(p(5, 6), cup)).toBe(true); // on the notch's floor
  });

  it('is not fooled by a ray passing through a vertex', () => {
    const diamond = [p(5, 0), p(10, 5), p(5, 10), p(0, 5)];
    expect(pointInPolygon(p(2, 5), diamond)).toBe(true);
    expect(pointInPolygon(p(-2, 5), diamond)).toBe(false);
    expect(pointInPolygon(p(-2, 0), diamond)).toBe(false);
  });
});

describe('segmentsIntersect', () => {
  it('sees a proper crossing', () => {
    expect(segmentsIntersect(p(0, 0), p(10, 10), p(0, 10), p(10, 0))).toBe(true);
  });

  it('counts touching at an endpoint, and an endpoint on the other segment', () => {
    expect(segmentsIntersect(p(0, 0), p(5, 5), p(5, 5), p(10, 0))).toBe(true);
    expect(segmentsIntersect(p(0, 0), p(10, 0), p(5, 0), p(5, 7))).toBe(true);
  });

  it('counts collinear overlap, but not collinear segments with a gap', () => {
    expect(segmentsIntersect(p(0, 0), p(6, 0), p(4, 0), p(10, 0))).toBe(true);
    expect(segmentsIntersect(p(0, 0), p(10, 0), p(2, 0), p(3, 0))).toBe(true);
    expect(segmentsIntersect(p(0, 0), p(3, 0), p(4, 0), p(10, 0))).toBe(false);
  });

  it('separates parallel and merely nearby segments', () => {
    expect(segmentsIntersect(p(0, 0), p(10, 0), p(0, 1), p(10, 1))).toBe(false);
    expect(segmentsIntersect(p(0, 0), p(10, 0), p(5, 0.001), p(5, 7))).toBe(false);
    expect(segmentsIntersect(p(0, 0), p(4, 4), p(5, 0), p(10, -5))).toBe(false);
  });

  it('pointOnSegment needs both collinearity and the extent', () => {
    expect(pointOnSegment(p(5, 5), p(0, 0), p(10, 10))).toBe(true);
    expect(pointOnSegment(p(11, 11), p(0, 0), p(10, 10))).toBe(false);
    expect(pointOnSegment(p(5, 5.1), p(0, 0), p(10, 10))).toBe(false);
  });
});

describe('segmentTouchesPolygon', () => {
  it('sees a segment crossing the polygon', () => {
    expect(segmentTouchesPolygon(p(-5, 5), p(15, 5), square)).toBe(true);
    expect(segmentTouchesPolygon(p(-5, 5), p(5, 5), square)).toBe(true);
  });

  it('sees a segment wholly inside', () => {
    expect(segmentTouchesPolygon(p(2, 2), p(8, 8), square)).toBe(true);
  });

  it('lets a segment wholly outside pass, even inside a concave notch', () => {
    expect(segmentTouchesPolygon(p(12, 0), p(12, 10), square)).toBe(false);
    expect(segmentTouchesPolygon(p(5, -5), p(5, 5), cup)).toBe(false);
  });

  it('counts grazing an edge or a corner', () => {
    expect(segmentTouchesPolygon(p(-5, 0), p(15, 0), square)).toBe(true);
    expect(segmentTouchesPolygon(p(-5, 5), p(5, -5), square)).toBe(true);
    expect(segmentTouchesPolygon(p(5, -5), p(5, 6), cup)).toBe(true);
  });
});

describe('bounds', () => {
  it('boxes points and treats shared edges as overlapping', () => {
    expect(boundsOf(cup)).toEqual({ minX: 0, minY: 0, maxX: 10, maxY: 10 });
    expect(boundsOverlap(boundsOf(square), boundsOf([p(10, 10), p(20, 20)]))).toBe(true);
    expect(boundsOverlap(boundsOf(square), boundsOf([p(10.5, 0), p(20, 20)]))).toBe(false);
  });
});
