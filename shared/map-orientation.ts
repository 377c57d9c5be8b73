// Heads-up maps: a "You are here" map is turned so the direction its reader faces is up, in quarter turns so
// a rectangular plan keeps filling its frame. Shared by the wall screen and the printed diagrams.

/** The quarter turn (0, 90, 180 or 270 degrees) that brings `facingDegrees` (clockwise from map up) to up. */
export function headsUpTurn(facingDegrees: number): 0 | 90 | 180 | 270 {
  return ((((Math.round(facingDegrees / 90) * 90) % 360) + 360) % 360) as 0 | 90 | 180 | 270;
}

/** The SVG view box of a width × height plan drawn inside `<g transform="rotate(-turn)">`. */
export function turnedViewBox(width: number, height: number, turn: 0 | 90 | 180 | 270): string {
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
