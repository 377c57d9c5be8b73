// How each kind of point of interest looks on a screen's map (colour and a 24×24 glyph), and which kinds a
// hallway map draws. Confidential kinds (cameras, hardened corners...) never even reach a hallway screen or a
// printed diagram: the hub leaves them out first (shared/confidential-points.ts).
import type { PoiType } from './floor-plan.ts';

export interface PoiMarker {
  colour: string;
  glyph: string;
}

const GREEN = '#15803d';
const RED = '#b91c1c';
const BLUE = '#1d4ed8';
const GREY = '#475569';

const RUNNING = 'M13 4a2 2 0 1 1 0 .01zM9.8 8.9 7 23h2.1l1.8-8 2.1 2v6h2v-7.5l-2.1-2 .6-3A7.3 7.3 0 0 0 19 13v-2a5.2 5.2 0 0 1-4.5-2.5l-1-1.6A2 2 0 0 0 11.8 6a2 2 0 0 0-.8.2L6 8.3V13h2V9.6z';
const HEART_BOLT = 'M12 21s-7.5-4.6-9.6-9.3C.9 8.2 3.2 4.5 6.8 4.5c2.1 0 3.7 1.2 5.2 3 1.5-1.8 3.1-3 5.2-3 3.6 0 5.9 3.7 4.4 7.2C19.5 16.4 12 21 12 21zm1-13-4 6h3l-1 4 4-6h-3z';
const EXTINGUISHER = 'M9 9h6v12H9zM10 5h4v3h-4zM14 6l5-2.5V6zM7 3h5v1.5H7z';
const CROSS = 'M9.5 3h5v6.5H21v5h-6.5V21h-5v-6.5H3v-5h6.5z';
const STAIRS = 'M3 21v-4h4v-4h4V9h4V5h6v3h-3v4h-4v4h-4v4H3z';
const ELEVATOR = 'M5 2h14v20H5zm7 3-3 4h6zm0 14 3-4H9z';
const PULL = 'M8 3h8v18H8zm2 3v6h4V6z';
const GATHER = 'M12 2 8 6h3v5H6V8l-4 4 4 4v-3h5v5H8l4 4 4-4h-3v-5h5v3l4-4-4-4v3h-5V6h3z';
const SHELTER = 'M12 3 2 12h3v8h5v-6h4v6h5v-8h3z';
const DOT = 'M12 7a5 5 0 1 1 0 10 5 5 0 0 1 0-10z';

export const POI_MARKERS: Readonly<Record<PoiType, PoiMarker>> = {
  exit: { colour: GREEN, glyph: RUNNING },
  stairs: { colour: GREY, glyph: STAIRS },
  elevator: { colour: GREY, glyph: ELEVATOR },
  aed: { colour: GREEN, glyph: HEART_BOLT },
  extinguisher: { colour: RED, glyph: EXTINGUISHER },
  'first-aid-kit': { colour: GREEN, glyph: CROSS },
  'bleeding-control-kit': { colour: RED, glyph: CROSS },
  'fire-alarm-pull-station': { colour: RED, glyph: PULL },
  'panic-button': { colour: RED, glyph: DOT },
  lockbox: { colour: GREY, glyph: DOT },
  'locking-door': { colour: GREY, glyph: DOT },
  camera: { colour: GREY, glyph: DOT },
  'metal-detector': { colour: GREY, glyph: DOT },
  'hardened-corner': { colour: GREY, glyph: DOT },
  'shelter-area': { colour: BLUE, glyph: SHELTER },
  'assembly-point': { colour: GREEN, glyph: GATHER },
  'reunification-site': { colour: BLUE, glyph: GATHER },
  'bullet-resistant-glass': { colour: GREY, glyph: DOT },
};

/** What everyone passing a hallway screen should see on its map (shelter areas join them in a Shelter). */
export const PUBLIC_POI_TYPES: readonly PoiType[] = [
  'exit',
  'stairs',
  'elevator',
  'aed',
  'extinguisher',
  'first-aid-kit',
  'bleeding-control-kit',
  'fire-alarm-pull-station',
  'assembly-point',
];

/**
 * Which markers give way when two would cover each other on a map: lower numbers are placed first and drawn on top.
 * Ways out come first; then what saves a life in the first minutes; then the rest. (You are here, hazard tags and the
 * route's own exit come before all of these.)
 */
export const MARKER_PRIORITY: Readonly<Record<PoiType, number>> = {
  exit: 3,
  'shelter-area': 3,
  'assembly-point': 4,
  aed: 4,
  stairs: 5,
  'bleeding-control-kit': 6,
  extinguisher: 6,
  'fire-alarm-pull-station': 6,
  'first-aid-kit': 7,
  'reunification-site': 7,
  elevator: 8,
  'panic-button': 9,
  lockbox: 9,
  'locking-door': 9,
  camera: 9,
  'metal-detector': 9,
  'hardened-corner': 9,
  'bullet-resistant-glass': 9,
};

/** Markers below this priority (ways out, AEDs, stairs) stay on the map even when nothing can be placed clear of them. */
export const MAY_BE_LEFT_OFF_FROM = 6;
