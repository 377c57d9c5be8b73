// The one error shape of HTTP and WebSocket replies, and the closed set of error codes the UI words errors by.
import { z } from 'zod/mini';

export const ERROR_CODES = [
  'bad_request', // the body or message does not match its schema
  'invalid_json', // the body or frame is not JSON at all
  'unknown_message', // a WebSocket frame with a type this side does not know
  'unknown_scope', // a building or zone that is not on the site
  'unknown_screen',
  'invalid_credentials',
  'login_throttled', // too many failed logins; try again later
  'unauthenticated', // not logged in, or the session expired
  'forbidden', // logged in, but the role may not do this
  'bad_origin', // the request came from another site
  'unknown_host', // the request named the hub by a name it does not answer to (DNS rebinding)
  'not_found',
  'payload_too_large',
  'real_event_active', // a drill may not replace or clear a real event
  'no_active_mode', // All Clear where nothing is active
  'protocol_mismatch',
  'rate_limited',
  'storage_failed', // the change could not be written to disk, so it was not made
  'unavailable', // the hub lacks something this needs (Chromium for printing)
  'conflict', // someone else saved first: reload and redo the change
  'unsupported_type', // an upload of a kind the hub does not take
  'last_admin', // the change would leave no enabled administrator
  'own_account', // an administrator may not demote, disable or reset their own account
  'in_use', // a building, floor, zone or language that something still uses cannot be removed
  'mode_active', // the whole site cannot be replaced while a mode or a hazard is active
  'not_understood', // a well-formed message (a CAP alert) that asks for nothing Muster can do
  'internal',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorBodySchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: ErrorCodeSchema, message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { ok: false, error: { code, message } };
}
