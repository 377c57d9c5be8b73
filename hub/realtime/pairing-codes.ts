// Short codes shown by screens waiting to be paired, each tied to the socket of the screen showing it.
import { randomInt } from 'node:crypto';
import type { WebSocket } from 'ws';

/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code is read off a wall across a hallway and typed on a laptop. */
const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const LENGTH = 6;
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Unpaired screens at once; beyond this a flood of sockets could fill memory with codes. */
const MAX_PENDING = 500;

/** "k7m-2qx" or "K7M2QX" → "K7M2QX": people type codes with or without the dash, in either case. */
export function normalizePairingCode(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** "K7M2QX" → "K7M-2QX", as screens show it. */
export function formatPairingCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

export class PairingCodes {
  readonly #bySocket = new Map<WebSocket, { code: string; expiresAt: number }>();
  readonly #byCode = new Map<string, WebSocket>();

  /** A fresh code for this socket (replacing its previous one), or null when too many screens wait already. */
  issue(socket: WebSocket, now: number): { code: string; expiresAt: number } | null {
    this.forget(socket);
    if (this.#bySocket.size >= MAX_PENDING) return null;
    let code: string;
    do code = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    while (this.#byCode.has(code));
    const entry = { code, expiresAt: now + PAIRING_CODE_TTL_MS };
    this.#bySocket.set(socket, entry);
    this.#byCode.set(code, socket);
    return entry;
  }

  /** The socket showing this code, if the code is current. */
  find(code: string, now: number): WebSocket | null {
    const socket = this.#byCode.get(normalizePairingCode(code));
    const entry = socket && this.#bySocket.get(socket);
    return socket && entry && entry.expiresAt > now ? socket : null;
  }

  forget(socket: WebSocket): void {
    const entry = this.#bySocket.get(socket);
    if (!entry) return;
    this.#bySocket.delete(socket);
    this.#byCode.delete(entry.code);
  }
}
