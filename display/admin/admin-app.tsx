// The facility manager's console: log in, then the screens of the site with their live health, the readiness sweep, the floor-plan editor, the documents, the users, the integrations, the drill reports or the audit log.
import { useEffect, useRef, useState } from 'preact/hooks';
import { mayUseConsoles } from '../../shared/model.ts';
import { LoginForm } from '../lib/login-form.tsx';
import { useConsoleLink } from '../lib/use-console-link.ts';
import { ChangePasswordForm } from '../lib/change-password-form.tsx';
import { SessionContext, useSessionControls } from '../lib/session-context.ts';
import { SessionNotice } from '../lib/session-notice.tsx';
import { TrainingOnly } from '../lib/training-only.tsx';
import { useSession } from '../lib/use-session.ts';
import { AcknowledgementsPage } from './acknowledgements-page.tsx';
import { AuditPage } from './audit-page.tsx';
import { ContentPage } from './content-page.tsx';
import { DocumentsPage } from './documents-page.tsx';
import { DrillReportsPage } from './drill-reports-page.tsx';
import { FloorPlanEditor } from './floor-plan-editor.tsx';
import { IntegrationsPage } from './integrations-page.tsx';
import { ModeWordingsPage } from './mode-wordings-page.tsx';
import { ModeTonesForm } from './mode-tones-form.tsx';
import { PairScreenForm } from './pair-screen-form.tsx';
import { ScreensTable } from './screens-table.tsx';
import { SetupChecklist } from './site/setup-checklist.tsx';
import { SitePage } from './site/site-page.tsx';
import { SweepPage } from './sweep/sweep-page.tsx';
import { TrainingPage } from './training-page.tsx';
import { useSite } from '../lib/use-site.ts';
import { UsersPage } from './users-page.tsx';

const PAGES = ['site', 'screens', 'sweep', 'floor-plans', 'content', 'modes', 'documents', 'users', 'integrations', 'drills', 'training', 'acknowledgements', 'audit', 'account'] as const;
type Page = (typeof PAGES)[number];
/** "#drills/14" → "drills": the page is the first part of the address's fragment. */
const pageFromHash = (): Page => PAGES.find((p) => location.hash.slice(1).split('/')[0] === p) ?? 'screens';

