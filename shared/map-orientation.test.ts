// Heads-up turns: the reader's facing direction ends up pointing up, and the turned plan fills its view box.
import { describe, expect, it } from 'vitest';
import { headsUpTurn, turnPoint, turnedViewBox, uprightRotation } from './map-orientation.ts';

/** Where a plan point lands after rotate(-turn) about the origin (SVG: y down, positive angles clockwise). */
function turned(x: number, y: number, turn: number): [number, number] {
  const a = (-turn * Math.PI) / 180;
  // + 0 turns -0 into 0, which is the same place.
  return [Math.round(x * Math.cos(a) - y * Math.sin(a)) + 0, Math.round(x * Math.sin(a) + y * Math.cos(a)) + 0];
}

describe('heads-up map turns', () => {
  it('rounds the facing to the nearest quarter turn', () => {
    expect([0, 44, 46, 135, 180, 224, 226, 315, 359].map(headsUpTurn)).toEqual([0, 0, 90, 180, 180, 180, 270, 0, 0]);
    expect(headsUpTurn(-90)).toBe(270);
  });

  it('puts the reader’s facing direction at the top: a step that way moves up the screen', () => {
    for (const facing of [0, 90, 180, 270]) {
      const turn = headsUpTurn(facing);
      const step: [number, number] = [Math.round(Math.sin((facing * Math.PI) / 180)) + 0, Math.round(-Math.cos((facing * Math.PI) / 180)) + 0];
      expect(turned(...step, turn)).toEqual([0, -1]);
    }
  });

  it('gives a view box that holds the whole turned plan exactly', () => {
    for (const turn of [0, 90, 180, 270] as const) {
      const [x, y, w, h] = turnedViewBox(1300, 700, turn).split(' ').map(Number) as [number, number, number, number];
      const corners = [turned(0, 0, turn), turned(1300, 0, turn), turned(0, 700, turn), turned(1300, 700, turn)];
      expect(Math.min(...corners.map((c) => c[0]))).toBe(x);
      expect(Math.min(...corners.map((c) => c[1]))).toBe(y);
      expect(Math.max(...corners.map((c) => c[0]))).toBe(x + w);
      expect(Math.max(...corners.map((c) => c[1]))).toBe(y + h);
    }
  });

  it('turns a point as the plan turns, so upright things drawn there land on their spot', () => {
    for (const turn of [0, 90, 180, 270] as const) {
      for (const [x, y] of [[0, 0], [1300, 0], [250, 640], [1300, 700]] as const) {
        const p = turnPoint({ x, y }, turn);
        expect([Math.round(p.x) + 0, Math.round(p.y) + 0]).toEqual(turned(x, y, turn));
      }
    }
  });

  it('keeps level writing level at every turn', () => {
    for (const turn of [0, 90, 180, 270] as const) expect((0 + uprightRotation(0, turn) - turn + 360) % 360).toBe(0);
    expect(uprightRotation(0.5, 90)).toBe(90);
  });

  it('lets writing along a lawn or walkway follow it, but never upside down', () => {
    /** Where the writing ends up on the screen, in (−180, 180]. */
    const onScreen = (authored: number, turn: 0 | 90 | 180 | 270) => {
      const net = (((authored + uprightRotation(authored, turn) - turn) % 360) + 360) % 360;
      return net > 180 ? net - 360 : net;
    };
    // Drawn reading bottom to top (−90°): stays so when the plan is not turned or turned half round…
    expect(onScreen(-90, 0)).toBe(-90);
    expect(onScreen(-90, 180)).toBe(-90);
    // …and lies level along the lawn when a quarter turn lays the lawn flat.
    expect(onScreen(-90, 90)).toBe(0);
    expect(onScreen(-90, 270)).toBe(0);
    // A diagonal street keeps its slope, the right way up.
    expect(onScreen(30, 0)).toBe(30);
    expect(onScreen(30, 180)).toBe(30);
    expect(onScreen(30, 90)).toBe(-60);
    for (const authored of [-170, -120, -90, -45, 10, 45, 89, 91, 135, 180, 250]) {
      for (const turn of [0, 90, 180, 270] as const) {
        expect(onScreen(authored, turn)).toBeGreaterThanOrEqual(-90);
        expect(onScreen(authored, turn)).toBeLessThan(90);
      }
    }
  });
});
