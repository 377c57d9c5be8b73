// The realtime hub: socket lifecycle and fan-out, put together from its rooms (the connection registry, the
// handshake, screen sync, pairing and the console feed). Every inbound frame is validated against
// shared/protocol.ts; a bad frame gets a typed error, never an exception.
import type { WSContext, WSEvents } from 'hono/ws';
import type { WebSocketLike } from '@hono/node-server';
import type { WebSocket } from 'ws';
import type { Slide } from '../../shared/content.ts';
import type { ModeWordings } from '../../shared/mode-texts.ts';
import { DEFAULT_MODE_TONES, type ModeTones } from '../../shared/mode-tones.ts';
import type { ModeId, ModeState, Site } from '../../shared/model.ts';
import { CLOSE_CODES, encode, errorMessage, parseClientMessage, sweepMessage, weatherMessage, type ModesChanged, type ScreenCommand, type SoundHealth } from '../../shared/protocol.ts';
import type { WeatherOffers } from '../../shared/weather-alerts.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import type { BuildingPlan } from '../domain/building-plans.ts';
import { ConnectionRegistry, type Connection, type ConsoleSession, type HubSocket } from './connection-registry.ts';
import { ConsoleFeed } from './console-feed.ts';
import { handshake, type HandshakeParts } from './handshake.ts';
import { DEFAULT_MESSAGE_BUDGET, type MessageBudgetOptions } from './message-budget.ts';
import { Pairing } from './pairing.ts';
import { ScreenRoster } from './screen-roster.ts';
import { recordReceipt, type ReceiptRecord } from './screen-status.ts';
import { ScreenSync } from './screen-sync.ts';

export type { ConsoleSession } from './connection-registry.ts';

export interface RealtimeOptions {
  build: string;
  heartbeatMs: number;
  priority: readonly ModeId[];
  /** Committed site and mode state, read fresh on every use. */
  site: () => Site;
  modeState: () => ModeState;
  /**
   * Whether a screen's hello may go on: its token matches its paired device ('ok'), or not ('invalid'). Required:
   * access is never granted by default.
   */
  screenAccess: (screenId: string, token: string | null) => 'ok' | 'invalid';
  /** The floor plans of a building, for its screens to cache; null when it has none. */
  planFor?: (buildingId: string) => BuildingPlan | null;
  now?: () => number;
  /** A socket whose unsent data exceeds this is dropped; the screen reconnects and resyncs. */
  maxBufferedBytes?: number;
  /** How long a console-state push may be delayed to coalesce receipts. */
  consolePushDelayMs?: number;
  /** A console with more than this still queued gets its updates merged, once it has drained. */
  consoleDrainedBytes?: number;
  /** Messages one connection may send (steady rate and burst). */
  messageBudget?: MessageBudgetOptions;
  /** Each receipt the roll-call accepted (stale ones are not), for the drill reports; must only queue, never wait. */
  onReceipt?: (screenId: string, receipt: ReceiptRecord) => void;
  /** The normal-mode slides and their revision. */
  content?: () => { revision: number; slides: readonly Slide[] };
  /** The school's mode wordings and their version, for screens to cache. */
  wordings?: () => { version: string; wordings: ModeWordings };
  /** The school's tones per mode, for screens to sound (and cache, with their site profile). */
  tones?: () => ModeTones;
  /** Whether a console's login session still holds (auth/sessions.ts); checked at every heartbeat. */
  sessionHolds?: (sessionKey: string) => boolean;
  /** The readiness-sweep code a screen shows now and for how much longer, sent again when it reconnects; null: none. */
  sweepFor?: (screenId: string) => { code: string; forMs: number } | null;
}

