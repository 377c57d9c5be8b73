// Every screen's health, live: online, last seen, app build, what it last confirmed painting.
import type { HubState } from '../../shared/protocol.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';

function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return seconds < 60 ? `${seconds} s ago` : seconds < 3600 ? `${Math.round(seconds / 60)} min ago` : new Date(iso).toLocaleString();
}

export function ScreensTable(props: { state: HubState; now: number }) {
  return (
    <table class="screens" data-test="screens-table">
      <thead>
        <tr>
          <th>Screen</th>
          <th>Location</th>
          <th>Status</th>
          <th>Last seen</th>
          <th>Shows</th>
          <th>App build</th>
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
            <td class={screen.online ? 'ok' : 'bad'}>{screen.online ? 'Online' : 'Offline'}</td>
            <td>{ago(screen.lastSeenAt, props.now)}</td>
            <td>
              {screen.lastReceipt
                ? `${MODE_CATALOGUE[screen.lastReceipt.mode].text.en.name}${screen.lastReceipt.drill ? ' (drill)' : ''} · #${screen.lastReceipt.seq}`
                : '—'}
              {!screen.confirmed && <div class="bad">should show {MODE_CATALOGUE[screen.expected.mode].text.en.name}</div>}
            </td>
            <td>{screen.build ?? '—'}</td>
            <td>
              <a href={`/screen/?id=${encodeURIComponent(screen.id)}`} target="_blank" rel="noopener">
                Open
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
