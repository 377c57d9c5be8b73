// Unit tests for what a tap on the office's hazard map toggles.
import { describe, expect, it } from 'vitest';
import type { Area, Poi, Point } from '../../shared/floor-plan.ts';
import { exitMarkerSize, exitReach, hazardTargetAt, polygonArea } from './hazard-hit-test.ts';

const p = (x: number, y: number): Point => ({ x, y });
const rect = (id: string, x: number, y: number, w: number, h: number): Area => ({
  id,
  name: id,
  polygon: [p(x, y), p(x + w, y), p(x + w, y + h), p(x, y + h)],
});
const poi = (id: string, type: Poi['type'], x: number, y: number): Poi => ({ id, type, label: id, notes: '', position: p(x, y) });

const floor = {
  areas: [rect('wing', 0, 0, 400, 200), rect('hall', 100, 80, 200, 40), rect('yard', 500, 0, 100, 100)],
  pois: [poi('east-doors', 'exit', 300, 100), poi('aed', 'aed', 150, 100), poi('west-doors', 'exit', 0, 100)],
};
const reach = 30;

describe('hazardTargetAt', () => {
  it('takes an exit when the tap is within reach of its marker, the nearest when two are', () => {
    expect(hazardTargetAt(floor, p(290, 110), reach)).toEqual({ kind: 'exit', id: 'east-doors' });
    expect(hazardTargetAt(floor, p(330, 100), reach)).toEqual({ kind: 'exit', id: 'east-doors' });
    const crowded = { ...floor, pois: [...floor.pois, poi('side-door', 'exit', 320, 100)] };
    expect(hazardTargetAt(crowded, p(314, 100), reach)).toEqual({ kind: 'exit', id: 'side-door' });
  });

  it('otherwise takes the smallest area containing the tap', () => {
    expect(hazardTargetAt(floor, p(200, 100), reach)).toEqual({ kind: 'area', id: 'hall' });
    expect(hazardTargetAt(floor, p(200, 20), reach)).toEqual({ kind: 'area', id: 'wing' });
    expect(hazardTargetAt(floor, p(550, 50), reach)).toEqual({ kind: 'area', id: 'yard' });
  });

  it('ignores points of interest that are not exits', () => {
    expect(hazardTargetAt(floor, p(150, 100), reach)).toEqual({ kind: 'area', id: 'hall' });
  });

  it('hits nothing outside every area and away from every exit', () => {
    expect(hazardTargetAt(floor, p(450, 300), reach)).toBeNull();
    expect(hazardTargetAt({ areas: [], pois: [] }, p(0, 0), reach)).toBeNull();
  });
});

describe('sizes', () => {
  it('measures polygons whichever way they wind', () => {
    expect(polygonArea(rect('r', 0, 0, 10, 4).polygon)).toBe(40);
    expect(polygonArea([...rect('r', 0, 0, 10, 4).polygon].reverse())).toBe(40);
    expect(polygonArea([p(0, 0), p(4, 0), p(0, 3)])).toBe(6);
  });

  it('scales the exit marker and its reach with the plan', () => {
    expect(exitMarkerSize({ width: 1000, height: 500 })).toBeCloseTo(36);
    expect(exitReach({ width: 1000, height: 500 })).toBeCloseTo(54);
    expect(exitMarkerSize({ width: 500, height: 1000 })).toBe(exitMarkerSize({ width: 1000, height: 500 }));
  });
});
