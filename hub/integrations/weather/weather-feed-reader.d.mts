// Types of weather-feed-reader.mjs, for the TypeScript that calls it.
export interface ValuePair {
  valueName: string;
  value: string;
}

export interface FeedEntry {
  id: string;
  event: string;
  status: string;
  msgType: string;
  effective: string | null;
  expires: string | null;
  areaDesc: string;
  geocodes: ValuePair[];
  eventCodes: ValuePair[];
  /** The P-VTEC string, when the entry carries one ("/O.NEW.KSHV.TO.W.0048.200123T1423Z-200123T1500Z/"). */
  vtec: string | null;
  references: string;
}

export type FeedReading = { ok: true; entries: FeedEntry[]; fromNws: boolean } | { ok: false; problem: string };

export function readWeatherFeed(xml: string): FeedReading;
