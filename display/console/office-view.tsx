// The front office's one page: what is active, the mode buttons, the live roll-call, and the plans and procedures.
import { useEffect, useState } from 'preact/hooks';
import type { ActiveMode, EmergencyModeId, Site } from '../../shared/model.ts';
import { api, call } from '../lib/api-client.ts';
import type { LoggedInUser } from '../lib/login-form.tsx';
import { useConsoleLink } from '../lib/use-console-link.ts';
import { useSessionControls } from '../lib/session-context.ts';
import { SessionNotice } from '../lib/session-notice.tsx';
import { AccountPanel } from './account-panel.tsx';
import { ActiveModes } from './active-modes.tsx';
import { HazardPanel } from './hazard-panel.tsx';
import { AllClearDialog } from './all-clear-dialog.tsx';
import { ModeButtons } from './mode-buttons.tsx';
import { PlansAndProcedures } from './plans-and-procedures.tsx';
import { RollCallPanel } from './roll-call-panel.tsx';
import { schoolTime } from './school-time.ts';
import { StartModeDialog } from './start-mode-dialog.tsx';
import { useSite } from '../lib/use-site.ts';
import { useNow } from '../lib/use-now.ts';
import { useModeWordings } from './use-mode-wordings.ts';
import { WeatherOffer } from './weather-offer.tsx';
import { DrillComplianceLine } from './drill-compliance-line.tsx';


export function OfficeView(props: { user: LoggedInUser; onLogOut: () => void; onSessionExpired: (generation: number) => void }) {
  const session = useSessionControls();
  const link = useConsoleLink(__MUSTER_BUILD__, session?.generation ?? 0, session?.refresh);
  /** When the office last asked for the account panel (0: closed): each ask scrolls it into view. */
  const [accountAskedAt, setAccountAskedAt] = useState(0);
  const now = useNow();
  const { site } = useSite();
  const wordings = useModeWordings();
  const [starting, setStarting] = useState<EmergencyModeId | null>(null);
  const [clearing, setClearing] = useState<ActiveMode | null>(null);
  const canOperate = props.user.role === 'office' || props.user.role === 'admin';

  useEffect(() => {
    if (link.loggedOut) props.onSessionExpired(link.generation);
  }, [link.loggedOut, link.generation]);

  const state = link.state;
  const live = link.status === 'open';
  return (
    <div class="office">
      <header class="topbar">
        <h1>{site?.name ?? link.welcome?.site.name ?? 'Muster'}</h1>
        <span class={`link ${live ? 'live' : 'down'}`} data-test="console-connection" role="status">
          {live ? 'Live' : session?.ended ? 'Logged out' : link.lastContactAt ? `Reconnecting… (last contact ${schoolTime(link.lastContactAt, site)})` : 'Connecting…'}
        </span>
        <span class="user">
          {props.user.username} ({props.user.role})
          {/* A disclosure: it names the panel it controls only while that panel exists (an id that points at nothing is invalid). */}
          <button
            type="button"
            class="link-button"
            data-test="open-account"
            aria-expanded={accountAskedAt > 0}
            aria-controls={accountAskedAt > 0 ? 'my-account' : undefined}
            onClick={() => setAccountAskedAt(Date.now())}
          >
            Change my password
          </button>
          <button type="button" class="link-button" data-test="logout" onClick={props.onLogOut}>
            Log out
          </button>
        </span>
      </header>
      <SessionNotice timeZone={link.welcome?.site.timeZone ?? site?.timeZone} />
      {!live && !session?.ended && (
        <p class="banner-warning" role="alert">
          The console has lost the hub. Screens keep their last mode. Use the PA and phone until the link is back.
        </p>
      )}

      {state && <WeatherOffer weather={link.weather} modes={state.modes} site={site} canStart={canOperate && live} />}

      <section class="panel">
        <h2>Active now</h2>
        {state ? (
          <ActiveModes modes={state.modes} priority={state.priority} site={site} now={now} canClear={canOperate && live} wordings={wordings} onAllClear={setClearing} />
        ) : (
          <p class="muted">Waiting for the hub…</p>
        )}
      </section>

      {canOperate && (
        <section class="panel">
          <h2>Start a mode</h2>
          <ModeButtons disabled={!live || site === null} onChoose={setStarting} />
        </section>
      )}

      <section class="panel">
        <h2>Screens</h2>
        {state ? <RollCallPanel state={state} site={site} now={now} /> : <p class="muted">Waiting for the hub…</p>}
      </section>

      {canOperate && state && (state.modes.some((m) => m.mode === 'evacuate') || state.hazards.areaIds.length + state.hazards.blockedPoiIds.length > 0) && (
        <section class="panel" data-test="hazard-panel">
          <h2>Hazards and blocked exits</h2>
          <HazardPanel hazards={state.hazards} site={site} />
        </section>
      )}



      {state && <DrillComplianceLine drillsRunning={state.modes.filter((m) => m.drill).length} />}

      {/* Last and collapsed: the binder must never push the mode buttons or the roll-call down. */}
      <PlansAndProcedures />
      {accountAskedAt > 0 && <AccountPanel askedAt={accountAskedAt} onClose={() => setAccountAskedAt(0)} />}

      {starting && site && <StartModeDialog mode={starting} site={site} wordings={wordings} onClose={() => setStarting(null)} onStarted={() => setStarting(null)} />}
      {clearing && site && <AllClearDialog active={clearing} site={site} onClose={() => setClearing(null)} onCleared={() => setClearing(null)} />}
    </div>
  );
}
