// The names the hub answers to, and the middleware that refuses a request for any other: a page on a name someone
// points at the hub (DNS rebinding: an outside page whose name resolves to the hub's address) shows an Origin that
// matches its own Host, so the Origin checks alone would let it in.
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../api-error.ts';

/** host[:port] as a browser sends it in the Host header: a name or IPv4 address, or an IPv6 address in brackets. */
const HOST_HEADER = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::\d{1,5})?$/i;

export class HubNames {
  readonly #names: ReadonlySet<string>;
  /** "*.school.lan" from a school's certificate, kept as ".school.lan". */
  readonly #wildcardSuffixes: readonly string[];

  /** `names`: host names, e.g. localhost, the machine's names, the public URL's host, tlsNames, the certificate's names. */
  constructor(names: Iterable<string>) {
    const all = [...names].map((name) => name.trim().toLowerCase().replace(/\.$/, '')).filter((name) => name !== '');
    this.#names = new Set(['localhost', ...all.filter((name) => !name.startsWith('*.'))]);
    this.#wildcardSuffixes = all.filter((name) => name.startsWith('*.')).map((name) => name.slice(1));
  }

  /**
   * Whether a Host header names this hub. Any IP address is taken: rebinding needs a name, and a page whose origin is
   * an address is served by whatever has that address (the hub behind a router or in a container knows none of them).
   */
  answersTo(hostHeader: string | undefined): boolean {
    const match = hostHeader === undefined ? null : HOST_HEADER.exec(hostHeader);
    if (!match) return false;
    if (match[1] !== undefined) return isIP(match[1]) === 6;
    const name = match[2]!.toLowerCase().replace(/\.$/, '');
    if (isIP(name)) return true;
    if (this.#names.has(name)) return true;
    // A wildcard covers exactly one more label, as in a certificate.
    return this.#wildcardSuffixes.some((suffix) => name.endsWith(suffix) && !name.slice(0, -suffix.length).includes('.') && name.length > suffix.length);
  }
}

/** Refuses (421) every request, WebSocket upgrades included, whose Host is not one of the hub's names. */
export function knownHost(names: HubNames): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    const host = c.req.header('host');
    if (!names.answersTo(host)) {
      throw new ApiError(
        'unknown_host',
        `This hub does not answer to "${host ?? ''}". If the school reaches it by that name, add the name to MUSTER_TLS_NAMES (tlsNames in the config file) and restart the hub.`,
      );
    }
    await next();
  });
}
