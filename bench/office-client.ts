// The office user's side of the hub's HTTP API: log in, set a mode, All Clear, read the roll-call.
import type { AllClearRequest, ModeRequest } from '../shared/model.ts';
import type { HubState } from '../shared/protocol.ts';
import { BenchError } from './deadline.ts';

/** Generous: on a busy 2-core machine a change to a 10,000-screen school has been seen to take many seconds; past
 * this the bench fails and says which request it was. */
const REQUEST_TIMEOUT_MS = 30_000;

export class OfficeClient {
  #cookie: string | null = null;

  constructor(readonly origin: string) {}

  /** POST /api/session; keeps the `muster_session` cookie for the next requests. */
  async login(username: string, password: string): Promise<void> {
    const response = await this.#request('POST', '/api/session', JSON.stringify({ username, password }));
    if (response.status !== 200) throw new BenchError(`login as ${username} failed: ${response.status} ${response.text}`);
    const cookie = response.setCookie.find((c) => c.startsWith('muster_session='));
    if (!cookie) throw new BenchError('login answered 200 without a muster_session cookie');
    this.#cookie = cookie.split(';')[0]!;
  }

  /** "muster_session=…" once logged in: a console's WebSocket upgrade carries it, as a browser's does. */
  get sessionCookie(): string | null {
    return this.#cookie;
  }

  /** The request body, encoded ahead so the caller can start its clock right before the request goes out. */
  static body(request: ModeRequest | AllClearRequest): string {
    return JSON.stringify(request);
  }

  /** POST /api/modes or /api/all-clear with a pre-encoded body; returns the new state seq. */
  async change(path: '/api/modes' | '/api/all-clear', body: string): Promise<number> {
    const response = await this.#request('POST', path, body);
    if (response.status !== 200) throw new BenchError(`POST ${path} failed: ${response.status} ${response.text}`);
    const seq = (JSON.parse(response.text) as { seq?: unknown }).seq;
    if (typeof seq !== 'number') throw new BenchError(`POST ${path} answered without a seq: ${response.text}`);
    return seq;
  }

  /** GET /api/state: the emergency state and the roll-call built from render receipts. */
  async state(): Promise<HubState> {
    const response = await this.#request('GET', '/api/state');
    if (response.status !== 200) throw new BenchError(`GET /api/state failed: ${response.status} ${response.text}`);
    return (JSON.parse(response.text) as { state: HubState }).state;
  }

  /** Any other API request as this user: the parsed JSON answer, whatever its status (the caller checks it). */
  async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await this.#request(method, path, body === undefined ? undefined : JSON.stringify(body));
    return JSON.parse(response.text) as unknown;
  }

  async #request(method: string, path: string, body?: string): Promise<{ status: number; text: string; setCookie: string[] }> {
    // Origin is this hub's own: the hub refuses writes from other sites.
    const headers: Record<string, string> = { Origin: this.origin };
    if (this.#cookie) headers.Cookie = this.#cookie;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.origin}${path}`, { method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).catch((error: unknown) => {
      if ((error as Error)?.name === 'TimeoutError') throw new BenchError(`${method} ${path}: no answer from the hub within ${REQUEST_TIMEOUT_MS / 1000} s`);
      throw error;
    });
    return { status: response.status, text: await response.text(), setCookie: response.headers.getSetCookie() };
  }
}
