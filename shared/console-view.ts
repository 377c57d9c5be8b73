// What a console shows of the hub's live state, and how each message from the hub changes it: a whole `state`
// replaces it, a `state-delta` patches the screens that changed. Pure, so the consoles and the bench share it.
import type { HubState, RollCallEntry, ScreenStatus, ServerMessage, StateDelta } from './protocol.ts';

/** The hub's state as the console knows it; null before the first `state`. */
export type ConsoleView = HubState | null;

/** The view after one message from the hub; the same object when the message does not concern it. */
export function applyConsoleMessage(view: ConsoleView, message: ServerMessage): ConsoleView {
  if (message.type === 'state') return message.state;
  // The hub always sends a whole state first; a delta without one has nothing to patch.
  if (message.type === 'state-delta') return view && applyDelta(view, message);
  return view;
}

function applyDelta(view: HubState, delta: StateDelta): HubState {
  const screens = [...view.screens];
  const positions = new Map(screens.map((screen, index) => [screen.id, index]));
  const patch = (id: string, change: Partial<ScreenStatus>) => {
    const index = positions.get(id);
    // A screen it does not know yet comes with the next whole state (the hub sends one after the site changed).
    if (index !== undefined) screens[index] = { ...screens[index]!, ...change };
  };
  for (const { screenIds, ...expected } of delta.expected) {
    // Re-pointed to a mode it has not painted yet (the hub sends a confirmed one as a whole row).
    for (const id of screenIds) patch(id, { expected, confirmed: false, confirmedAfterMs: null });
  }
  for (const { screens: painted, ...receipt } of delta.receipts) {
    for (const [id, at, confirmed, confirmedAfterMs] of painted) {
      const when = new Date(at).toISOString();
      patch(id, { lastReceipt: { ...receipt, at: when }, lastSeenAt: when, confirmed, confirmedAfterMs });
    }
  }
  for (const live of delta.screens) patch(live.id, live);
  return { seq: delta.seq, modes: delta.modes, priority: delta.priority, hazards: delta.hazards, screens, rollCall: withUnconfirmed(delta, screens) };
}

/** Each roll-call line with the screens that must show its mode and have not painted it, in the site's order, as the hub lists them. */
function withUnconfirmed(delta: StateDelta, screens: HubState['screens']): RollCallEntry[] {
  const unconfirmed = new Map<number, string[]>(delta.rollCall.map((entry) => [entry.activeSeq, []]));
  for (const screen of screens) if (!screen.confirmed) unconfirmed.get(screen.expected.activeSeq)?.push(screen.id);
  return delta.rollCall.map((entry) => ({ ...entry, unconfirmed: unconfirmed.get(entry.activeSeq)! }));
}
