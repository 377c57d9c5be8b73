// The hub's open connections, one record per socket: what it is (waiting for its hello, pairing, a screen, a console),
// its sends with back-pressure, whether it answered the last heartbeat, its message budget and its bad frames.
import { CLOSE_CODES, encode, errorMessage, type ServerMessage } from '../../shared/protocol.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { MessageBudget, type MessageBudgetOptions } from './message-budget.ts';

/** What the hub uses of a `ws` socket; the unit tests pass a small fake. */
export interface HubSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  ping(): void;
}

/** WebSocket.OPEN, the same number in `ws` and in browsers. */
const OPEN = 1;

/** A connection that sends this many bad or over-budget frames is closed. */
export const MAX_BAD_FRAMES = 20;

/** The login session behind a console's socket: its user, and the key that names the session (never the cookie). */
export interface ConsoleSession {
  user: SessionUser;
  key: string;
}

export type ConnectionRole =
  | { kind: 'pending'; session: ConsoleSession | null; from: string; helloTimer: NodeJS.Timeout }
  | { kind: 'pairing'; renewTimer: NodeJS.Timeout | null }
  | { kind: 'screen'; screenId: string; planVersion: string | null; wordingsVersion: string | null; contentRevision: number | null }
  | { kind: 'console'; session: ConsoleSession };

export type ScreenRole = Extract<ConnectionRole, { kind: 'screen' }>;
export type PendingRole = Extract<ConnectionRole, { kind: 'pending' }>;

export interface ConnectionOptions {
  /** A socket whose unsent data exceeds this is dropped; a screen reconnects and resyncs. */
  maxBufferedBytes: number;
  messageBudget: MessageBudgetOptions;
  now: () => number;
}

export class Connection {
  role: ConnectionRole;
  /** Answered (or sent anything) since the last heartbeat. */
  alive = true;
  badFrames = 0;
  readonly #budget: MessageBudget;
  /** The bytes of the last large frame the console feed queued on purpose; allowed on top of the limit. */
  #allowance = 0;

  constructor(
    readonly socket: HubSocket,
    role: ConnectionRole,
    private readonly options: ConnectionOptions,
  ) {
    this.role = role;
    this.#budget = new MessageBudget(options.messageBudget, options.now());
  }

  /** Spend one inbound message of the budget; false when the connection is over it. */
  takeMessage(): boolean {
    return this.#budget.take(this.options.now());
  }

  send(message: ServerMessage): void {
    this.sendFrame(encode(message));
  }

  /** Sends, unless the socket is closing, or so far behind that it is dropped (it reconnects and resyncs). */
  sendFrame(frame: string): void {
    if (this.socket.readyState !== OPEN) return;
    if (this.socket.bufferedAmount > this.options.maxBufferedBytes + this.#allowance) {
      // A stuck client must not grow hub memory: drop it; it reconnects and gets a snapshot.
      this.socket.close(CLOSE_CODES.slowConsumer, 'too slow');
      this.socket.terminate();
      return;
    }
    this.socket.send(frame);
  }

  /**
   * Queues a frame the sender sends only once the socket has drained (the console feed): it may be larger than the
   * limit (a whole roll-call at 10,000 screens is), and the frames sent behind it are not counted against it.
   */
  sendLarge(frame: string): void {
    if (this.socket.readyState !== OPEN) return;
    this.#allowance = Buffer.byteLength(frame);
    this.socket.send(frame);
  }

  /** Bytes still waiting to go out. */
  get buffered(): number {
    return this.socket.bufferedAmount;
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** Told what was wrong with its frame; a client that keeps sending bad ones is closed. */
  reject(code: ErrorCode, message: string): void {
    this.badFrames += 1;
    this.send(errorMessage(code, message));
    if (this.badFrames >= MAX_BAD_FRAMES) this.close(CLOSE_CODES.tooManyBadMessages, 'too many bad frames');
  }

  /** Over budget: the first few are told why; a flood that keeps on is closed, and may reconnect later. */
  overBudget(): void {
    this.badFrames += 1;
    if (this.badFrames <= 3) this.send(errorMessage('rate_limited', 'Too many messages; slow down.'));
    if (this.badFrames >= MAX_BAD_FRAMES) this.close(CLOSE_CODES.tooManyMessages, 'too many messages');
  }
}

/** Stops what a role left running (a hello deadline, a pairing code's renewal). */
function endRole(role: ConnectionRole): void {
  if (role.kind === 'pending') clearTimeout(role.helloTimer);
  if (role.kind === 'pairing' && role.renewTimer) clearTimeout(role.renewTimer);
}

export class ConnectionRegistry {
  readonly #bySocket = new Map<HubSocket, Connection>();
  /** The connection of each screen online, by screen id. */
  readonly #screens = new Map<string, Connection>();
  readonly #consoles = new Set<Connection>();

  constructor(private readonly options: ConnectionOptions) {}

  open(socket: HubSocket, role: ConnectionRole): Connection {
    const connection = new Connection(socket, role, this.options);
    this.#bySocket.set(socket, connection);
    return connection;
  }

  get(socket: HubSocket): Connection | undefined {
    return this.#bySocket.get(socket);
  }

  /** The connection takes a new role; a screen's earlier connection, if any, is returned (it is obsolete). */
  assign(connection: Connection, role: ConnectionRole): Connection | undefined {
    endRole(connection.role);
    this.#consoles.delete(connection);
    connection.role = role;
    if (role.kind === 'console') this.#consoles.add(connection);
    if (role.kind !== 'screen') return undefined;
    const previous = this.#screens.get(role.screenId);
    this.#screens.set(role.screenId, connection);
    return previous === connection ? undefined : previous;
  }

  /** Forgets a closed socket; returns its record, and whether it was its screen's current connection. */
  remove(socket: HubSocket): { connection: Connection; wasCurrentScreen: boolean } | undefined {
    const connection = this.#bySocket.get(socket);
    if (!connection) return undefined;
    this.#bySocket.delete(socket);
    this.#consoles.delete(connection);
    endRole(connection.role);
    const { role } = connection;
    const wasCurrentScreen = role.kind === 'screen' && this.#screens.get(role.screenId) === connection;
    if (wasCurrentScreen) this.#screens.delete(role.screenId);
    return { connection, wasCurrentScreen };
  }

  screen(screenId: string): Connection | undefined {
    return this.#screens.get(screenId);
  }

  /** Every screen online, with its role. */
  *screens(): Iterable<[Connection, ScreenRole]> {
    for (const connection of this.#screens.values()) {
      if (connection.role.kind === 'screen') yield [connection, connection.role];
    }
  }

  consoles(): Iterable<Connection> {
    return this.#consoles;
  }

  get onlineScreens(): number {
    return this.#screens.size;
  }

  all(): Iterable<Connection> {
    return this.#bySocket.values();
  }

  /** The ping/terminate loop from the ws README: a socket that did not answer the last ping is dead. */
  sweep(): void {
    for (const connection of this.#bySocket.values()) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }
}
