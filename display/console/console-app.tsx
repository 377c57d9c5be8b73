// The office console: log in, then the office view.
import { LoginForm } from '../lib/login-form.tsx';
import { useSession } from '../lib/use-session.ts';
import { OfficeView } from './office-view.tsx';

export function ConsoleApp() {
  const { session, loggedIn, logOut, expired } = useSession();
  if (session.kind === 'checking') return <p class="muted center">Loading…</p>;
  if (session.kind === 'anonymous') return <LoginForm title="Muster office console" onLoggedIn={loggedIn} />;
  return <OfficeView user={session.user} onLogOut={logOut} onSessionExpired={expired} />;
}