function AdminView(props: { username: string; role: string; onLogOut: () => void; onSessionExpired: (generation: number) => void }) {
  const session = useSessionControls();
  const link = useConsoleLink(__MUSTER_BUILD__, session?.generation ?? 0, session?.refresh);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (link.loggedOut) props.onSessionExpired(link.generation);
  }, [link.loggedOut, link.generation]);
  // The page is in the address so a reload or a shared link lands on the same page.
  const [page, setPage] = useState<Page>(pageFromHash);
  // The editor stays mounted once opened, so looking at the screens does not lose an unsaved draft.
  const editorOpened = useRef(false);
  editorOpened.current ||= page === 'floor-plans';
  // Likewise the content editor, whose draft is kept until it is published.
  const contentOpened = useRef(false);
  contentOpened.current ||= page === 'content';
  useEffect(() => {
    const follow = () => setPage(pageFromHash());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const live = link.status === 'open';
  const { site } = useSite();
  return (
    <div>
      <header class="topbar">
        <h1>{site?.name ?? link.welcome?.site.name ?? 'Muster'}: administration</h1>
        <span class={`link ${live ? 'live' : 'down'}`}>{live ? 'Live' : 'Reconnecting…'}</span>
        <span class="user">
          {props.username} ({props.role})
          <a href="#account" class="link-button" data-test="open-account">
            Change my password
          </a>
          <button type="button" class="link-button" data-test="logout" onClick={props.onLogOut}>
            Log out
          </button>
        </span>
      </header>
      <SessionNotice timeZone={link.welcome?.site.timeZone} />
      <nav class="admin-nav" aria-label="Pages">
        <a href="#site" class={page === 'site' ? 'on' : ''} aria-current={page === 'site' ? 'page' : undefined} data-test="nav-site">
          Site
        </a>
        <a href="#screens" class={page === 'screens' ? 'on' : ''} aria-current={page === 'screens' ? 'page' : undefined} data-test="nav-screens">
          Screens
        </a>
        {props.role === 'admin' && (
          <a href="#sweep" class={page === 'sweep' ? 'on' : ''} aria-current={page === 'sweep' ? 'page' : undefined} data-test="nav-sweep">
            Sweep
          </a>
        )}
        <a href="#floor-plans" class={page === 'floor-plans' ? 'on' : ''} aria-current={page === 'floor-plans' ? 'page' : undefined} data-test="nav-floor-plans">
          Floor plans
        </a>
        <a href="#content" class={page === 'content' ? 'on' : ''} aria-current={page === 'content' ? 'page' : undefined} data-test="nav-content">
          Content
        </a>
        <a href="#documents" class={page === 'documents' ? 'on' : ''} aria-current={page === 'documents' ? 'page' : undefined} data-test="nav-documents">
          Documents
        </a>
        {props.role === 'admin' && (
          <a href="#users" class={page === 'users' ? 'on' : ''} aria-current={page === 'users' ? 'page' : undefined} data-test="nav-users">
            Users
          </a>
        )}
        {props.role === 'admin' && (
          <a href="#integrations" class={page === 'integrations' ? 'on' : ''} aria-current={page === 'integrations' ? 'page' : undefined} data-test="nav-integrations">
            Integrations
          </a>
        )}
        <a href="#modes" class={page === 'modes' ? 'on' : ''} aria-current={page === 'modes' ? 'page' : undefined} data-test="nav-modes">
          Mode instructions
        </a>
        <a href="#drills" class={page === 'drills' ? 'on' : ''} aria-current={page === 'drills' ? 'page' : undefined} data-test="nav-drills">
          Drill reports
        </a>
        {props.role === 'admin' && (
          <a href="#training" class={page === 'training' ? 'on' : ''} aria-current={page === 'training' ? 'page' : undefined} data-test="nav-training">
            Training
          </a>
        )}
        {props.role === 'admin' && (
          <a href="#acknowledgements" class={page === 'acknowledgements' ? 'on' : ''} aria-current={page === 'acknowledgements' ? 'page' : undefined} data-test="nav-acknowledgements">
            Acknowledgements
          </a>
        )}
        {props.role !== 'viewer' && (
          <a href="#audit" class={page === 'audit' ? 'on' : ''} aria-current={page === 'audit' ? 'page' : undefined} data-test="nav-audit">
            Audit log
          </a>
        )}
      </nav>
      {props.role === 'admin' && <SetupChecklist page={page} />}
      {page === 'site' && (
        <section class="panel">
          <h2>Site</h2>
          <SitePage canEdit={props.role === 'admin'} />
        </section>
      )}
      {page === 'screens' && (
        <section class="panel">
          <h2>Screens</h2>
          {props.role === 'admin' && (
            <details class="pair-panel" data-test="pair-panel">
              <summary>Pair a screen</summary>
              <PairScreenForm />
            </details>
          )}
          {link.state ? <ScreensTable state={link.state} now={now} canEdit={props.role === 'admin'} /> : <p class="muted">Waiting for the hub…</p>}
        </section>
      )}
      {page === 'sweep' && (
        <section class="panel">
          <h2>Readiness sweep</h2>
          {props.role === 'admin' ? <SweepPage /> : <p class="muted">Only an administrator can run a readiness sweep.</p>}
        </section>
      )}
      {editorOpened.current && (
        <section class="panel plan-panel" hidden={page !== 'floor-plans'}>
          <h2>Floor plans</h2>
          <FloorPlanEditor canEdit={props.role === 'admin'} active={page === 'floor-plans'} />
        </section>
      )}
      {contentOpened.current && (
        <section class="panel" hidden={page !== 'content'}>
          <h2>Content</h2>
          {props.role === 'admin' ? <ContentPage /> : <p class="muted">Only an administrator can change the announcements and slides screens show.</p>}
        </section>
      )}
      {page === 'documents' && (
        <section class="panel">
          <h2>Documents</h2>
          <DocumentsPage canEdit={props.role === 'admin'} />
        </section>
      )}
      {page === 'users' && (
        <section class="panel">
          <h2>Users</h2>
          {props.role === 'admin' ? <UsersPage currentUser={props.username} /> : <p class="muted">Only an administrator can manage users.</p>}
        </section>
      )}
      {page === 'integrations' && (
        <section class="panel">
          <h2>Integrations</h2>
          {props.role === 'admin' ? <IntegrationsPage /> : <p class="muted">Only an administrator can manage integrations.</p>}
        </section>
      )}
      {page === 'drills' && (
        <section class="panel">
          <h2>Drill reports</h2>
          <DrillReportsPage canEdit={props.role === 'admin'} canSchedule={props.role !== 'viewer'} username={props.username} />
        </section>
      )}
      {page === 'modes' && (
        <section class="panel">
          <h2>Mode instructions</h2>
          {props.role === 'admin' ? (
            <>
              <ModeWordingsPage />
              <ModeTonesForm />
            </>
          ) : (
            <p class="muted">Only an administrator can change what screens say and sound in each mode.</p>
          )}
        </section>
      )}
      {page === 'training' && (
        <section class="panel">
          <h2>Training</h2>
          {props.role === 'admin' ? <TrainingPage /> : <p class="muted">Only an administrator can see who is trained.</p>}
        </section>
      )}
      {page === 'acknowledgements' && (
        <section class="panel">
          <h2>Procedure acknowledgements</h2>
          {props.role === 'admin' ? <AcknowledgementsPage /> : <p class="muted">Only an administrator can see who has read the procedures.</p>}
        </section>
      )}
      {page === 'audit' && (
        <section class="panel">
          <h2>Audit log</h2>
          {props.role !== 'viewer' ? <AuditPage /> : <p class="muted">The audit log is for office staff and administrators.</p>}
        </section>
      )}
      {page === 'account' && (
        <section class="panel" data-test="account-page">
          <h2>My account</h2>
          <p class="muted">
            Logged in as {props.username} ({props.role}).
          </p>
          <ChangePasswordForm autoFocus />
        </section>
      )}
    </div>
  );
}

export function AdminApp() {
  const { session, loggedIn, logOut, controls } = useSession();
  if (session.kind === 'checking') return <p class="muted center">Loading…</p>;
  if (session.kind === 'anonymous' || !controls) return <LoginForm title="Muster administration" onLoggedIn={loggedIn} />;
  if (!mayUseConsoles(session.user.role)) return <TrainingOnly username={session.user.username} onLogOut={logOut} />;
  return (
    <SessionContext.Provider value={controls}>
      <AdminView username={session.user.username} role={session.user.role} onLogOut={logOut} onSessionExpired={controls.linkLoggedOut} />
    </SessionContext.Provider>
  );
}
