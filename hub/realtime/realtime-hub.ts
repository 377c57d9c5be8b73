// Socket lifecycle, the registry of connected screens and consoles, heartbeats and fan-out.
// Every inbound frame is validated against shared/protocol.ts; a bad frame gets a typed error, never an exception.
import type { WSContext, WSEvents } from 'hono/ws';
import type { WebSocketLike } from '@hono/node-server';
import type { WebSocket } from 'ws';
import { targetsScreen, type Slide } from '../../shared/content.ts';
import type { ModeWordings } from '../../shared/mode-texts.ts';
import { DEFAULT_MODE_TONES, type ModeTones } from '../../shared/mode-tones.ts';
import { effectiveModeFor } from '../../shared/modes.ts';
import type { ModeId, ModeState, Screen, Site } from '../../shared/model.ts';
import {
  CLOSE_CODES,
  PROTOCOL_VERSION,
  encode,
  parseClientMessage,
  type ModesChanged,
  type PairRequest,
  type ScreenHello,
  type ServerMessage,
} from '../../shared/protocol.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { BuildingPlan } from '../domain/building-plans.ts';
import { DEFAULT_MESSAGE_BUDGET, MessageBudget, type MessageBudgetOptions } from './message-budget.ts';
import { PAIRING_CODE_TTL_MS, PairingCodes, formatPairingCode } from './pairing-codes.ts';
import { screenProfile, siteProfile } from './screen-profile.ts';
import { buildHubState } from './roll-call.ts';
import { newScreenRuntime, recordReceipt, setExpected, type ReceiptRecord, type ScreenRuntime } from './screen-status.ts';

export interface RealtimeOptions {
  build: string;
  heartbeatMs: number;
  priority: readonly ModeId[];
  /** Committed site and mode state, read fresh on every use. */
  site: () => Site;
  modeState: () => ModeState;
  /** The floor plans of a building, for its screens to cache; null when it has none. */
  planFor?: (buildingId: string) => BuildingPlan | null;
  now?: () => number;
  /** A socket whose unsent data exceeds this is dropped; the screen reconnects and resyncs. */
  maxBufferedBytes?: number;
  /** How long a console-state push may be delayed to coalesce receipts. */
  consolePushDelayMs?: number;
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
  /** Whether a screen's hello may go on: its token matches its paired device ('ok'), or it has none ('invalid'). */
  screenAccess?: (screenId: string, token: string | null) => 'ok' | 'invalid';
  /** Whether a console's login session still holds (auth/sessions.ts); checked at every heartbeat. */
  sessionHolds?: (sessionKey: string) => boolean;
}

/** The login session behind a console's socket: its user, and the key that names the session (never the cookie). */
export interface ConsoleSession {
  user: SessionUser;
  key: string;
}

type Client =
  | { kind: 'pending'; socket: WebSocket; session: ConsoleSession | null; from: string; badFrames: number; helloTimer: NodeJS.Timeout }
  | { kind: 'pairing'; socket: WebSocket; badFrames: number; renewTimer: NodeJS.Timeout }
  | { kind: 'screen'; socket: WebSocket; screenId: string; badFrames: number; planVersion: string | null; wordingsVersion: string | null; contentRevision: number | null }
  | { kind: 'console'; socket: WebSocket; session: ConsoleSession; badFrames: number };

const MAX_BAD_FRAMES = 20;

/** node-server hands us its WebSocketLike view; underneath is the `ws` socket we created the server with. */
function rawSocket(ws: WSContext<WebSocketLike>): WebSocket {
  return ws.raw as unknown as WebSocket;
}
const HELLO_TIMEOUT_MS = 10_000;
const CHANGE_TIMES_KEPT = 512;

export class RealtimeHub {
  readonly #options: Required<RealtimeOptions>;
  readonly #clients = new Map<WebSocket, Client>();
  readonly #screens = new Map<string, WebSocket>();
  readonly #runtimes = new Map<string, ScreenRuntime>();
  readonly #changeTimes = new Map<number, number>();
  readonly #alive = new WeakSet<WebSocket>();
  readonly #budgets = new WeakMap<WebSocket, MessageBudget>();
  readonly #pairingCodes = new PairingCodes();
  /** Messages refused for being over a connection's budget, since start. */
  overBudgetMessages = 0;
  #consolePush: NodeJS.Timeout | null = null;
  #heartbeat: NodeJS.Timeout;
  /** Frames rejected since start, by error code. */
  readonly rejectedFrames = new Map<ErrorCode, number>();

