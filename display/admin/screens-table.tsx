// Every screen's health, live: online, whether it can sound its tones, last seen, app build, what it last confirmed
// painting, when it was last checked in a readiness sweep; and per screen, its sound on or off, a new kiosk link (a fresh device token) or unpairing, which
// disconnects it at once.
import { useState } from 'preact/hooks';
import type { HubState, ScreenStatus } from '../../shared/protocol.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { reloadSite, useSite } from '../lib/use-site.ts';
import { ScreenPreviewPanel } from './screen-preview-panel.tsx';
import { lastSwept } from './sweep/sweep-words.ts';
import type { SweepResult } from './sweep/sweep-types.ts';
import { useSweepResults } from './sweep/use-sweep-results.ts';
import './sweep/sweep.css';

function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return seconds < 60 ? `${seconds} s ago` : seconds < 3600 ? `${Math.round(seconds / 60)} min ago` : new Date(iso).toLocaleString();
}

/** "3 h 12 min", "2 days": how long the screen's app has run. */
function uptime(iso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${Math.floor(minutes / 1440)} days`;
}

/** What an online screen said about its sound; a blocked one needs someone to fix its kiosk. */
function SoundHealthLine({ sound }: { sound: ScreenStatus['sound'] }) {
  switch (sound) {
    case 'ok':
      return <div class="muted">Sound on</div>;
    case 'off':
      return <div class="muted">Muted: sounds no tones</div>;
    case 'blocked':
      return <div class="bad">Sound blocked — kiosk must allow autoplay</div>;
    case 'unavailable':
      return <div class="bad">No sound: this browser cannot play audio</div>;
    case null:
      return null;
  }
}

function ScreenActions(props: { screen: ScreenStatus; soundOn: boolean; canEdit: boolean; onPreview: () => void }) {
  const { screen } = props;
  const action = useApiAction();
  const [link, setLink] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [unpaired, setUnpaired] = useState(false);
  const preview = (
    <button type="button" class="link-button" data-test={`preview-${screen.id}`} onClick={props.onPreview}>
      Preview
    </button>
  );
  if (!props.canEdit) return <div class="screen-actions">{preview}</div>;
  const newLink = async () => {
    if (!window.confirm(`Make a new link for “${screen.name}”? The kiosk showing it now is disconnected until it is opened on the new link.`)) return;
    const body = await action.run(() => call(api.screens[':screenId'].link.$post({ param: { screenId: screen.id } })));
    if (body) setLink(new URL(body.path, window.location.origin).href);
  };
  const unpair = async () => {
    const body = await action.run(() => call(api.screens[':screenId'].pairing.$delete({ param: { screenId: screen.id } })));
    setConfirming(false);
    if (body) setUnpaired(true);
  };
  const setSound = async (sound: boolean) => {
    const body = await action.run(() => call(api.screens[':screenId'].sound.$put({ param: { screenId: screen.id }, json: { sound } })));
    if (body) void reloadSite();
  };
  const command = async (what: 'identify' | 'reload') => {
    const param = { param: { screenId: screen.id } };
    await action.run(() => call(what === 'identify' ? api.screens[':screenId'].identify.$post(param) : api.screens[':screenId'].reload.$post(param)));
  };
  return (
    <div class="screen-actions">
      {preview}
      <button type="button" class="link-button" data-test={`identify-${screen.id}`} disabled={action.busy || !screen.online} title="Shows the screen's name on it for 15 s" onClick={() => command('identify')}>
        Identify
      </button>
      <button type="button" class="link-button" data-test={`reload-${screen.id}`} disabled={action.busy || !screen.online} title="Reloads its app (during a mode: once it is over)" onClick={() => command('reload')}>
        Reload
      </button>
      <button
        type="button"
        class="link-button"
        data-test={`sound-${screen.id}`}
        disabled={action.busy}
        title={props.soundOn ? 'No tones on this screen: for one that must stay silent (a library, a room people hide in)' : 'Sound the tones of modes and the All Clear on this screen again'}
        onClick={() => setSound(!props.soundOn)}
      >
        {props.soundOn ? 'Mute' : 'Unmute'}
      </button>
      <button type="button" class="link-button" data-test={`new-link-${screen.id}`} disabled={action.busy} onClick={newLink}>
        New link
      </button>
      {confirming ? (
        <span class="confirm-inline">
          Disconnect it now?{' '}
          <button type="button" class="danger" data-test={`confirm-unpair-${screen.id}`} disabled={action.busy} onClick={unpair}>
            Unpair
          </button>{' '}
          <button type="button" class="link-button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <button type="button" class="link-button" data-test={`unpair-${screen.id}`} onClick={() => setConfirming(true)}>
          Unpair
        </button>
      )}
      {link && (
        <p class="link-box" data-test={`link-${screen.id}`}>
          Open this once on the kiosk (it is shown only now): <code>{link}</code>
        </p>
      )}
      {unpaired && <p class="muted">Unpaired: it now asks to be paired again.</p>}
      {action.error && (
        <p class="error" role="alert">
          {action.error}
        </p>
      )}
    </div>
  );
}

/** When the screen was last checked in a readiness sweep, and what was found. */
function LastSweptCell(props: { result: SweepResult | undefined; timeZone: string | null }) {
  const swept = lastSwept(props.result, props.timeZone);
  if (swept.ok === null) return <span class="sweep-never">Never swept</span>;
  return (
    <>
      <div>
        {swept.when}: <span class={swept.ok ? 'ok' : 'bad'}>{swept.ok ? 'OK' : `problem: ${swept.failed}`}</span>
      </div>
      {swept.note && <div class="muted">“{swept.note}”</div>}
    </>
  );
}

export function ScreensTable(props: { state: HubState; now: number; canEdit: boolean }) {
  const [previewing, setPreviewing] = useState<ScreenStatus | null>(null);
  const { site } = useSite();
  const sweeps = useSweepResults();
  const neverSwept = sweeps && props.state.screens.filter((screen) => !sweeps.has(screen.id)).length;
  return (
    <>
      {previewing && <ScreenPreviewPanel screenId={previewing.id} screenName={previewing.name} onClose={() => setPreviewing(null)} />}
      {neverSwept !== null && (
        <p class={neverSwept > 0 ? 'sweep-never' : 'muted'} data-test="never-swept" data-count={neverSwept}>
          {neverSwept === 0
            ? 'Every screen has been checked in a readiness sweep.'
            : `${neverSwept} of ${props.state.screens.length} screens never checked in a readiness sweep`}
          {props.canEdit && neverSwept > 0 && (
            <>
              {' '}
              (<a href="#sweep">start a sweep</a>)
            </>
          )}
        </p>
      )}
      {/* Wider than a phone: the table scrolls sideways inside the page rather than widen it. */}
      <div class="table-scroll">
        <table class="screens" data-test="screens-table">
          <thead>
            <tr>
              <th>Screen</th>
              <th>Location</th>
              <th>Status</th>
              <th>Last seen</th>
              <th>Shows</th>
              <th>App</th>
              <th>Last swept</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.state.screens.map((screen) => (
              <tr key={screen.id} data-test={`screen-row-${screen.id}`}>
                <td>
                  <strong>{screen.name}</strong>
                  <div class="muted">{screen.id}</div>
                </td>
                <td>{screen.location}</td>
                <td>
                  <span class={screen.online ? 'ok' : 'bad'}>{screen.online ? 'Online' : 'Offline'}</span>
                  {screen.online && <SoundHealthLine sound={screen.sound} />}
                </td>
                {/* Online is in contact now (a screen that misses two heartbeats goes offline): its pings are not
                    pushed to consoles, so its last-seen time would only move with its other news. */}
                <td>{screen.online ? 'Now' : ago(screen.lastSeenAt, props.now)}</td>
                <td>
                  {screen.lastReceipt
                    ? `${MODE_CATALOGUE[screen.lastReceipt.mode].text.en.name}${screen.lastReceipt.drill ? ' (drill)' : ''} · #${screen.lastReceipt.seq}`
                    : '—'}
                  {/* A screen never seen in normal times is simply not set up yet; during a mode every screen counts. */}
                  {!screen.confirmed && (screen.lastSeenAt !== null || screen.expected.mode !== 'normal') && (
                    <div class="bad">should show {MODE_CATALOGUE[screen.expected.mode].text.en.name}</div>
                  )}
                </td>
                <td>
                  {screen.build ?? '—'}
                  {screen.contentRevision !== null && <div class="muted">content #{screen.contentRevision}</div>}
                  {screen.online && screen.appStartedAt && <div class="muted">up {uptime(screen.appStartedAt, props.now)}</div>}
                </td>
                <td data-test={`last-swept-${screen.id}`}>{sweeps ? <LastSweptCell result={sweeps.get(screen.id)} timeZone={site?.timeZone ?? null} /> : '—'}</td>
                <td>
                  <ScreenActions
                    screen={screen}
                    soundOn={site?.screens.find((s) => s.id === screen.id)?.sound !== false}
                    canEdit={props.canEdit}
                    onPreview={() => setPreviewing(screen)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
