// A Preact hook for the consoles' live link: console-hello over the session cookie, then the hub's state
// (active modes, every screen's status, the roll-call): whole on connect, then what changed (shared/console-view.ts).
import { useEffect, useRef, useState } from 'preact/hooks';
import { applyConsoleMessage, type ConsoleView } from '../../shared/console-view.ts';
import { CLOSE_CODES, PROTOCOL_VERSION, type Welcome } from '../../shared/protocol.ts';
import type { WeatherOffers } from '../../shared/weather-alerts.ts';
import { HubConnection, type ConnectionStatus } from './hub-connection.ts';
import { reloadSite } from './use-site.ts';

export interface ConsoleLink {
  status: ConnectionStatus;
  welcome: Welcome | null;
  state: ConsoleView;
  /** The weather feed's offers (hub/integrations/weather/); null until the hub has told of any. */
  weather: WeatherOffers | null;
  /** When the hub last said anything. */
  lastContactAt: number | null;
  /** The hub refused the session: the user must log in again. */
  loggedOut: boolean;
  /** The session generation the link was opened in (use-session.ts), so a late refusal of an old session is told apart. */
  generation: number;
}

/**
 * `generation`: a new session (logged in again, password changed) opens a new link; what was shown stays meanwhile.
 * `onRoleChanged`: an administrator changed this account's role; the link reconnects as the new role by itself.
 */
export function useConsoleLink(build: string, generation = 0, onRoleChanged?: () => void): ConsoleLink {
  const [link, setLink] = useState<ConsoleLink>({ status: 'connecting', welcome: null, state: null, weather: null, lastContactAt: null, loggedOut: false, generation });
  const roleChanged = useRef(onRoleChanged);
  roleChanged.current = onRoleChanged;

  useEffect(() => {
    setLink((l) => ({ ...l, loggedOut: false, generation }));
    const connection: HubConnection = new HubConnection({
      hello: () => ({ type: 'console-hello', protocol: PROTOCOL_VERSION, build }),
      onMessage: (message) => {
        const at = connection.lastContactAt;
        if (message.type === 'welcome') setLink((l) => ({ ...l, welcome: message, lastContactAt: at }));
        else if (message.type === 'site-changed') void reloadSite();
        else if (message.type === 'state' || message.type === 'state-delta') setLink((l) => ({ ...l, state: applyConsoleMessage(l.state, message), lastContactAt: at }));
        else if (message.type === 'weather') setLink((l) => ({ ...l, weather: { alerts: message.alerts, ended: message.ended }, lastContactAt: at }));
        else if (message.type === 'error' && message.code === 'unauthenticated') setLink((l) => ({ ...l, loggedOut: true, generation }));
        else setLink((l) => ({ ...l, lastContactAt: at }));
      },
      onStatus: (status, { closeCode }) => {
        if (closeCode === CLOSE_CODES.unauthorized) {
          connection.stop();
          setLink((l) => ({ ...l, status: 'stopped', loggedOut: true, generation }));
          return;
        }
        if (closeCode === CLOSE_CODES.roleChanged) roleChanged.current?.();
        setLink((l) => ({ ...l, status }));
      },
    });
    connection.start();
    return () => connection.stop();
  }, [build, generation]);

  return link;
}
