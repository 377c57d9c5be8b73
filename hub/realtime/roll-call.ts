// Builds the office's view: every screen's status and, per mode that screens must show, how many painted it.
import type { HubState, RollCallCounts, RollCallEntry, ScreenLiveStatus, ScreenStatus } from '../../shared/protocol.ts';
import type { ModeId, ModeState, Screen, Site } from '../../shared/model.ts';
import { isConfirmed, type ScreenRuntime } from './screen-status.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** When each recent state seq was issued (ms since epoch). */
export type ChangeTimes = ReadonlyMap<number, number>;

/** Whether the screen painted what it must show now, and how long after the change it did. */
export function confirmation(runtime: ScreenRuntime, changeTimes: ChangeTimes): { confirmed: boolean; confirmedAfterMs: number | null } {
  const confirmed = isConfirmed(runtime);
  const sinceMs = changeTimes.get(runtime.expectedSince) ?? null;
  return { confirmed, confirmedAfterMs: confirmed && sinceMs !== null && runtime.shownSince !== null ? Math.max(0, runtime.shownSince - sinceMs) : null };
}

/** What of a screen's row its connection and receipts change. */
export function liveStatus(id: string, runtime: ScreenRuntime, changeTimes: ChangeTimes): ScreenLiveStatus {
  return {
    id,
    online: runtime.online,
    lastSeenAt: iso(runtime.lastSeenAt),
    build: runtime.build,
    appStartedAt: iso(runtime.appStartedAt),
    contentRevision: runtime.contentRevision,
    sound: runtime.sound,
    lastReceipt: runtime.lastReceipt ? { ...runtime.lastReceipt, at: new Date(runtime.lastReceipt.at).toISOString() } : null,
    expected: {
      activeSeq: runtime.expectedActiveSeq,
      mode: runtime.expectedMode,
      drill: runtime.expectedDrill,
      since: runtime.expectedSince,
    },
    ...confirmation(runtime, changeTimes),
  };
}

export function screenStatus(screen: Screen, runtime: ScreenRuntime, changeTimes: ChangeTimes): ScreenStatus {
  const { id, ...live } = liveStatus(screen.id, runtime, changeTimes);
  return { id, name: screen.name, location: screen.location, buildingId: screen.buildingId, floorId: screen.floorId, zoneId: screen.zoneId, ...live };
}

/** The roll-call's lines, each with its unconfirmed screens in the site's order when `listUnconfirmed`. */
function rollCall(
  screens: readonly Screen[],
  state: ModeState,
  priority: readonly ModeId[],
  runtimes: ReadonlyMap<string, ScreenRuntime>,
  changeTimes: ChangeTimes,
  listUnconfirmed: boolean,
): RollCallEntry[] {
  const entries = new Map<number, RollCallEntry & { sinceMs: number | null }>();
  for (const screen of screens) {
    const runtime = runtimes.get(screen.id);
    if (!runtime) continue;
    const confirmed = isConfirmed(runtime);
    const sinceMs = changeTimes.get(runtime.expectedSince) ?? null;
    const active = state.modes.find((m) => m.seq === runtime.expectedActiveSeq) ?? null;
    let entry = entries.get(runtime.expectedActiveSeq);
    if (!entry) {
      entry = {
        activeSeq: runtime.expectedActiveSeq,
        mode: runtime.expectedMode,
        drill: runtime.expectedDrill,
        scope: active?.scope ?? null,
        since: active?.startedAt ?? null,
        sinceMs: null,
        expected: 0,
        confirmed: 0,
        slowestMs: null,
        unconfirmed: [],
      };
      entries.set(runtime.expectedActiveSeq, entry);
    }
    // For normal, "since" is the latest All Clear among its screens.
    if (sinceMs !== null && (entry.sinceMs === null || sinceMs > entry.sinceMs)) {
      entry.sinceMs = sinceMs;
      if (!active) entry.since = iso(sinceMs);
    }
    entry.expected += 1;
    if (confirmed) {
      entry.confirmed += 1;
      if (sinceMs !== null && runtime.shownSince !== null) entry.slowestMs = Math.max(entry.slowestMs ?? 0, Math.max(0, runtime.shownSince - sinceMs));
    } else if (listUnconfirmed) {
      entry.unconfirmed.push(screen.id);
    }
  }
  const rank = (mode: ModeId) => priority.indexOf(mode);
  return [...entries.values()]
    .map(({ sinceMs: _sinceMs, ...entry }) => entry)
    .sort((a, b) => rank(a.mode) - rank(b.mode) || b.activeSeq - a.activeSeq);
}

/** The roll-call's counters alone, for a console's delta (it lists the unconfirmed screens itself). */
export function rollCallCounts(
  site: Site,
  state: ModeState,
  priority: readonly ModeId[],
  runtimes: ReadonlyMap<string, ScreenRuntime>,
  changeTimes: ChangeTimes,
): RollCallCounts[] {
  return rollCall(site.screens, state, priority, runtimes, changeTimes, false).map(({ unconfirmed: _unconfirmed, ...counts }) => counts);
}

export function buildHubState(
  site: Site,
  state: ModeState,
  priority: readonly ModeId[],
  runtimes: ReadonlyMap<string, ScreenRuntime>,
  changeTimes: ChangeTimes,
): HubState {
  const screens: ScreenStatus[] = [];
  for (const screen of site.screens) {
    const runtime = runtimes.get(screen.id);
    if (runtime) screens.push(screenStatus(screen, runtime, changeTimes));
  }
  return {
    seq: state.seq,
    modes: state.modes,
    priority: [...priority],
    hazards: state.hazards,
    screens,
    rollCall: rollCall(site.screens, state, priority, runtimes, changeTimes, true),
  };
}
