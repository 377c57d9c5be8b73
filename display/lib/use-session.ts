// Who is logged in and until when. Asks the hub on load; keeps an open console's session from idling out; notices
// when the session ends (a 401 on any request, the hub closing the console's live link, its end time passing) and
// lets the person renew it in place, so the page and whatever they were doing stay as they are.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SessionInfo } from '../../shared/session.ts';
import { ApiFailure, api, call, onSessionEnded } from './api-client.ts';
import type { LoggedInUser } from './login-form.tsx';

export type SessionState =
  | { kind: 'checking' }
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      user: LoggedInUser;
      /** When the session ends at the latest (ms since epoch). */
      expiresAt: number;
      idleMinutes: number;
      /** The hub no longer takes this session: the console asks for the password and keeps the page. */
      ended: boolean;
      /** Goes up whenever the console's live link must reconnect on a new session. */
      generation: number;
    };

/** What the console's parts use of the session (through SessionContext). */
export interface SessionControls {
  user: LoggedInUser;
  expiresAt: number;
  ended: boolean;
  generation: number;
  /** Log in again as the same user, without leaving the page. */
  renew(password: string): Promise<SessionInfo>;
  /** Every other session of the user ends; this one goes on with a fresh cookie. */
  changePassword(currentPassword: string, newPassword: string): Promise<SessionInfo>;
  logOut(): Promise<void>;
  /** The hub closed the live link opened in `generation` because the session ended. */
  linkLoggedOut(generation: number): void;
  /** Read the session again (the account's role changed): the page shows what the new role may do. */
  refresh(): void;
}

/** An open console asks at least this often, well within the idle timeout, so it never idles out. */
const MAX_TOUCH_INTERVAL_MS = 5 * 60_000;

export function useSession() {
  const [session, setSession] = useState<SessionState>({ kind: 'checking' });
  const latest = useRef(session);
  latest.current = session;
  const generation = useRef(0);
  /** A password change ends every session of the user, this one included, and starts this one again. */
  const changingPassword = useRef(false);

  const started = useCallback((info: SessionInfo, reconnect: boolean) => {
    if (reconnect) generation.current += 1;
    setSession({ kind: 'user', user: info.user, expiresAt: Date.parse(info.expiresAt), idleMinutes: info.idleMinutes, ended: false, generation: generation.current });
  }, []);

  const markEnded = useCallback(() => {
    if (changingPassword.current) return;
    setSession((s) => (s.kind === 'user' && !s.ended ? { ...s, ended: true } : s));
  }, []);

  useEffect(() => {
    const stop = onSessionEnded(markEnded);
    call(api.session.$get()).then(
      (body) => started(body, false),
      () => setSession({ kind: 'anonymous' }),
    );
    return stop;
  }, []);

  /** Asks the hub who we are and until when; the role may have changed meanwhile. */
  const refresh = useCallback(() => {
    call(api.session.$get()).then(
      (body) => setSession((s) => (s.kind === 'user' && !s.ended ? { ...s, user: body.user, expiresAt: Date.parse(body.expiresAt) } : s)),
      () => undefined, // a 401 reaches markEnded through onSessionEnded; a network failure is the link's to show
    );
  }, []);

  // Asking the hub who we are counts as activity: an open console is never logged out for being idle, and learns
  // at once when its session has ended (on a timer, when the tablet wakes, and when the end time comes).
  const active = session.kind === 'user' && !session.ended;
  const idleMinutes = session.kind === 'user' ? session.idleMinutes : 0;
  const expiresAt = session.kind === 'user' ? session.expiresAt : 0;
  useEffect(() => {
    if (!active) return;
    const every = setInterval(refresh, Math.min(MAX_TOUCH_INTERVAL_MS, (idleMinutes * 60_000) / 3));
    const atTheEnd = setTimeout(refresh, Math.min(2 ** 31 - 1, Math.max(0, expiresAt - Date.now()) + 1000));
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(every);
      clearTimeout(atTheEnd);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [active, idleMinutes, expiresAt]);

  const loggedIn = useCallback((info: SessionInfo) => started(info, true), []);

  const logOut = useCallback(async () => {
    await call(api.session.$delete()).catch(() => undefined);
    setSession({ kind: 'anonymous' });
  }, []);

  const renew = useCallback(async (password: string) => {
    const current = latest.current;
    if (current.kind !== 'user') throw new Error('nobody to log in again');
    const info = await call(api.session.$post({ json: { username: current.user.username, password } }));
    // An ended session's live link was closed by the hub; a session renewed early keeps its link.
    started(info, current.ended);
    return info;
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    changingPassword.current = true;
    try {
      const info = await call(api.session.password.$post({ json: { currentPassword, newPassword } }));
      changingPassword.current = false;
      // The hub closed every console of the user, this one too: it reconnects on the fresh session.
      started(info, true);
      return info;
    } catch (failure) {
      changingPassword.current = false;
      if (failure instanceof ApiFailure && failure.code === 'unauthenticated') markEnded();
      throw failure;
    }
  }, []);

  const linkLoggedOut = useCallback((linkGeneration: number) => {
    if (linkGeneration === generation.current) markEnded();
  }, []);

  const controls = useMemo<SessionControls | null>(
    () =>
      session.kind === 'user'
        ? { user: session.user, expiresAt: session.expiresAt, ended: session.ended, generation: session.generation, renew, changePassword, logOut, linkLoggedOut, refresh }
        : null,
    [session],
  );
  return { session, loggedIn, logOut, controls };
}
