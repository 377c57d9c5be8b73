// The session's end, said before it comes: a bar under the console's header some minutes before, and the same bar
// once it has ended, each with a password field to log in again in place. Never a dialog: nothing may cover the mode
// buttons, least of all during an emergency.
import { useEffect, useState } from 'preact/hooks';
import type { SessionInfo } from '../../shared/session.ts';
import { useSessionControls } from './session-context.ts';
import { useApiAction } from './use-api-action.ts';
import './account.css';
import { useNow } from './use-now.ts';

/** How long before its end the console starts saying that the session ends. */
export const SESSION_WARNING_MS = 15 * 60_000;

/** "16:05" at the school (the console's clock when the zone is unknown); with the day when it is not within a day. */
export function sessionEndText(at: number, timeZone: string | null | undefined, now = Date.now()): string {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', ...(at - now > 20 * 3600_000 ? { weekday: 'long' } : {}) };
  try {
    return new Date(at).toLocaleTimeString([], { ...options, timeZone: timeZone ?? undefined });
  } catch {
    return new Date(at).toLocaleTimeString([], options); // an unknown zone falls back to the device's
  }
}


/** The password of the user already logged in (the username is known), to start a new session without leaving the page. */
export function RenewSessionForm(props: { label: string; testPrefix: string; onRenewed?: (info: SessionInfo) => void }) {
  const session = useSessionControls();
  const [password, setPassword] = useState('');
  const { busy, error, run } = useApiAction();
  if (!session) return null;

  const submit = async (event: Event) => {
    event.preventDefault();
    const info = await run(() => session.renew(password));
    setPassword('');
    if (info) props.onRenewed?.(info);
  };

  return (
    <form class="renew-session" onSubmit={submit}>
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" autocomplete="username" value={session.user.username} readOnly hidden />
      <label>
        <span>Password for {session.user.username}</span>
        <input
          type="password"
          name="password"
          autocomplete="current-password"
          required
          data-test={`${props.testPrefix}-password`}
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="primary" data-test={`${props.testPrefix}-submit`} disabled={busy || password === ''}>
        {busy ? 'Logging in…' : props.label}
      </button>
      {error && (
        <p class="error" role="alert" data-test={`${props.testPrefix}-error`}>
          {error}
        </p>
      )}
    </form>
  );
}

/** Below a console's header: nothing most of the time; a warning before the session ends; a way back in once it has. */
export function SessionNotice(props: { timeZone?: string | null }) {
  const session = useSessionControls();
  const now = useNow(10_000);
  const [renewedUntil, setRenewedUntil] = useState<number | null>(null);
  useEffect(() => {
    if (renewedUntil === null) return;
    const timer = setTimeout(() => setRenewedUntil(null), 15_000);
    return () => clearTimeout(timer);
  }, [renewedUntil]);
  if (!session) return null;

  const renewed = (info: SessionInfo) => setRenewedUntil(Date.parse(info.expiresAt));
  const ended = session.ended || now >= session.expiresAt;
  const ending = !ended && session.expiresAt - now <= SESSION_WARNING_MS;
  const confirmation = renewedUntil !== null && !ended && (
    <p class="session-renewed" role="status" data-test="session-renewed">
      You are logged in again, until {sessionEndText(renewedUntil, props.timeZone, now)}.
    </p>
  );

  if (ended) {
    return (
      <div class="session-notice ended" role="alert" data-test="session-ended">
        <p>
          <strong>Your session has ended.</strong> Enter your password to go on; this page stays as it is.
        </p>
        <RenewSessionForm label="Log in again" testPrefix="session-renew" onRenewed={renewed} />
        <button type="button" class="link-button" data-test="session-switch-user" onClick={() => void session.logOut()}>
          Log in as someone else
        </button>
      </div>
    );
  }
  if (ending) {
    return (
      <div class="session-notice ending" role="status" data-test="session-ending">
        <p>
          <strong>Your session ends at {sessionEndText(session.expiresAt, props.timeZone, now)}.</strong> Log in again now so it does not end
          during an emergency.
        </p>
        <RenewSessionForm label="Stay logged in" testPrefix="session-renew" onRenewed={renewed} />
        {confirmation}
      </div>
    );
  }
  return confirmation || null;
}

/** Inside a dialog whose request found the session ended: log in again right there, then try again. */
export function RenewIfEnded() {
  const session = useSessionControls();
  if (!session?.ended) return null;
  return (
    <div class="renew-in-dialog" data-test="dialog-session-ended">
      <p>Enter your password to log in again, then try again.</p>
      <RenewSessionForm label="Log in again" testPrefix="dialog-renew" />
    </div>
  );
}
