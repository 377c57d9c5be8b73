import { describe, expect, it } from 'vitest';
import { hazardAreasAt } from './hazards-here.ts';

const square = (id: string, x: number, y: number, size: number) => ({ id, name: id, polygon: [{ x, y }, { x: x + size, y }, { x: x + size, y: y + size }, { x, y: y + size }] });
const floor = { areas: [square('hall', 0, 0, 10), square('gym', 20, 0, 10), square('wide', 0, 0, 40)] };

describe('hazardAreasAt', () => {
  it('names the marked areas a point lies in, and no others', () => {
    expect(hazardAreasAt(floor, { x: 5, y: 5 }, { areaIds: ['hall', 'gym'] }).map((a) => a.id)).toEqual(['hall']);
    expect(hazardAreasAt(floor, { x: 5, y: 5 }, { areaIds: ['hall', 'wide'] }).map((a) => a.id)).toEqual(['hall', 'wide']);
    expect(hazardAreasAt(floor, { x: 25, y: 5 }, { areaIds: ['hall'] })).toEqual([]);
    expect(hazardAreasAt(floor, { x: 5, y: 5 }, { areaIds: [] })).toEqual([]);
  });
});
