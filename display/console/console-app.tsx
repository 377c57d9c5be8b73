// The office console: log in, then the office view. A session that ends is renewed in place (lib/session-notice.tsx),
// so the office never loses the page to a login screen.
import { LoginForm } from '../lib/login-form.tsx';
import { mayUseConsoles } from '../../shared/model.ts';
import { SessionContext } from '../lib/session-context.ts';
import { TrainingOnly } from '../lib/training-only.tsx';
import { useSession } from '../lib/use-session.ts';
import { OfficeView } from './office-view.tsx';

export function ConsoleApp() {
  const { session, loggedIn, logOut, controls } = useSession();
  if (session.kind === 'checking') return <p class="muted center">Loading…</p>;
  if (session.kind === 'anonymous' || !controls) return <LoginForm title="Muster office console" onLoggedIn={loggedIn} />;
  if (!mayUseConsoles(session.user.role)) return <TrainingOnly username={session.user.username} onLogOut={logOut} />;
  return (
    <SessionContext.Provider value={controls}>
      <OfficeView user={session.user} onLogOut={logOut} onSessionExpired={controls.linkLoggedOut} />
    </SessionContext.Provider>
  );
}
