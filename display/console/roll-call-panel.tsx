// The live roll-call, built by the hub from render receipts: how many screens have painted each mode, how
// fast, and which have not, with when each was last heard from.
import type { HubState, RollCallEntry, ScreenStatus } from '../../shared/protocol.ts';
import type { Site } from '../../shared/model.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { scopeName } from './scope-names.ts';

/** Enough to act on; a long list would push the mode buttons and hazards off a tablet's screen. */
const UNCONFIRMED_SHOWN = 12;

function summary(entry: RollCallEntry): string {
  const name = MODE_CATALOGUE[entry.mode].text.en.name.toUpperCase();
  if (entry.mode === 'normal' && entry.since === null) return `${entry.confirmed} of ${entry.expected} screens showing normal`;
  const what = entry.mode === 'normal' ? 'back to normal' : `${name}${entry.drill ? ' (drill)' : ''}`;
  const speed = entry.slowestMs === null ? '' : ` in ${(entry.slowestMs / 1000).toFixed(1)} s`;
  return `${entry.confirmed} of ${entry.expected} screens confirmed ${what}${speed}`;
}

function lastSeen(screen: ScreenStatus, now: number): string {
  if (screen.online) return 'online, not yet confirmed';
  if (!screen.lastSeenAt) return 'offline, never seen';
  const minutes = Math.round((now - Date.parse(screen.lastSeenAt)) / 60_000);
  return `offline, last seen ${minutes < 1 ? 'under a minute' : `${minutes} min`} ago`;
}

export function RollCallPanel(props: { state: HubState; site: Site | null; now: number }) {
  const screens = new Map(props.state.screens.map((s) => [s.id, s]));
  const entries = props.state.rollCall;
  if (entries.length === 0) return <p class="muted">No screens are configured.</p>;
  return (
    <div class="roll-call">
      {entries.map((entry) => {
        const complete = entry.confirmed === entry.expected;
        return (
          <section key={entry.activeSeq} class={`roll-call-entry ${complete ? 'complete' : 'incomplete'}`} style={{ '--mode-color': MODE_CATALOGUE[entry.mode].color }}>
            <h3 data-test="rollcall-summary">{summary(entry)}</h3>
            {entry.scope && <p class="muted">{scopeName(entry.scope, props.site)}</p>}
            {entry.unconfirmed.length > 0 && (
              <ul class="unconfirmed" data-test="rollcall-unconfirmed">
                {entry.unconfirmed.slice(0, UNCONFIRMED_SHOWN).map((id) => {
                  const screen = screens.get(id);
                  return (
                    <li key={id} class={screen?.online ? 'online' : 'offline'}>
                      <strong>{screen?.name ?? id}</strong> <span class="muted">{screen?.location}</span> <span>{screen ? lastSeen(screen, props.now) : ''}</span>
                    </li>
                  );
                })}
                {entry.unconfirmed.length > UNCONFIRMED_SHOWN && (
                  <li class="muted">… and {entry.unconfirmed.length - UNCONFIRMED_SHOWN} more (the admin console lists every screen)</li>
                )}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
