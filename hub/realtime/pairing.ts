// Screens with no identity yet: each is shown a short code, renewed before it expires, until an admin enters it in the
// admin console; then the screen is handed its identity and token and says hello with them on a new connection.
import { CLOSE_CODES, errorMessage } from '../../shared/protocol.ts';
import type { Connection, ConnectionRegistry } from './connection-registry.ts';
import { PAIRING_CODE_TTL_MS, PairingCodes, formatPairingCode } from './pairing-codes.ts';

export class Pairing {
  readonly #codes = new PairingCodes<Connection>();

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly now: () => number,
  ) {}

  /** The screen asked to be paired from this address: it is shown a code, or told why not and closed. */
  request(connection: Connection, from: string): void {
    this.registry.assign(connection, { kind: 'pairing', renewTimer: null });
    const issue = () => {
      const issued = this.#codes.issue(connection, from, this.now());
      if (issued === 'full' || issued === 'address') {
        const message =
          issued === 'full'
            ? 'Too many screens are waiting to be paired; try again later.'
            : 'Too many screens at this network address are waiting to be paired; pair some of them first, then try again.';
        connection.send(errorMessage('rate_limited', message));
        return connection.close(CLOSE_CODES.tooManyMessages, 'too many pairing screens');
      }
      connection.send({ type: 'pairing-code', code: formatPairingCode(issued.code), expiresAt: new Date(issued.expiresAt).toISOString() });
      // A code shown for long could be read by anyone passing by: a new one replaces it before it expires.
      const renewTimer = setTimeout(issue, PAIRING_CODE_TTL_MS - 1000);
      renewTimer.unref();
      if (connection.role.kind === 'pairing') connection.role.renewTimer = renewTimer;
    };
    issue();
  }

  /** Is a screen showing this code now? */
  has(code: string): boolean {
    return this.#codes.find(code, this.now()) !== null;
  }

  /** Hand the screen showing this code its identity and token; false when no screen shows it any more. */
  complete(code: string, screenId: string, token: string): boolean {
    const connection = this.#codes.find(code, this.now());
    if (!connection || connection.role.kind !== 'pairing') return false;
    this.#codes.forget(connection);
    if (connection.role.renewTimer) clearTimeout(connection.role.renewTimer);
    connection.send({ type: 'paired', screenId, token });
    // It says hello with its new identity on a new connection.
    connection.close(1000, 'paired');
    return true;
  }

  /** The connection closed: its code goes. */
  forget(connection: Connection): void {
    this.#codes.forget(connection);
  }
}
