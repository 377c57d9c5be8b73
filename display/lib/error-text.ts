// What to tell staff for each error code: the UI words an error by its code, not by the hub's sentence.
import type { ErrorCode } from '../../shared/errors.ts';
import type { ApiFailure } from './api-client.ts';

const TEXT: Partial<Record<ErrorCode | 'network', string>> = {
  network: 'The hub cannot be reached. Check the network; if this is an emergency, use the PA and phone.',
  unauthenticated: 'Your session has ended. Log in again.',
  forbidden: 'Your account may not do this.',
  bad_origin: 'This page was not loaded from the hub. Open the console from the hub address.',
  real_event_active: 'A real event is active here. A drill cannot replace or end it.',
  no_active_mode: 'Nothing is active in that area any more.',
  storage_failed: 'The hub could not save the change, so it was NOT made. Try again and use the PA.',
  unknown_scope: 'That building or zone no longer exists. Reload the page.',
};

/** A sentence for staff; the hub's own message when it says more (throttling gives the wait time). */
export function errorText(failure: ApiFailure): string {
  // These messages carry what staff need: how long to wait, how many tries are left, what was wrong.
  if (failure.code === 'login_throttled' || failure.code === 'invalid_credentials' || failure.code === 'bad_request') return failure.message;
  return TEXT[failure.code] ?? failure.message;
}
