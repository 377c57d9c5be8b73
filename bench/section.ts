// The shape of one benchmark section (realtime now; routing, reconnect storm later): it returns keys for the final
// JSON line and the targets it is held to; run.ts merges them and prints.
import type { BenchOptions } from './options.ts';

export type JsonValue = number | string | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Figures per fleet size: sections that run at several sizes each return `sizes: [{ screens, … }]`, and run.ts
 * merges the entries with the same `screens` into one. */
export type SizeFigures = { screens: number } & Record<string, JsonValue>;

export interface Target {
  /** The JSON key the target applies to. */
  key: string;
  value: number;
  limit: number;
  met: boolean;
}

export interface SectionResult {
  figures: Record<string, JsonValue>;
  targets: Target[];
}

export interface Section {
  name: string;
  run(options: BenchOptions, log: (line: string) => void): Promise<SectionResult>;
}

/** A target "value ≤ limit". */
export function atMost(key: string, value: number, limit: number): Target {
  return { key, value, limit, met: value <= limit };
}
