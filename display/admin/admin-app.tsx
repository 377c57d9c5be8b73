// The facility manager's console: log in, then the screens of the site with their live health.
import { useEffect, useState } from 'preact/hooks';
import { LoginForm } from '../lib/login-form.tsx';
import { useConsoleLink } from '../lib/use-console-link.ts';
import { useSession } from '../lib/use-session.ts';
import { ScreensTable } from './screens-table.tsx';

function AdminView(props: { username: string; role: string; onLogOut: () => void; onSessionExpired: () => void }) {
  const link = useConsoleLink(__MUSTER_BUILD__);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (link.loggedOut) props.onSessionExpired();
  }, [link.loggedOut]);
  const live = link.status === 'open';
  return (
    <div>
      <header class="topbar">
        <h1>{link.welcome?.site.name ?? 'Muster'}: administration</h1>
        <span class={`link ${live ? 'live' : 'down'}`}>{live ? 'Live' : 'Reconnecting…'}</span>
        <span class="user">
          {props.username} ({props.role})
          <button type="button" class="link-button" data-test="logout" onClick={props.onLogOut}>
            Log out
          </button>
        </span>
      </header>
      <section class="panel">
        <h2>Screens</h2>
        {link.state ? <ScreensTable state={link.state} now={now} /> : <p class="muted">Waiting for the hub…</p>}
      </section>
    </div>
  );
}

export function AdminApp() {
  const { session, loggedIn, logOut, expired } = useSession();
  if (session.kind === 'checking') return <p class="muted center">Loading…</p>;
  if (session.kind === 'anonymous') return <LoginForm title="Muster administration" onLoggedIn={loggedIn} />;
  return <AdminView username={session.user.username} role={session.user.role} onLogOut={logOut} onSessionExpired={expired} />;
}
