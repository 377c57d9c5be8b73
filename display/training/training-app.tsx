// "Know your building": every account may train here (staff accounts may do nothing else). Log in, then the staff
// member's own view of their building and procedures.
import { LoginForm } from '../lib/login-form.tsx';
import { SessionContext } from '../lib/session-context.ts';
import { SessionNotice } from '../lib/session-notice.tsx';
import { useSession } from '../lib/use-session.ts';
import { BuildingExercises } from './building-exercises.tsx';
import { ProceduresToRead } from './procedures-to-read.tsx';

export function TrainingApp() {
  const { session, loggedIn, logOut, controls } = useSession();
  if (session.kind === 'checking') return <p class="muted center">Loading…</p>;
  if (session.kind === 'anonymous' || !controls) return <LoginForm title="Know your building" onLoggedIn={loggedIn} />;
  return (
    <SessionContext.Provider value={controls}>
      <div class="training">
        <header class="topbar">
          <h1>Know your building</h1>
          <span class="user">
            {session.user.username}
            <button type="button" class="link-button" data-test="logout" onClick={logOut}>
              Log out
            </button>
          </span>
        </header>
        <SessionNotice />
        <main class="training-main">
          <p class="muted">Where the exits, the AED and the shelter areas are, and what to do in each mode: practised on your own building's plans.</p>
          <BuildingExercises />
          <ProceduresToRead />
        </main>
      </div>
    </SessionContext.Provider>
  );
}
