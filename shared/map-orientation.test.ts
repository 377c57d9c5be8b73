// Heads-up turns: the reader's facing direction ends up pointing up, and the turned plan fills its view box.
import { describe, expect, it } from 'vitest';
import { headsUpTurn, turnedViewBox } from './map-orientation.ts';

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
});
