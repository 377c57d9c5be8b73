// The hub's one failure type: a code from shared/errors.ts, a sentence for people, and the HTTP status it maps to.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../shared/errors.ts';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  invalid_json: 400,
  unknown_message: 400,
  unknown_scope: 400,
  unknown_screen: 404,
  invalid_credentials: 401,
  login_throttled: 429,
  unauthenticated: 401,
  forbidden: 403,
  bad_origin: 403,
  unknown_host: 421,
  not_found: 404,
  payload_too_large: 413,
  real_event_active: 409,
  no_active_mode: 409,
  protocol_mismatch: 400,
  rate_limited: 429,
  storage_failed: 500,
  unavailable: 503,
  conflict: 409,
  unsupported_type: 415,
  last_admin: 409,
  own_account: 409,
  in_use: 409,
  mode_active: 409,
  not_understood: 422,
  internal: 500,
};

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
