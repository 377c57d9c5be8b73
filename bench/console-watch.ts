// The only part of the bench's console that knows the console protocol: how a message changes what the office sees,
// and whether that view shows every screen confirmed on a change. Today the hub pushes `{ type: 'state', state }`
// with every screen's row (display/lib/use-console-link.ts keeps the latest); a snapshot + delta protocol would
// replace `applyMessage` with its reducer and `allConfirmed` with a read of the view it builds.
import type { HubState, ServerMessage } from '../shared/protocol.ts';

/** What the office console shows: the latest state it was sent, or nothing yet. */
export type ConsoleView = HubState | null;

export const EMPTY_VIEW: ConsoleView = null;

/** The view after one message from the hub (messages that are not about the roll-call leave it as it was). */
export function applyMessage(view: ConsoleView, message: ServerMessage): ConsoleView {
  return message.type === 'state' ? message.state : view;
}

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
