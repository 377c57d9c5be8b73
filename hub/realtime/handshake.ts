// The first message on a connection decides what it is: a screen's hello (checked against the site and its device
// token), a console's hello (checked against its login session) or a pairing request. A client of another protocol
// version is told so and closed, to update itself.
import { mayUseConsoles } from '../../shared/model.ts';
import { CLOSE_CODES, PROTOCOL_VERSION, errorMessage, type ConsoleHello, type PairRequest, type ScreenHello } from '../../shared/protocol.ts';
import type { Connection, ConnectionRegistry, ConsoleSession, PendingRole } from './connection-registry.ts';
import type { ConsoleFeed } from './console-feed.ts';
import type { Pairing } from './pairing.ts';
import type { ScreenRoster } from './screen-roster.ts';
import type { ScreenSync } from './screen-sync.ts';

export interface HandshakeParts {
  registry: ConnectionRegistry;
  roster: ScreenRoster;
  screens: ScreenSync;
  consoles: ConsoleFeed;
  pairing: Pairing;
  now: () => number;
  /** Whether a screen's hello may go on: its token matches its paired device ('ok'), or not ('invalid'). */
  screenAccess: (screenId: string, token: string | null) => 'ok' | 'invalid';
  /** Whether a console's login session still holds. */
  sessionHolds: (sessionKey: string) => boolean;
}

export type HandshakeMessage = ScreenHello | ConsoleHello | PairRequest;

/** Answers the first message of a connection that is still waiting for it (its `role`). */
export function handshake(parts: HandshakeParts, connection: Connection, role: PendingRole, message: HandshakeMessage): void {
  if (message.protocol !== PROTOCOL_VERSION) {
    connection.send(errorMessage('protocol_mismatch', `The hub speaks protocol ${PROTOCOL_VERSION}, this client ${message.protocol}: update and reload.`));
    return connection.close(CLOSE_CODES.protocolMismatch, 'protocol mismatch');
  }
  switch (message.type) {
    case 'hello':
      return screenHello(parts, connection, message);
    case 'pair-request':
      return parts.pairing.request(connection, role.from);
    case 'console-hello':
      return consoleHello(parts, connection, role.session);
  }
}

function screenHello(parts: HandshakeParts, connection: Connection, hello: ScreenHello): void {
  const found = parts.roster.find(hello.screenId);
  if (!found) {
    connection.send(errorMessage('unknown_screen', `No screen "${hello.screenId}" on this site.`));
    return connection.close(CLOSE_CODES.unknownScreen, 'unknown screen');
  }
  if (parts.screenAccess(hello.screenId, hello.token) !== 'ok') {
    connection.send(errorMessage('unauthenticated', 'This screen is not paired with the hub (or its pairing was revoked): pair it again.'));
    return connection.close(CLOSE_CODES.unauthorized, 'not paired');
  }
  const { screen, runtime } = found;
  const role = {
    kind: 'screen' as const,
    screenId: screen.id,
    planVersion: hello.planVersion ?? null,
    wordingsVersion: hello.wordingsVersion ?? null,
    contentRevision: hello.contentRevision ?? null,
  };
  parts.registry.assign(connection, role)?.close(CLOSE_CODES.replaced, 'replaced by a newer connection');
  runtime.online = true;
  runtime.lastSeenAt = parts.now();
  runtime.build = hello.build;
  runtime.appStartedAt = hello.startedAt ?? null;
  runtime.sound = hello.sound ?? null;
  parts.roster.touched(screen.id);
  parts.screens.welcome(connection, role, screen, hello);
  parts.consoles.schedule();
}

function consoleHello(parts: HandshakeParts, connection: Connection, session: ConsoleSession | null): void {
  if (!session || !parts.sessionHolds(session.key)) {
    connection.send(errorMessage('unauthenticated', 'Log in first.'));
    return connection.close(CLOSE_CODES.unauthorized, 'not logged in');
  }
  // The live state names every screen, hazard and person on duty: staff accounts train at /training/ instead.
  if (!mayUseConsoles(session.user.role)) {
    connection.send(errorMessage('forbidden', `The ${session.user.role} role may not follow the live state.`));
    return connection.close(CLOSE_CODES.unauthorized, 'role may not follow the live state');
  }
  parts.registry.assign(connection, { kind: 'console', session });
  parts.consoles.join(connection, session);
}
