// Short codes shown by screens waiting to be paired, each tied to the connection of the screen showing it.
import { randomInt } from 'node:crypto';
import { isIP } from 'node:net';

/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code is read off a wall across a hallway and typed on a laptop. */
const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const LENGTH = 6;
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Unpaired screens at once; beyond this a flood of sockets could fill memory with codes. */
const MAX_PENDING = 500;
/**
 * Unpaired screens at once from one address: enough for a batch of new screens behind one router, while one machine
 * asking for codes over and over cannot take the places of the real screens elsewhere.
 */
export const MAX_PENDING_PER_ADDRESS = 20;

/**
 * Whom a limit per address counts: an IPv4 address (also when written as ::ffff:a.b.c.d), or an IPv6 address's /64,
 * since one machine on a network holds as many addresses of its /64 as it likes.
 */
export function addressGroup(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** "k7m-2qx" or "K7M2QX" → "K7M2QX": people type codes with or without the dash, in either case. */
export function normalizePairingCode(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** "K7M2QX" → "K7M-2QX", as screens show it. */
export function formatPairingCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** `Holder`: what shows a code (the hub's connection record). */
export class PairingCodes<Holder extends object = object> {
  readonly #byHolder = new Map<Holder, { code: string; expiresAt: number; from: string }>();
  readonly #byCode = new Map<string, Holder>();
  /** Codes held per address group (addressGroup). */
  readonly #byAddress = new Map<string, number>();

  /**
   * A fresh code for this screen (replacing its previous one), or why there is none: too many screens wait already
   * ('full'), or too many from this one address ('address').
   */
  issue(holder: Holder, from: string, now: number): { code: string; expiresAt: number } | 'full' | 'address' {
    this.forget(holder);
    const group = addressGroup(from);
    if ((this.#byAddress.get(group) ?? 0) >= MAX_PENDING_PER_ADDRESS) return 'address';
    if (this.#byHolder.size >= MAX_PENDING) return 'full';
    let code: string;
    do code = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    while (this.#byCode.has(code));
    const entry = { code, expiresAt: now + PAIRING_CODE_TTL_MS, from: group };
    this.#byHolder.set(holder, entry);
    this.#byCode.set(code, holder);
    this.#byAddress.set(group, (this.#byAddress.get(group) ?? 0) + 1);
    return { code, expiresAt: entry.expiresAt };
  }

  /** What shows this code, if the code is current. */
  find(code: string, now: number): Holder | null {
    const holder = this.#byCode.get(normalizePairingCode(code));
    const entry = holder && this.#byHolder.get(holder);
    return holder && entry && entry.expiresAt > now ? holder : null;
  }

  forget(holder: Holder): void {
    const entry = this.#byHolder.get(holder);
    if (!entry) return;
    this.#byHolder.delete(holder);
    this.#byCode.delete(entry.code);
    const held = (this.#byAddress.get(entry.from) ?? 1) - 1;
    if (held > 0) this.#byAddress.set(entry.from, held);
    else this.#byAddress.delete(entry.from);
  }
}