/** A `ws` socket as the upgrade hands it over: what the hub sends with, and the events it listens to. */
export interface AcceptedSocket extends HubSocket {
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): unknown;
  on(event: 'pong' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

const HELLO_TIMEOUT_MS = 10_000;

export class RealtimeHub {
  readonly #options: Required<RealtimeOptions>;
  readonly #registry: ConnectionRegistry;
  readonly #roster: ScreenRoster;
  readonly #screens: ScreenSync;
  readonly #consoles: ConsoleFeed;
  readonly #pairing: Pairing;
  readonly #handshake: HandshakeParts;
  #heartbeat: NodeJS.Timeout;
  /** Messages refused for being over a connection's budget, since start. */
  overBudgetMessages = 0;
  /** Frames rejected since start, by error code. */
  readonly rejectedFrames = new Map<ErrorCode, number>();

  constructor(options: RealtimeOptions) {
    if (options.heartbeatMs <= 0) throw new Error('heartbeatMs must be positive');
    if (typeof options.screenAccess !== 'function') throw new Error('screenAccess is required: screens are let in only when it says so');
    const settings: Required<RealtimeOptions> = {
      now: Date.now,
      maxBufferedBytes: 1024 * 1024,
      consolePushDelayMs: 50,
      consoleDrainedBytes: 64 * 1024,
      planFor: () => null,
      messageBudget: DEFAULT_MESSAGE_BUDGET,
      onReceipt: () => undefined,
      sessionHolds: () => true,
      sweepFor: () => null,
      wordings: () => ({ version: 'none', wordings: {} }),
      tones: () => DEFAULT_MODE_TONES,
      content: () => ({ revision: 0, slides: [] }),
      ...options,
    };
    this.#options = settings;
    this.#registry = new ConnectionRegistry({ maxBufferedBytes: settings.maxBufferedBytes, messageBudget: settings.messageBudget, now: settings.now });
    this.#roster = new ScreenRoster(settings.site, settings.modeState, settings.priority);
    this.#screens = new ScreenSync(settings, this.#registry, this.#roster);
    this.#consoles = new ConsoleFeed({ ...settings, pushDelayMs: settings.consolePushDelayMs, drainedBytes: settings.consoleDrainedBytes }, this.#roster);
    this.#pairing = new Pairing(this.#registry, settings.now);
    this.#handshake = {
      registry: this.#registry,
      roster: this.#roster,
      screens: this.#screens,
      consoles: this.#consoles,
      pairing: this.#pairing,
      now: settings.now,
      screenAccess: settings.screenAccess,
      sessionHolds: settings.sessionHolds,
    };
    this.#heartbeat = setInterval(() => this.#sweep(), settings.heartbeatMs);
    this.#heartbeat.unref();
  }

  /**
   * One upgraded connection (ws-upgrade.ts): `session` is the login session behind the upgrade, if any, and `from` the
   * address it came from. It has until HELLO_TIMEOUT_MS to say what it is.
   */
  accept(socket: AcceptedSocket, session: ConsoleSession | null, from: string): void {
    const helloTimer = setTimeout(() => socket.close(CLOSE_CODES.helloTimeout, 'no hello'), HELLO_TIMEOUT_MS);
    helloTimer.unref();
    const connection = this.#registry.open(socket, { kind: 'pending', session, from, helloTimer });
    socket.on('pong', () => (connection.alive = true));
    socket.on('message', (data, isBinary) => this.#receive(socket, isBinary ? null : String(data)));
    socket.on('close', () => this.#closed(socket));
    socket.on('error', () => socket.terminate());
  }

  /** Keep runtime records in step with the site's screen list (call after the site changes). */
  syncScreens(): void {
    this.#roster.sync();
  }

  /** Push a committed change to every connected client, then update what each screen must show. */
  publishModes(change: ModesChanged['change']): void {
    const state = this.#options.modeState();
    this.#roster.changed(state.seq, this.#options.now());
    // One serialisation for everyone: the payload is the same for all screens.
    const frame = encode({ type: 'modes-changed', seq: state.seq, modes: state.modes, priority: [...this.#options.priority], hazards: state.hazards, change });
    for (const [connection] of this.#registry.screens()) connection.sendFrame(frame);
    for (const connection of this.#registry.consoles()) connection.sendFrame(frame);
    this.#roster.expect(state);
    this.#consoles.schedule();
  }

  /** A user's sessions ended (password changed or reset, account disabled): their open consoles are logged out too. */
  closeConsolesOf(username: string): void {
    for (const connection of this.#registry.consoles()) {
      if (connection.role.kind === 'console' && connection.role.session.user.username === username) endConsole(connection);
    }
  }

  /** One session ended (logged out): the consoles it opened are logged out too, the user's others go on. */
  closeConsolesOfSession(sessionKey: string): void {
    for (const connection of this.#registry.consoles()) {
      if (connection.role.kind === 'console' && connection.role.session.key === sessionKey) endConsole(connection);
    }
  }

  /**
   * A user's role changed: their consoles were sent what the old role sees, so they are closed, and reconnect as the
   * new role (the session itself goes on).
   */
  reconnectConsolesOf(username: string): void {
    for (const connection of this.#registry.consoles()) {
      if (connection.role.kind === 'console' && connection.role.session.user.username === username) connection.close(CLOSE_CODES.roleChanged, 'role changed');
    }
  }

  /** After the floor plans changed: every connected screen whose building's plans differ gets them now. */
  publishPlans(): void {
    this.#screens.publishPlans();
  }

  /**
   * After the site changed (names, units, time zone, buildings, floors, zones): every connected screen gets its
   * profile again, and every console is told to read the site again.
   */
  publishSite(version: string): void {
    this.syncScreens();
    this.publishProfiles();
    this.tellConsolesSiteChanged(version);
  }

  /** Every connected screen gets its profile again (after the site or the school's tones changed). */
  publishProfiles(): void {
    this.#screens.publishProfiles();
  }

  /** Consoles read the site again (a screen was paired, renamed or moved); screens are not concerned. */
  tellConsolesSiteChanged(version: string): void {
    for (const connection of this.#registry.consoles()) connection.send({ type: 'site-changed', version });
    this.#consoles.schedule();
  }

  /** After a content publish: every connected screen gets its own slides now. */
  publishContent(): void {
    this.#screens.publishContent();
    this.#consoles.schedule();
  }

  /** The weather feed's offers: to consoles only, never to screens. */
  publishWeather(offers: WeatherOffers): void {
    this.#consoles.publishWeather(weatherMessage(offers));
  }

  /** After the mode wordings changed: every connected screen gets them now. */
  publishWordings(): void {
    this.#screens.publishWordings();
  }

  /** Every screen's status and the roll-call, whole (GET /api/state). */
  state() {
    return this.#roster.state();
  }

  onlineScreens(): number {
    return this.#registry.onlineScreens;
  }

  /** Is a screen showing this pairing code now? */
  hasPairingCode(code: string): boolean {
    return this.#pairing.has(code);
  }

  /** Hand the screen showing this code its identity and token; false when no screen shows it any more. */
  completePairing(code: string, screenId: string, token: string): boolean {
    return this.#pairing.complete(code, screenId, token);
  }

  /** Ask a connected screen to identify itself, reload or sound its test tone; false when it is not connected. */
  commandScreen(screenId: string, command: ScreenCommand['command']): boolean {
    const connection = this.#registry.screen(screenId);
    if (!connection) return false;
    connection.send({ type: 'command', command });
    return true;
  }

  /**
   * Readiness sweep: the connected screen shows this code for `forMs` (null: stops showing one). Sent to the one screen
   * on its own socket, apart from the modes' fan-out; false when it is not connected.
   */
  sendSweepCode(screenId: string, code: string | null, forMs: number): boolean {
    const connection = this.#registry.screen(screenId);
    if (!connection) return false;
    connection.send(sweepMessage(code, forMs));
    return true;
  }

  /** What the readiness sweep tells the manager about a screen: in contact, its sound as it last said, the mode it must show. */
  screenHealth(screenId: string): { online: boolean; sound: SoundHealth | null; mode: ModeId } | null {
    const runtime = this.#roster.find(screenId)?.runtime;
    return runtime ? { online: runtime.online, sound: runtime.sound, mode: runtime.expectedMode } : null;
  }

  /** The screen's pairing was revoked: it is disconnected at once and told why. */
  disconnectScreen(screenId: string): void {
    const connection = this.#registry.screen(screenId);
    if (!connection) return;
    connection.send(errorMessage('unauthenticated', 'This screen is no longer paired with the hub.'));
    connection.close(CLOSE_CODES.unauthorized, 'unpaired');
  }

  /** Close every socket (hub shutdown): screens keep their last mode and reconnect to the next hub. */
  close(): void {
    clearInterval(this.#heartbeat);
    this.#consoles.close();
    for (const connection of this.#registry.all()) connection.close(1001, 'hub shutting down');
  }

  #receive(socket: HubSocket, data: unknown): void {
    const connection = this.#registry.get(socket);
    if (!connection) return;
    if (!connection.takeMessage()) {
      this.overBudgetMessages += 1;
      return connection.overBudget();
    }
    if (typeof data !== 'string') return this.#reject(connection, 'bad_request', 'binary frames are not accepted');
    const parsed = parseClientMessage(data);
    if (!parsed.ok) return this.#reject(connection, parsed.code, parsed.message);
    const message = parsed.message;
    connection.alive = true;
    const role = connection.role;
    switch (message.type) {
      case 'hello':
      case 'pair-request':
      case 'console-hello':
        if (role.kind !== 'pending') return this.#reject(connection, 'bad_request', 'hello was already received');
        return handshake(this.#handshake, connection, role, message);
      case 'receipt': {
        if (role.kind !== 'screen') return this.#reject(connection, 'bad_request', 'only a screen sends receipts, after hello');
        const runtime = this.#roster.runtime(role.screenId);
        if (!runtime) return;
        if (!recordReceipt(runtime, message, this.#options.now())) return;
        this.#options.onReceipt(role.screenId, runtime.lastReceipt!);
        this.#roster.receipted(role.screenId);
        return this.#consoles.schedule();
      }
      case 'health': {
        if (role.kind !== 'screen') return this.#reject(connection, 'bad_request', 'only a screen sends its health, after hello');
        const runtime = this.#roster.runtime(role.screenId);
        if (runtime) runtime.sound = message.sound;
        this.#roster.touched(role.screenId);
        return this.#consoles.schedule();
      }
      case 'ping':
        if (role.kind === 'screen') {
          // Not pushed to the consoles on its own: a contact every few seconds from every screen would be a flood.
          const runtime = this.#roster.runtime(role.screenId);
          if (runtime) runtime.lastSeenAt = this.#options.now();
        }
        return connection.send({ type: 'pong', t: message.t });
    }
  }

  #closed(socket: HubSocket): void {
    const removed = this.#registry.remove(socket);
    if (!removed) return;
    const { connection, wasCurrentScreen } = removed;
    const role = connection.role;
    if (role.kind === 'pairing') this.#pairing.forget(connection);
    if (role.kind === 'console') this.#consoles.leave(connection);
    if (role.kind === 'screen' && wasCurrentScreen) {
      const runtime = this.#roster.runtime(role.screenId);
      if (runtime) runtime.online = false;
      this.#roster.touched(role.screenId);
      this.#consoles.schedule();
    }
  }

  #reject(connection: Connection, code: ErrorCode, message: string): void {
    this.rejectedFrames.set(code, (this.rejectedFrames.get(code) ?? 0) + 1);
    connection.reject(code, message);
  }

  #sweep(): void {
    // A session that ran out (its maximum age, idle time) takes its consoles with it.
    for (const connection of this.#registry.consoles()) {
      if (connection.role.kind === 'console' && !this.#options.sessionHolds(connection.role.session.key)) endConsole(connection);
    }
    this.#registry.sweep();
  }
}

function endConsole(connection: Connection): void {
  connection.send(errorMessage('unauthenticated', 'Your session has ended. Log in again.'));
  connection.close(CLOSE_CODES.unauthorized, 'session ended');
}
