// The bench's console sees what the office console sees: the hub's messages folded by the console's own reducer
// (shared/console-view.ts: a whole `state` on connect, then `state-delta`s); and whether that view shows every
// screen confirmed on a change.
import { applyConsoleMessage, type ConsoleView } from '../shared/console-view.ts';

export type { ConsoleView };

export const EMPTY_VIEW: ConsoleView = null;

/** The view after one message from the hub (messages that are not about the roll-call leave it as it was). */
export const applyMessage = applyConsoleMessage;

/** The view's state seq, 0 before any state. */
export function viewSeq(view: ConsoleView): number {
  return view?.seq ?? 0;
}

/** The view is at `seq` and its roll-call shows all `screens` online, expected and confirmed. */
export function allConfirmed(view: ConsoleView, seq: number, screens: number): boolean {
  if (!view || view.seq !== seq) return false;
  let expected = 0;
  let confirmed = 0;
  for (const entry of view.rollCall) {
    expected += entry.expected;
    confirmed += entry.confirmed;
  }
  return expected === screens && confirmed === screens && view.screens.every((s) => s.online);
}
