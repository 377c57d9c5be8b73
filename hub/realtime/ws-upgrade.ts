// The WebSocket upgrade at /ws, taken from node:http's 'upgrade' event rather than through Hono: the same checks as
// the app's routes (the host the hub answers to, the page's own origin, the login session behind a console) on the
// request's own headers. Through Hono each upgrade built a fetch Request with its headers and ran every middleware:
// about half of the hub's work per reconnect, which at a restart under 10,000 screens kept their connections
// waiting in the kernel's listen queue until it overflowed.
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { parse as parseCookies } from 'hono/utils/cookie';
import type { WebSocketServer } from 'ws';
import type { HubNames } from '../auth/hub-names.ts';
import { isOwnOrigin } from '../auth/middleware.ts';
import { SESSION_COOKIE, type Sessions } from '../auth/sessions.ts';
import type { RealtimeHub } from './realtime-hub.ts';

export const WEBSOCKET_PATH = '/ws';

export interface UpgradeDeps {
  names: HubNames;
  sessions: Sessions;
  realtime: RealtimeHub;
}

/** Why an upgrade is refused, as the status line says it; null when it may go ahead. */
export function upgradeRefusal(request: IncomingMessage, names: HubNames): number | null {
  const path = (request.url ?? '/').split('?', 1)[0];
  if (path !== WEBSOCKET_PATH) return 404;
  if (request.method !== 'GET') return 405;
  const host = request.headers.host;
  if (!names.answersTo(host)) return 421;
  // Browsers always send Origin on upgrades; a foreign one is a cross-site page riding a cookie.
  const secure = 'encrypted' in request.socket && request.socket.encrypted === true;
  if (!isOwnOrigin(request.headers.origin, `${secure ? 'https' : 'http'}://${host}${WEBSOCKET_PATH}`)) return 403;
  return null;
}

/** The 'upgrade' listener for a hub's server (HTTP or HTTPS): checked, then handed to `wss` and the realtime hub. */
export function acceptWebSockets(wss: WebSocketServer, deps: UpgradeDeps) {
  return (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // A client that goes away mid-handshake must not take the hub with it.
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(request, deps.names);
    if (refusal !== null) return refuse(socket, refusal);
    const cookie = request.headers.cookie;
    const sessionId = cookie ? parseCookies(cookie, SESSION_COOKIE)[SESSION_COOKIE] : undefined;
    const user = deps.sessions.resolve(sessionId);
    const key = deps.sessions.keyOf(sessionId);
    const from = request.socket.remoteAddress ?? 'unknown';
    // ws answers a malformed handshake (no key, a wrong version) with 400 itself.
    wss.handleUpgrade(request, socket, head, (ws) => deps.realtime.accept(ws, user && key ? { user, key } : null, from));
  };
}

function refuse(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
