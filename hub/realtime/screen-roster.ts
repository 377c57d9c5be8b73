// The site's screens as the realtime hub knows them: each screen by id, what it must show, what it said last, and which
// rows changed since the consoles were last told, so a hello costs a lookup and a console push costs what changed.
import { effectiveModeFor } from '../../shared/modes.ts';
import type { ModeId, ModeState, Screen, Site } from '../../shared/model.ts';
import type { HubState, ScreenLiveStatus, StateDelta } from '../../shared/protocol.ts';
import { buildHubState, liveStatus, rollCallCounts } from './roll-call.ts';
import { isConfirmed, newScreenRuntime, setExpected, type ScreenRuntime } from './screen-status.ts';

const CHANGE_TIMES_KEPT = 512;

/** Which screens' rows changed since they were last taken; `site`: the screens themselves (added, renamed, moved). */
export interface RosterChanges {
  site: boolean;
  /** Screens whose contact, receipt or health changed. */
  rows: Set<string>;
  /** Screens a mode change re-pointed (what they must show). */
  expectations: Set<string>;
}

export const noChanges = (): RosterChanges => ({ site: false, rows: new Set(), expectations: new Set() });

/** Adds `more` into `into`. */
export function mergeChanges(into: RosterChanges, more: RosterChanges): void {
  into.site ||= more.site;
  for (const id of more.rows) into.rows.add(id);
  for (const id of more.expectations) into.expectations.add(id);
}

export class ScreenRoster {
  /** The site these screens were indexed from. */
  #indexed: Site | null = null;
  readonly #screens = new Map<string, Screen>();
  readonly #runtimes = new Map<string, ScreenRuntime>();
  /** When each recent state seq was issued (ms since epoch). */
  readonly #changeTimes = new Map<number, number>();
  #changes = noChanges();

  constructor(
    private readonly site: () => Site,
    private readonly modeState: () => ModeState,
    private readonly priority: readonly ModeId[],
  ) {
    this.sync();
  }

  /** Takes the site's screen list again (call after the site changed): new screens get a record, removed ones lose it. */
  sync(): void {
    this.#index(this.site());
    for (const id of this.#runtimes.keys()) if (!this.#screens.has(id)) this.#runtimes.delete(id);
    for (const id of this.#screens.keys()) if (!this.#runtimes.has(id)) this.#runtimes.set(id, newScreenRuntime());
    this.#changes.site = true;
    this.expect(this.modeState());
  }

  /** The screen with this id on the committed site, and its record; a lookup, not a scan. */
  find(screenId: string): { screen: Screen; runtime: ScreenRuntime } | undefined {
    // The store hands out a new site object after any write: the index follows it, and a screen list that changed
    // without sync() being called is taken in full.
    const site = this.site();
    if (site !== this.#indexed) {
      this.#index(site);
      if (this.#screens.size !== this.#runtimes.size || [...this.#screens.keys()].some((id) => !this.#runtimes.has(id))) this.sync();
    }
    const screen = this.#screens.get(screenId);
    const runtime = this.#runtimes.get(screenId);
    return screen && runtime ? { screen, runtime } : undefined;
  }

  runtime(screenId: string): ScreenRuntime | undefined {
    return this.#runtimes.get(screenId);
  }

  /** A mode change was committed at `seq` now: remember when, for the time each screen took to paint it. */
  changed(seq: number, at: number): void {
    this.#changeTimes.set(seq, at);
    if (this.#changeTimes.size > CHANGE_TIMES_KEPT) this.#changeTimes.delete(this.#changeTimes.keys().next().value!);
  }

  /** Point every screen at what it must show in this state. */
  expect(state: ModeState): void {
    for (const screen of this.#screens.values()) {
      const runtime = this.#runtimes.get(screen.id)!;
      if (setExpected(runtime, effectiveModeFor(screen, state.modes, this.priority), state.seq)) this.#changes.expectations.add(screen.id);
    }
  }

  /** This screen's row changed (it came, went, sent a receipt or its health). */
  touched(screenId: string): void {
    this.#changes.rows.add(screenId);
  }

  /** What changed since the last call. */
  takeChanges(): RosterChanges {
    const changes = this.#changes;
    this.#changes = noChanges();
    return changes;
  }

  /** Every screen's row and the roll-call, whole. */
  state(): HubState {
    return buildHubState(this.site(), this.modeState(), this.priority, this.#runtimes, this.#changeTimes);
  }

  /** The console message for these changes; sized by the screens in them, not by the site. */
  delta(changes: RosterChanges): StateDelta {
    const state = this.modeState();
    const rows: ScreenLiveStatus[] = [];
    const expected = new Map<string, StateDelta['expected'][number]>();
    for (const id of changes.rows) {
      const runtime = this.#runtimes.get(id);
      if (runtime) rows.push(liveStatus(id, runtime, this.#changeTimes));
    }
    for (const id of changes.expectations) {
      const runtime = this.#runtimes.get(id);
      if (!runtime || changes.rows.has(id)) continue;
      // The group form says "not painted yet"; a screen that already has painted it goes as its whole row.
      if (isConfirmed(runtime)) {
        rows.push(liveStatus(id, runtime, this.#changeTimes));
        continue;
      }
      const key = `${runtime.expectedActiveSeq}/${runtime.expectedSince}`;
      let group = expected.get(key);
      if (!group) {
        group = { activeSeq: runtime.expectedActiveSeq, mode: runtime.expectedMode, drill: runtime.expectedDrill, since: runtime.expectedSince, screenIds: [] };
        expected.set(key, group);
      }
      group.screenIds.push(id);
    }
    return {
      type: 'state-delta',
      seq: state.seq,
      modes: state.modes,
      priority: [...this.priority],
      hazards: state.hazards,
      rollCall: rollCallCounts(this.site(), state, this.priority, this.#runtimes, this.#changeTimes),
      expected: [...expected.values()],
      screens: rows,
    };
  }

  get size(): number {
    return this.#screens.size;
  }

  #index(site: Site): void {
    this.#screens.clear();
    for (const screen of site.screens) this.#screens.set(screen.id, screen);
    this.#indexed = site;
  }
}
