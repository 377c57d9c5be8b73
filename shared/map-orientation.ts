// Heads-up maps: a "You are here" map is turned so the direction its reader faces is up, in quarter turns so
// a rectangular plan keeps filling its frame. The geometry turns, the writing does not: labels are drawn at the
// turned position of their anchor, or turned back so they read upright. Shared by the wall screen and the
// printed diagrams.
import type { Point } from './floor-plan.ts';
import { normaliseDegrees } from './geometry.ts';

export type QuarterTurn = 0 | 90 | 180 | 270;

/** The quarter turn (0, 90, 180 or 270 degrees) that brings `facingDegrees` (clockwise from map up) to up. */
export function headsUpTurn(facingDegrees: number): QuarterTurn {
  return ((((Math.round(facingDegrees / 90) * 90) % 360) + 360) % 360) as QuarterTurn;
}

/** The SVG view box of a width × height plan drawn inside `<g transform="rotate(-turn)">`. */
export function turnedViewBox(width: number, height: number, turn: QuarterTurn): string {
  switch (turn) {
    case 0:
      return `0 0 ${width} ${height}`;
    case 90:
      return `0 ${-width} ${height} ${width}`;
    case 180:
      return `${-width} ${-height} ${width} ${height}`;
    case 270:
      return `${-height} 0 ${height} ${width}`;
  }
}

/** Where a plan point lands in the turned view (the plan drawn inside `rotate(-turn)`), so upright things can be drawn there. */
export function turnPoint(p: Point, turn: QuarterTurn): Point {
  switch (turn) {
    case 0:
      return { x: p.x, y: p.y };
    case 90:
      return { x: p.y, y: -p.x };
    case 180:
      return { x: -p.x, y: -p.y };
    case 270:
      return { x: -p.y, y: p.x };
  }
}

/** Labels drawn within this many degrees of level count as level. */
const LEVEL_TOLERANCE = 1;

/**
 * The rotation (degrees, clockwise) to add to a label the plan's author drew at `authoredDegrees` so that it reads
 * upright once the plan is turned. A level label (a room number, a street name) stays level at every turn. A label
 * drawn along something (a walkway, a narrow lawn) keeps following it, but is flipped rather than read upside down:
 * on the screen it ends up between −90° (read bottom to top) and 90°.
 */
export function uprightRotation(authoredDegrees: number, turn: QuarterTurn): number {
  const authored = normaliseDegrees(authoredDegrees);
  if (authored <= LEVEL_TOLERANCE || authored >= 360 - LEVEL_TOLERANCE) return turn;
  const onScreen = normaliseDegrees(authored - turn);
  const readable = onScreen >= 90 && onScreen < 270 ? onScreen - 180 : onScreen >= 270 ? onScreen - 360 : onScreen;
  return normaliseDegrees(readable - (authored - turn));
}
