// The consoles' typed client for the hub's HTTP API: `hc<AppType>` so a renamed route or field breaks the
// build, and one place that turns `{ ok: false, error }` replies into an `ApiFailure` with the shared code.
import { hc } from 'hono/client';
import type { AppType } from '../../hub/app.ts';
import { REQUEST_HEADER } from '../../shared/protocol.ts';
import { ErrorBodySchema, type ErrorCode } from '../../shared/errors.ts';

// Browsers send Origin anyway; the header is what the hub asks for when a proxy or old browser drops it.
export const api = hc<AppType>('/api', { headers: { [REQUEST_HEADER]: '1' } });

export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const sessionEndedListeners = new Set<() => void>();

/**
 * Called whenever the hub answers `unauthenticated`: the session behind the page has ended (expired, or logged out
 * elsewhere), so the console can ask for the password where the person is instead of failing cryptically.
 */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/** Await a client call and return its success body, or throw an `ApiFailure` with the hub's error code. */
export async function call<T>(request: Promise<{ ok: boolean; status: number; json(): Promise<T> }>): Promise<Extract<T, { ok: true }>> {
  let response: Awaited<typeof request>;
  try {
    response = await request;
  } catch {
    throw new ApiFailure('network', 'The hub cannot be reached.', 0);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiFailure('internal', `The hub answered ${response.status} without a readable body.`, response.status);
  }
  if (response.ok) return body as Extract<T, { ok: true }>;
  const failure = ErrorBodySchema.safeParse(body);
  if (failure.success) {
    if (failure.data.error.code === 'unauthenticated') for (const listener of sessionEndedListeners) listener();
    throw new ApiFailure(failure.data.error.code, failure.data.error.message, response.status);
  }
  throw new ApiFailure('internal', `The hub answered ${response.status}.`, response.status);
}
