// The facility manager's console: log in, then the screens of the site with their live health, or the floor-plan editor.
import { useEffect, useRef, useState } from 'preact/hooks';
import { LoginForm } from '../lib/login-form.tsx';
import { useConsoleLink } from '../lib/use-console-link.ts';
import { useSession } from '../lib/use-session.ts';
import { FloorPlanEditor } from './floor-plan-editor.tsx';
import { ScreensTable } from './screens-table.tsx';

type Page = 'screens' | 'floor-plans';
const pageFromHash = (): Page => (location.hash === '#floor-plans' ? 'floor-plans' : 'screens');

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
  // The page is in the address so a reload or a shared link lands on the same page.
  const [page, setPage] = useState<Page>(pageFromHash);
  // The editor stays mounted once opened, so looking at the screens does not lose an unsaved draft.
  const editorOpened = useRef(false);
  editorOpened.current ||= page === 'floor-plans';
  useEffect(() => {
    const follow = () => setPage(pageFromHash());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
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
      <nav class="admin-nav" aria-label="Pages">
        <a href="#screens" class={page === 'screens' ? 'on' : ''} aria-current={page === 'screens' ? 'page' : undefined} data-test="nav-screens">
          Screens
        </a>
        <a href="#floor-plans" class={page === 'floor-plans' ? 'on' : ''} aria-current={page === 'floor-plans' ? 'page' : undefined} data-test="nav-floor-plans">
          Floor plans
        </a>
      </nav>
      {page === 'screens' && (
        <section class="panel">
          <h2>Screens</h2>
          {link.state ? <ScreensTable state={link.state} now={now} /> : <p class="muted">Waiting for the hub…</p>}
        </section>
      )}
      {editorOpened.current && (
        <section class="panel plan-panel" hidden={page !== 'floor-plans'}>
          <h2>Floor plans</h2>
          <FloorPlanEditor canEdit={props.role === 'admin'} active={page === 'floor-plans'} />
        </section>
      )}
    </div>
  );
}

export function AdminApp() {
  const { session, loggedIn, logOut, expired } = useSession();
  if (session.kind === 'checking') return <p class="muted center">Loading…</p>;
  if (session.kind === 'anonymous') return <LoginForm title="Muster administration" onLoggedIn={loggedIn} />;
  return <AdminView username={session.user.username} role={session.user.role} onLogOut={logOut} onSessionExpired={expired} />;
}
