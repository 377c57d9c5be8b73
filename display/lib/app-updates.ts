// Service worker registration (workbox-window) and safe app updates for unattended screens.
// Kiosks never navigate, so a new service worker would wait forever: the screen asks it to take over, but
// only while the screen shows normal content, and reloads once it controls the page.
import { Workbox } from 'workbox-window';

export interface AppUpdates {
  /** Ask the hub for a newer service worker now (on reconnect, on a build mismatch). */
  check(): void;
  /** A new version is installed and waiting for a moment when it may take over. */
  readonly pending: boolean;
  /** Call whenever the screen's mode changes: a waiting update activates only when this returns true. */
  maybeActivate(): void;
}

const NO_UPDATES: AppUpdates = { check() {}, pending: false, maybeActivate() {} };

export function registerAppUpdates(options: { mayActivateNow: () => boolean; scriptUrl?: string }): AppUpdates {
  if (!('serviceWorker' in navigator)) {
    // Off localhost a service worker needs HTTPS; without one the screen still works, just not offline.
    console.warn('Service workers are unavailable (HTTPS is required off localhost): this screen cannot work offline.');
    return NO_UPDATES;
  }
  const workbox = new Workbox(options.scriptUrl ?? '/sw.js');
  let waiting = false;

  workbox.addEventListener('waiting', () => {
    waiting = true;
    updates.maybeActivate();
  });
  workbox.addEventListener('controlling', (event) => {
    // Only a real update reloads; the first install just starts controlling the page already shown.
    if (event.isUpdate) window.location.reload();
  });
  workbox.register({ immediate: true }).catch((error: unknown) => console.warn('Service worker registration failed:', error));

  const updates: AppUpdates = {
    check() {
      workbox.update().catch(() => undefined);
    },
    get pending() {
      return waiting;
    },
    maybeActivate() {
      if (waiting && options.mayActivateNow()) workbox.messageSkipWaiting();
    },
  };
  return updates;
}
