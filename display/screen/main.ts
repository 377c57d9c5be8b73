// Wall screen entry: /screen/?id=<screenId>. Registers the service worker first, then mounts <muster-screen>,
// which paints the last saved state before it even tries the hub.
import { registerAppUpdates } from '../lib/app-updates.ts';
import './muster-screen.ts';

const screenId = new URLSearchParams(window.location.search).get('id')?.trim() ?? '';
const root = document.getElementById('screen-root')!;

if (screenId === '') {
  root.innerHTML = `<p class="setup">This is a Muster wall screen. Open it as <code>/screen/?id=&lt;screen id&gt;</code>;
    the hub prints the address of every screen when it starts.</p>`;
} else {
  const element = document.createElement('muster-screen');
  element.screenId = screenId;
  // A new app version takes over only once the screen has painted normal content, never during a mode; the
  // screen asks after every paint (muster-screen's updated()).
  element.updates = registerAppUpdates({
    build: __MUSTER_BUILD__,
    mayActivateNow: () => element.dataset.mode === 'normal',
    onPendingChange: () => element.requestUpdate(),
  });
  root.replaceChildren(element);
}
