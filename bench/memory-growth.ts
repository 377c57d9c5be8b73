// What connecting N screens costs a server process in memory: RSS growth per screen, and how much of it is the JS
// heap's old space (objects kept per connection) versus V8's young generation growing to its working size (fixed).
import type { ProcessFigures } from './ipc-messages.ts';

export interface MemoryGrowth {
  rssKbPerScreen: number;
  heapKbPerScreen: number;
  oldSpaceKbPerScreen: number;
  /** Young-generation growth in MB: it does not scale with N, so it inflates the per-screen figure at small N. */
  newSpaceMb: number;
  rssKbPerScreenExclNewSpace: number;
}

export function memoryGrowth(before: ProcessFigures, after: ProcessFigures, screens: number): MemoryGrowth {
  const space = (name: string) => (after.spaces[name] ?? 0) - (before.spaces[name] ?? 0);
  const perScreenKb = (bytes: number) => bytes / 1024 / screens;
  const rssBytes = after.rssBytes - before.rssBytes;
  return {
    rssKbPerScreen: perScreenKb(rssBytes),
    heapKbPerScreen: perScreenKb(after.heapUsedBytes - before.heapUsedBytes),
    oldSpaceKbPerScreen: perScreenKb(space('old_space')),
    newSpaceMb: space('new_space') / 2 ** 20,
    rssKbPerScreenExclNewSpace: perScreenKb(rssBytes - space('new_space')),
  };
}
