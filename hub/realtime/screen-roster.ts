// The site's screens as the realtime hub knows them: each screen by id, what it must show, what it said last, and which
// rows changed since the consoles were last told, so a hello costs a lookup and a console push costs what changed.
import { effectiveModeFor } from '../../shared/modes.ts';
import type { ModeId, ModeState, Screen, Site } from '../../shared/model.ts';
import type { HubState, ScreenLiveStatus, StateDelta } from '../../shared/protocol.ts';
import { buildHubState, confirmation, liveStatus, rollCallCounts } from './roll-call.ts';
import { isConfirmed, newScreenRuntime, setExpected, type ScreenRuntime } from './screen-status.ts';

const CHANGE_TIMES_KEPT = 512;

/** Which screens' rows changed since they were last taken; `site`: the screens themselves (added, renamed, moved). */
export interface RosterChanges {
  site: boolean;
  /** Screens that came or went, or whose health or content changed. */
  rows: Set<string>;
  /** Screens that sent a receipt. */
  receipts: Set<string>;
  /** Screens a mode change re-pointed (what they must show). */
  expectations: Set<string>;
}

export const noChanges = (): RosterChanges => ({ site: false, rows: new Set(), receipts: new Set(), expectations: new Set() });

/** Adds `more` into `into`. */
export function mergeChanges(into: RosterChanges, more: RosterChanges): void {
  into.site ||= more.site;
  for (const id of more.rows) into.rows.add(id);
  for (const id of more.receipts) into.receipts.add(id);
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

  /** This screen's row changed (it came or went, its health or content changed). */
  touched(screenId: string): void {
    this.#changes.rows.add(screenId);
  }

  /** This screen sent a receipt the roll-call took. */
  receipted(screenId: string): void {
    this.#changes.receipts.add(screenId);
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
    // A screen goes as its whole row when its row changed otherwise (it came or went, its health), or when it was
    // re-pointed to a mode it already shows without a new receipt (the group form says "not painted yet"). Re-pointed
    // and painted in the same push, it is in both groups: the console applies the expectation, then the receipt. A
    // console that fell behind gets a whole change merged, so this keeps its catch-up the size of the groups.
    const whole = new Set(changes.rows);
    for (const id of changes.expectations) {
      const runtime = this.#runtimes.get(id);
      if (runtime && !changes.receipts.has(id) && isConfirmed(runtime)) whole.add(id);
    }
    const expected = new Map<string, StateDelta['expected'][number]>();
    for (const id of changes.expectations) {
      const runtime = this.#runtimes.get(id);
      if (!runtime || whole.has(id)) continue;
      const key = `${runtime.expectedActiveSeq}/${runtime.expectedSince}`;
      const group = expected.get(key) ?? { activeSeq: runtime.expectedActiveSeq, mode: runtime.expectedMode, drill: runtime.expectedDrill, since: runtime.expectedSince, screenIds: [] };
      expected.set(key, group);
      group.screenIds.push(id);
    }
    const receipts = new Map<string, StateDelta['receipts'][number]>();
    for (const id of changes.receipts) {
      const runtime = this.#runtimes.get(id);
      const receipt = runtime?.lastReceipt;
      if (!runtime || !receipt || whole.has(id)) continue;
      const key = `${receipt.seq}/${receipt.activeSeq}/${receipt.mode}/${receipt.drill}`;
      const group = receipts.get(key) ?? { seq: receipt.seq, activeSeq: receipt.activeSeq, mode: receipt.mode, drill: receipt.drill, screens: [] };
      receipts.set(key, group);
      const { confirmed, confirmedAfterMs } = confirmation(runtime, this.#changeTimes);
      group.screens.push([id, receipt.at, confirmed, confirmedAfterMs]);
    }
    const rows: ScreenLiveStatus[] = [];
    for (const id of whole) {
      const runtime = this.#runtimes.get(id);
      if (runtime) rows.push(liveStatus(id, runtime, this.#changeTimes));
    }
    return {
      type: 'state-delta',
      seq: state.seq,
      modes: state.modes,
      priority: [...this.priority],
      hazards: state.hazards,
      rollCall: rollCallCounts(this.site(), state, this.priority, this.#runtimes, this.#changeTimes),
      expected: [...expected.values()],
      receipts: [...receipts.values()],
      screens: rows,
    };
  }

  #index(site: Site): void {
    this.#screens.clear();
    for (const screen of site.screens) this.#screens.set(screen.id, screen);
    this.#indexed = site;
  }
}
