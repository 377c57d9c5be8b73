// Builds the office's view: every screen's status and, per mode that screens must show, how many painted it.
import type { HubState, RollCallEntry, ScreenStatus } from '../../shared/protocol.ts';
import type { ModeId, ModeState, Site } from '../../shared/model.ts';
import { isConfirmed, type ScreenRuntime } from './screen-status.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function buildHubState(
  site: Site,
  state: ModeState,
  priority: readonly ModeId[],
  runtimes: ReadonlyMap<string, ScreenRuntime>,
  /** When each recent state seq was issued (ms since epoch). */
  changeTimes: ReadonlyMap<number, number>,
): HubState {
  const screens: ScreenStatus[] = [];
  const entries = new Map<number, RollCallEntry & { sinceMs: number | null }>();
  for (const screen of site.screens) {
    const runtime = runtimes.get(screen.id);
    if (!runtime) continue;
    const confirmed = isConfirmed(runtime);
    const sinceMs = changeTimes.get(runtime.expectedSince) ?? null;
    const confirmedAfterMs =
      confirmed && sinceMs !== null && runtime.shownSince !== null ? Math.max(0, runtime.shownSince - sinceMs) : null;
    screens.push({
      id: screen.id,
      name: screen.name,
      location: screen.location,
      buildingId: screen.buildingId,
      floorId: screen.floorId,
      zoneId: screen.zoneId,
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
      confirmed,
      confirmedAfterMs,
    });

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
      if (confirmedAfterMs !== null) entry.slowestMs = Math.max(entry.slowestMs ?? 0, confirmedAfterMs);
    } else {
      entry.unconfirmed.push(screen.id);
    }
  }
  const rank = (mode: ModeId) => priority.indexOf(mode);
  const rollCall = [...entries.values()]
    .map(({ sinceMs: _sinceMs, ...entry }) => entry)
    .sort((a, b) => rank(a.mode) - rank(b.mode) || b.activeSeq - a.activeSeq);
  return { seq: state.seq, modes: state.modes, priority: [...priority], hazards: state.hazards, screens, rollCall };
}
