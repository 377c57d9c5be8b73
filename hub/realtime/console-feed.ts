// The consoles' live roll-call: the whole state when a console joins (and after the site changed), then, coalesced,
// only what changed. Even with every screen changed a delta is smaller than the whole state (it leaves out the names
// and places, and the lists of unconfirmed screens). A console on a slow link is not closed for falling behind: while
// its socket is full its changes are merged and wait, and it gets them in one delta once it has drained.
import { encode, snapshotMessage, welcomeMessage, type WeatherMessage } from '../../shared/protocol.ts';
import type { Connection, ConsoleSession } from './connection-registry.ts';
import { mergeChanges, noChanges, type RosterChanges, type ScreenRoster } from './screen-roster.ts';
import type { HubBasics } from './hub-basics.ts';
import { siteProfile } from './screen-profile.ts';

export interface ConsoleFeedOptions extends HubBasics {
  /** How long a push may be delayed to coalesce receipts. */
  pushDelayMs: number;
  /** A console with more than this still queued gets nothing new until it has sent it. */
  drainedBytes: number;
}

const isEmpty = (changes: RosterChanges) => !changes.site && changes.rows.size === 0 && changes.receipts.size === 0 && changes.expectations.size === 0;

export class ConsoleFeed {
  /** Each console following the feed, with the changes it has not been sent yet. */
  readonly #consoles = new Map<Connection, RosterChanges>();
  #timer: NodeJS.Timeout | null = null;
  /** The weather feed's latest offers (hub/integrations/weather/), for consoles that join later. */
  #weather: WeatherMessage | null = null;

  constructor(
    private readonly options: ConsoleFeedOptions,
    private readonly roster: ScreenRoster,
  ) {}

  /** A console said hello: it is told who it is, the emergency state and the whole roll-call. */
  join(connection: Connection, session: ConsoleSession): void {
    const state = this.options.modeState();
    connection.send(
      welcomeMessage({
        build: this.options.build,
        seq: state.seq,
        heartbeatMs: this.options.heartbeatMs,
        site: siteProfile(this.options.site()),
        screen: null,
        user: session.user,
      }),
    );
    connection.send(snapshotMessage(state, this.options.priority));
    connection.sendLarge(this.#wholeState());
    if (this.#weather) connection.send(this.#weather);
    this.#consoles.set(connection, noChanges());
  }

  /** The weather feed's offers changed: every console hears at once (a few hundred bytes, a few times a year). */
  publishWeather(message: WeatherMessage): void {
    this.#weather = message;
    for (const connection of this.#consoles.keys()) connection.send(message);
  }

  leave(connection: Connection): void {
    this.#consoles.delete(connection);
  }

  /** Something the consoles show changed: they hear of it within `pushDelayMs`, with whatever else changes meanwhile. */
  schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => this.#push(), this.options.pushDelayMs);
    this.#timer.unref();
  }

  /** Sends each console what changed since its last update. */
  #push(): void {
    this.#timer = null;
    const changes = this.roster.takeChanges();
    // Built at most once per push: consoles that were in step all get the same frame.
    let inStepFrame: string | null = null;
    let wholeFrame: string | null = null;
    let waiting = false;
    for (const [connection, pending] of this.#consoles) {
      const inStep = isEmpty(pending);
      mergeChanges(pending, changes);
      if (connection.buffered > this.options.drainedBytes) {
        waiting = true;
        continue;
      }
      let frame: string;
      if (pending.site) frame = wholeFrame ??= this.#wholeState();
      else if (inStep) frame = inStepFrame ??= encode(this.roster.delta(pending));
      else frame = encode(this.roster.delta(pending));
      connection.sendLarge(frame);
      this.#consoles.set(connection, noChanges());
    }
    // A console still draining is looked at again shortly, changes or not.
    if (waiting) this.schedule();
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #wholeState(): string {
    return encode({ type: 'state', state: this.roster.state() });
  }
}
