// Wall screen entry: /screen/ (a new screen: shows a pairing code) or /screen/?id=<screenId> once paired. One
// browser profile may run several screens, each at its own address with its own identity (screen-identity.ts).
// Registers the service worker first, then mounts <muster-screen>, which paints the last saved state before it
// even tries the hub.
import { registerAppUpdates } from '../lib/app-updates.ts';
import './muster-screen.ts';
import { clearSavedScreenState } from './screen-state-saver.ts';
import { clearIdentity, resolveIdentity } from './screen-identity.ts';

const root = document.getElementById('screen-root')!;
// The admin console's preview of a takeover: draws what its parent page posts, talks to no hub.
const preview = new URLSearchParams(window.location.search).has('preview');
const identity = preview ? null : resolveIdentity(window.location, (url) => window.history.replaceState(null, '', url));
const screen = identity ? Object.assign(document.createElement('muster-screen'), { screenId: identity.screenId, token: identity.token }) : null;

// A new app version takes over only once the screen has painted normal content, never during a mode; the screen
// asks after every paint (muster-screen's updated()). A screen waiting to be paired may update at any time.
const updates = registerAppUpdates({
  build: __MUSTER_BUILD__,
  mayActivateNow: () => screen === null || screen.dataset.mode === 'normal',
  onPendingChange: () => screen?.requestUpdate(),
});

// The preview and the pairing page are loaded only where they are shown; each element draws itself once loaded.
if (preview) {
  root.replaceChildren(document.createElement('muster-preview'));
  import('./muster-preview.ts').catch((error: unknown) => console.warn('Could not load the preview:', error));
} else if (screen === null) {
  root.replaceChildren(document.createElement('muster-pairing'));
  import('./muster-pairing.ts').catch((error: unknown) => console.warn('Could not load the pairing page:', error));
} else {
  screen.updates = updates;
  // The hub no longer knows this device (unpaired, or replaced by another): forget this screen, only this one, and
  // ask to be paired. The address keeps its id, so the page cannot take up the identity of another screen of the
  // profile, as plain /screen/ would when just one is left.
  screen.addEventListener('muster-unpaired', () => {
    clearIdentity(screen.screenId);
    // Leaving the page before the removal completes could cancel it.
    void clearSavedScreenState(screen.screenId).finally(() => window.location.replace(`/screen/?id=${encodeURIComponent(screen.screenId)}`));
  });
  root.replaceChildren(screen);
}