  constructor(options: RealtimeOptions) {
    if (options.heartbeatMs <= 0) throw new Error('heartbeatMs must be positive');
    this.#options = {
      now: Date.now,
      maxBufferedBytes: 1024 * 1024,
      consolePushDelayMs: 50,
      planFor: () => null,
      messageBudget: DEFAULT_MESSAGE_BUDGET,
      onReceipt: () => undefined,
      screenAccess: () => 'ok',
      sessionHolds: () => true,
      wordings: () => ({ version: 'none', wordings: {} }),
      tones: () => DEFAULT_MODE_TONES,
      content: () => ({ revision: 0, slides: [] }),
      ...options,
    };
    this.syncScreens();
    // The ping/terminate loop from the ws README: a socket that did not answer the last ping is dead.
    this.#heartbeat = setInterval(() => this.#sweep(), this.#options.heartbeatMs);
    this.#heartbeat.unref();
  }

  /**
   * Hono WebSocket events for one upgraded connection; `session` is the login session behind the upgrade, if any, and
   * `from` the address it came from.
   */
  events(session: ConsoleSession | null, from: string): WSEvents<WebSocketLike> {
    return {
      onOpen: (_event, ws) => {
        const socket = rawSocket(ws);
        this.#alive.add(socket);
        socket.on('pong', () => this.#alive.add(socket));
        const helloTimer = setTimeout(() => socket.close(CLOSE_CODES.helloTimeout, 'no hello'), HELLO_TIMEOUT_MS);
        helloTimer.unref();
        this.#clients.set(socket, { kind: 'pending', socket, session, from, badFrames: 0, helloTimer });
        this.#budgets.set(socket, new MessageBudget(this.#options.messageBudget, this.#options.now()));
      },
      onMessage: (event, ws) => this.#onFrame(rawSocket(ws), event.data),
      onClose: (_event, ws) => this.#onClose(rawSocket(ws)),
      onError: (_event, ws) => rawSocket(ws).terminate(),
    };
  }

  /** Keep runtime records in step with the site's screen list (call after the site changes). */
  syncScreens(): void {
    const site = this.#options.site();
    const ids = new Set(site.screens.map((s) => s.id));
    for (const id of this.#runtimes.keys()) if (!ids.has(id)) this.#runtimes.delete(id);
    for (const id of ids) if (!this.#runtimes.has(id)) this.#runtimes.set(id, newScreenRuntime());
    this.#recomputeExpectations(this.#options.modeState());
  }

  /** Push a committed change to every connected client, then update what each screen must show. */
  publishModes(change: ModesChanged['change']): void {
    const state = this.#options.modeState();
    this.#changeTimes.set(state.seq, this.#options.now());
    if (this.#changeTimes.size > CHANGE_TIMES_KEPT) {
      this.#changeTimes.delete(this.#changeTimes.keys().next().value!);
    }
    // One serialisation for everyone: the payload is the same for all screens.
    const frame = encode({
      type: 'modes-changed',
      seq: state.seq,
      modes: state.modes,
      priority: [...this.#options.priority],
      hazards: state.hazards,
      change,
    });
    for (const [socket, client] of this.#clients) {
      if (client.kind === 'screen' || client.kind === 'console') this.#sendFrame(socket, frame);
    }
    this.#recomputeExpectations(state);
    this.#scheduleConsolePush();
  }

  /** A user's sessions ended (password changed or reset, account disabled): their open consoles are logged out too. */
  closeConsolesOf(username: string): void {
    for (const client of this.#clients.values()) {
      if (client.kind === 'console' && client.session.user.username === username) this.#endConsole(client);
    }
  }

  /** One session ended (logged out): the consoles it opened are logged out too, the user's others go on. */
  closeConsolesOfSession(sessionKey: string): void {
    for (const client of this.#clients.values()) {
      if (client.kind === 'console' && client.session.key === sessionKey) this.#endConsole(client);
    }
  }

  /**
   * A user's role changed: their consoles were sent what the old role sees, so they are closed, and reconnect as the
   * new role (the session itself goes on).
   */
  reconnectConsolesOf(username: string): void {
    for (const client of this.#clients.values()) {
      if (client.kind === 'console' && client.session.user.username === username) client.socket.close(CLOSE_CODES.roleChanged, 'role changed');
    }
  }

  #endConsole(client: Extract<Client, { kind: 'console' }>): void {
    this.#send(client.socket, { type: 'error', code: 'unauthenticated', message: 'Your session has ended. Log in again.' });
    client.socket.close(CLOSE_CODES.unauthorized, 'session ended');
  }

  /** After the floor plans changed: every connected screen whose building's plans differ gets them now. */
  publishPlans(): void {
    const buildings = new Map(this.#options.site().screens.map((s) => [s.id, s.buildingId]));
    for (const client of this.#clients.values()) {
      const buildingId = client.kind === 'screen' ? buildings.get(client.screenId) : undefined;
      if (client.kind === 'screen' && buildingId) this.#sendPlanIfChanged(client, buildingId);
    }
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
    const site = this.#options.site();
    const tones = this.#options.tones();
    const screens = new Map(site.screens.map((s) => [s.id, s]));
    for (const client of this.#clients.values()) {
      if (client.kind === 'screen') {
        const screen = screens.get(client.screenId);
        if (screen) this.#send(client.socket, { type: 'profile', site: siteProfile(site, tones), screen: screenProfile(site, screen) });
      }
    }
  }

  /** Consoles read the site again (a screen was paired, renamed or moved); screens are not concerned. */
  tellConsolesSiteChanged(version: string): void {
    for (const client of this.#clients.values()) if (client.kind === 'console') this.#send(client.socket, { type: 'site-changed', version });
    this.#scheduleConsolePush();
  }

  /** After a content publish: every connected screen gets its own slides now. */
  publishContent(): void {
    const screens = new Map(this.#options.site().screens.map((s) => [s.id, s]));
    for (const client of this.#clients.values()) if (client.kind === 'screen') this.#sendContentIfChanged(client, screens.get(client.screenId));
  }

  #sendContentIfChanged(client: Extract<Client, { kind: 'screen' }>, screen: Screen | undefined): void {
    const { revision, slides } = this.#options.content();
    if (revision === client.contentRevision) return;
    if (!screen) return;
    client.contentRevision = revision;
    const runtime = this.#runtimes.get(client.screenId);
    if (runtime) runtime.contentRevision = revision;
    // Only the slides meant for this screen leave the hub.
    this.#send(client.socket, { type: 'content', revision, slides: slides.filter((slide) => targetsScreen(slide, screen)) });
  }

  /** After the mode wordings changed: every connected screen gets them now. */
  publishWordings(): void {
    for (const client of this.#clients.values()) if (client.kind === 'screen') this.#sendWordingsIfChanged(client);
  }

  #sendWordingsIfChanged(client: Extract<Client, { kind: 'screen' }>): void {
    const { version, wordings } = this.#options.wordings();
    if (version === client.wordingsVersion) return;
    client.wordingsVersion = version;
    this.#send(client.socket, { type: 'wordings', version, wordings });
  }

  #sendPlanIfChanged(client: Extract<Client, { kind: 'screen' }>, buildingId: string): void {
    const plan = this.#options.planFor(buildingId);
    if (!plan || plan.version === client.planVersion) return;
    client.planVersion = plan.version;
    this.#send(client.socket, { type: 'plan', version: plan.version, wayfinding: plan.wayfinding });
  }

  state() {
    return buildHubState(this.#options.site(), this.#options.modeState(), this.#options.priority, this.#runtimes, this.#changeTimes);
  }

  onlineScreens(): number {
    return this.#screens.size;
  }

  /** Close every socket (hub shutdown): screens keep their last mode and reconnect to the next hub. */
  close(): void {
    clearInterval(this.#heartbeat);
    if (this.#consolePush) clearTimeout(this.#consolePush);
    for (const socket of this.#clients.keys()) socket.close(1001, 'hub shutting down');
  }

  #recomputeExpectations(state: ModeState): void {
    for (const screen of this.#options.site().screens) {
      const runtime = this.#runtimes.get(screen.id);
      if (runtime) setExpected(runtime, effectiveModeFor(screen, state.modes, this.#options.priority), state.seq);
    }
  }

  #onFrame(socket: WebSocket, data: unknown): void {
    const client = this.#clients.get(socket);
    if (!client) return;
    if (!this.#budgets.get(socket)?.take(this.#options.now())) return this.#overBudget(client);
    if (typeof data !== 'string') return this.#reject(client, 'bad_request', 'binary frames are not accepted');
    const parsed = parseClientMessage(data);
    if (!parsed.ok) return this.#reject(client, parsed.code, parsed.message);
    const message = parsed.message;
    this.#alive.add(socket);
    switch (message.type) {
      case 'hello':
        if (client.kind !== 'pending') return this.#reject(client, 'bad_request', 'hello was already received');
        return this.#screenHello(client, message);
      case 'pair-request':
        if (client.kind !== 'pending') return this.#reject(client, 'bad_request', 'hello was already received');
        return this.#pairRequest(client, message);
      case 'console-hello':
        if (client.kind !== 'pending') return this.#reject(client, 'bad_request', 'hello was already received');
        if (message.protocol !== PROTOCOL_VERSION) return this.#protocolMismatch(client, message.protocol);
        if (!client.session || !this.#options.sessionHolds(client.session.key)) {
          this.#send(socket, { type: 'error', code: 'unauthenticated', message: 'Log in first.' });
          return socket.close(CLOSE_CODES.unauthorized, 'not logged in');
        }
        return this.#consoleHello(client.socket, client.session, client.helloTimer);
      case 'receipt': {
        if (client.kind !== 'screen') return this.#reject(client, 'bad_request', 'only a screen sends receipts, after hello');
        const runtime = this.#runtimes.get(client.screenId);
        if (!runtime) return;
        if (recordReceipt(runtime, message, this.#options.now())) this.#options.onReceipt(client.screenId, runtime.lastReceipt!);
        return this.#scheduleConsolePush();
      }
      case 'health': {
        if (client.kind !== 'screen') return this.#reject(client, 'bad_request', 'only a screen sends its health, after hello');
        const runtime = this.#runtimes.get(client.screenId);
        if (runtime) runtime.sound = message.sound;
        return this.#scheduleConsolePush();
      }
      case 'ping':
        if (client.kind === 'screen') {
          const runtime = this.#runtimes.get(client.screenId);
          if (runtime) runtime.lastSeenAt = this.#options.now();
        }
        return this.#send(socket, { type: 'pong', t: message.t });
    }
  }

  /** Is a screen showing this pairing code now? */
  hasPairingCode(code: string): boolean {
    return this.#pairingCodes.find(code, this.#options.now()) !== null;
  }

  /** Hand the screen showing this code its identity and token; false when no screen shows it any more. */
  completePairing(code: string, screenId: string, token: string): boolean {
    const socket = this.#pairingCodes.find(code, this.#options.now());
    const client = socket && this.#clients.get(socket);
    if (!socket || client?.kind !== 'pairing') return false;
    this.#pairingCodes.forget(socket);
    clearTimeout(client.renewTimer);
    this.#send(socket, { type: 'paired', screenId, token });
    // It says hello with its new identity on a new connection.
    socket.close(1000, 'paired');
    return true;
  }

  /** Ask a connected screen to identify itself or reload; false when it is not connected. */
  commandScreen(screenId: string, command: 'identify' | 'reload'): boolean {
    const socket = this.#screens.get(screenId);
    if (!socket) return false;
    this.#send(socket, { type: 'command', command });
    return true;
  }

  /** The screen's pairing was revoked: it is disconnected at once and told why. */
  disconnectScreen(screenId: string): void {
    const socket = this.#screens.get(screenId);
    if (!socket) return;
    this.#send(socket, { type: 'error', code: 'unauthenticated', message: 'This screen is no longer paired with the hub.' });
    socket.close(CLOSE_CODES.unauthorized, 'unpaired');
  }

  #pairRequest(client: Extract<Client, { kind: 'pending' }>, request: PairRequest): void {
    if (request.protocol !== PROTOCOL_VERSION) return this.#protocolMismatch(client, request.protocol);
    clearTimeout(client.helloTimer);
    const { socket } = client;
    const issue = () => {
      const issued = this.#pairingCodes.issue(socket, client.from, this.#options.now());
      if (issued === 'full' || issued === 'address') {
        const message =
          issued === 'full'
            ? 'Too many screens are waiting to be paired; try again later.'
            : 'Too many screens at this network address are waiting to be paired; pair some of them first, then try again.';
        this.#send(socket, { type: 'error', code: 'rate_limited', message });
        return socket.close(CLOSE_CODES.tooManyMessages, 'too many pairing screens');
      }
      this.#send(socket, { type: 'pairing-code', code: formatPairingCode(issued.code), expiresAt: new Date(issued.expiresAt).toISOString() });
      // A code shown for long could be read by anyone passing by: a new one replaces it before it expires.
      const renewTimer = setTimeout(issue, PAIRING_CODE_TTL_MS - 1000);
      renewTimer.unref();
      this.#clients.set(socket, { kind: 'pairing', socket, badFrames: client.badFrames, renewTimer });
    };
    issue();
  }

  #screenHello(client: Extract<Client, { kind: 'pending' }>, hello: ScreenHello): void {
    const { socket } = client;
    if (hello.protocol !== PROTOCOL_VERSION) return this.#protocolMismatch(client, hello.protocol);
    const site = this.#options.site();
    const screen = site.screens.find((s) => s.id === hello.screenId);
    const runtime = this.#runtimes.get(hello.screenId);
    if (!screen || !runtime) {
      this.#send(socket, { type: 'error', code: 'unknown_screen', message: `No screen "${hello.screenId}" on this site.` });
      return socket.close(CLOSE_CODES.unknownScreen, 'unknown screen');
    }
    if (this.#options.screenAccess(hello.screenId, hello.token) !== 'ok') {
      this.#send(socket, { type: 'error', code: 'unauthenticated', message: 'This screen is not paired with the hub (or its pairing was revoked): pair it again.' });
      return socket.close(CLOSE_CODES.unauthorized, 'not paired');
    }
    clearTimeout(client.helloTimer);
    const previous = this.#screens.get(screen.id);
    if (previous && previous !== socket) previous.close(CLOSE_CODES.replaced, 'replaced by a newer connection');
    const screenClient = {
      kind: 'screen' as const,
      socket,
      screenId: screen.id,
      badFrames: client.badFrames,
      planVersion: hello.planVersion ?? null,
      wordingsVersion: hello.wordingsVersion ?? null,
      contentRevision: hello.contentRevision ?? null,
    };
    this.#clients.set(socket, screenClient);
    this.#screens.set(screen.id, socket);
    runtime.online = true;
    runtime.lastSeenAt = this.#options.now();
    runtime.build = hello.build;
    runtime.appStartedAt = hello.startedAt ?? null;
    runtime.sound = hello.sound ?? null;

    const profile = screenProfile(site, screen);
    const state = this.#options.modeState();
    this.#send(socket, {
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      build: this.#options.build,
      seq: state.seq,
      heartbeatMs: this.#options.heartbeatMs,
      site: siteProfile(site, this.#options.tones()),
      screen: profile,
      user: null,
    });
    if (hello.lastSeq !== state.seq) {
      this.#send(socket, { type: 'snapshot', seq: state.seq, modes: state.modes, priority: [...this.#options.priority], hazards: state.hazards });
    }
    this.#sendWordingsIfChanged(screenClient);
    this.#sendContentIfChanged(screenClient, screen);
    // The mode goes first; floor plans can be large and only matter once the mode is on screen.
    this.#sendPlanIfChanged(screenClient, screen.buildingId);
    this.#scheduleConsolePush();
  }

  #consoleHello(socket: WebSocket, session: ConsoleSession, helloTimer: NodeJS.Timeout): void {
    clearTimeout(helloTimer);
    const client = this.#clients.get(socket)!;
    this.#clients.set(socket, { kind: 'console', socket, session, badFrames: client.badFrames });
    const { user } = session;
    const site = this.#options.site();
    const state = this.#options.modeState();
    this.#send(socket, {
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      build: this.#options.build,
      seq: state.seq,
      heartbeatMs: this.#options.heartbeatMs,
      site: siteProfile(site),
      screen: null,
      user,
    });
    this.#send(socket, { type: 'snapshot', seq: state.seq, modes: state.modes, priority: [...this.#options.priority], hazards: state.hazards });
    this.#send(socket, { type: 'state', state: this.state() });
  }

  #protocolMismatch(client: Client, theirs: number): void {
    this.#send(client.socket, {
      type: 'error',
      code: 'protocol_mismatch',
      message: `The hub speaks protocol ${PROTOCOL_VERSION}, this client ${theirs}: update and reload.`,
    });
    client.socket.close(CLOSE_CODES.protocolMismatch, 'protocol mismatch');
  }

  /** Over budget: the first few are told why; a flood that keeps on is closed, and may reconnect later. */
  #overBudget(client: Client): void {
    this.overBudgetMessages += 1;
    client.badFrames += 1;
    if (client.badFrames <= 3) this.#send(client.socket, { type: 'error', code: 'rate_limited', message: 'Too many messages; slow down.' });
    if (client.badFrames >= MAX_BAD_FRAMES) client.socket.close(CLOSE_CODES.tooManyMessages, 'too many messages');
  }

  #reject(client: Client, code: ErrorCode, message: string): void {
    this.rejectedFrames.set(code, (this.rejectedFrames.get(code) ?? 0) + 1);
    client.badFrames += 1;
    this.#send(client.socket, { type: 'error', code, message });
    if (client.badFrames >= MAX_BAD_FRAMES) client.socket.close(CLOSE_CODES.tooManyBadMessages, 'too many bad frames');
  }

  #onClose(socket: WebSocket): void {
    const client = this.#clients.get(socket);
    this.#clients.delete(socket);
    if (client?.kind === 'pending') clearTimeout(client.helloTimer);
    if (client?.kind === 'pairing') {
      clearTimeout(client.renewTimer);
      this.#pairingCodes.forget(socket);
    }
    if (client?.kind === 'screen' && this.#screens.get(client.screenId) === socket) {
      this.#screens.delete(client.screenId);
      const runtime = this.#runtimes.get(client.screenId);
      if (runtime) runtime.online = false;
      this.#scheduleConsolePush();
    }
  }

  #send(socket: WebSocket, message: ServerMessage): void {
    this.#sendFrame(socket, encode(message));
  }

  #sendFrame(socket: WebSocket, frame: string): void {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.#options.maxBufferedBytes) {
      // A stuck client must not grow hub memory: drop it; it reconnects and gets a snapshot.
      socket.close(CLOSE_CODES.slowConsumer, 'too slow');
      socket.terminate();
      return;
    }
    socket.send(frame);
  }

  #scheduleConsolePush(): void {
    if (this.#consolePush) return;
    this.#consolePush = setTimeout(() => {
      this.#consolePush = null;
      let frame: string | null = null;
      for (const [socket, client] of this.#clients) {
        if (client.kind !== 'console') continue;
        frame ??= encode({ type: 'state', state: this.state() });
        this.#sendFrame(socket, frame);
      }
    }, this.#options.consolePushDelayMs);
  }

  #sweep(): void {
    for (const [socket, client] of this.#clients) {
      if (!this.#alive.has(socket)) {
        socket.terminate();
        continue;
      }
      // A session that ran out (its maximum age, idle time) takes its consoles with it.
      if (client.kind === 'console' && !this.#options.sessionHolds(client.session.key)) {
        this.#endConsole(client);
        continue;
      }
      this.#alive.delete(socket);
      socket.ping();
    }
  }
}
