// Logins refused at the door while the password checks are saturated. A flood of logins (200 at once, from 200
// addresses) would otherwise each go through the whole stack (Hono's request, the middleware, the body, the schema)
// only to be told "busy": about a millisecond each of the event loop, so a Lockdown that arrives behind them waits
// for all of them. Answered from the raw Node request instead, before any of that, the excess costs the least it can.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { errorBody } from '../../shared/errors.ts';
import { HashingBusyError, passwordChecksBusy } from './passwords.ts';

const BUSY = new HashingBusyError();
const BUSY_BODY = JSON.stringify(errorBody(BUSY.code, BUSY.message));
const BUSY_HEADERS = {
  'content-type': 'application/json; charset=UTF-8',
  'content-length': Buffer.byteLength(BUSY_BODY),
  'retry-after': String(BUSY.retryAfterSeconds),
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/**
 * Wraps the hub's request listener: a login (POST /api/session) while the password checks are full is answered 429
 * at once, exactly as the login route would answer it; everything else, and every login when there is room, goes on.
 * The unread body is discarded by Node when the answer ends, so a kept-alive connection stays usable.
 */
export function shedLoginsWhenBusy(listener: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && req.url === '/api/session' && passwordChecksBusy()) {
      res.writeHead(429, BUSY_HEADERS).end(BUSY_BODY);
      return;
    }
    listener(req, res);
  };
}
