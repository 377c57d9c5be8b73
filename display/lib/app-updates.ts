// Service worker registration (workbox-window) and safe app updates for unattended screens.
// Kiosks never navigate, so a new service worker would wait forever. When one is waiting and the screen has
// painted normal content, the screen tells it to take over and reloads into it at once: the old page stays on
// screen until the new one paints, and the new one paints the saved state before it even reaches the hub.
// During a mode nothing happens; the update waits for the next normal paint.
import type { Workbox } from 'workbox-window';

export interface AppUpdates {
  /** Ask the hub for a newer service worker now (on reconnect, on a build mismatch). */
  check(): void;
  /** A new version is installed and waiting for a moment when it may take over. */
  readonly pending: boolean;
  /** Call after every paint: a waiting update takes over only when `mayActivateNow` returns true. */
  maybeActivate(): void;
}

export const NO_UPDATES: AppUpdates = { check() {}, pending: false, maybeActivate() {} };

/** How long the new worker has to acknowledge; past it the screen carries on and tries at the next paint. */
const ACK_TIMEOUT_MS = 5000;
/** How long to wait for the new worker to be active before reloading anyway (see handOver). */
const ACTIVATION_WAIT_MS = 3000;

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);

export function registerAppUpdates(options: {
  /** This page's build (__MUSTER_BUILD__), compared with the build the service worker holds. */
  build: string;
  mayActivateNow: () => boolean;
  onPendingChange?: () => void;
  scriptUrl?: string;
}): AppUpdates {
  if (!('serviceWorker' in navigator)) {
    // Off localhost a service worker needs HTTPS; without one the screen still works, just not offline.
    console.warn('Service workers are unavailable (HTTPS is required off localhost): this screen cannot work offline.');
    return NO_UPDATES;
  }
  // workbox-window is loaded after what a screen needs to paint, not before it: updates are never urgent, and the
  // service worker registered a moment later precaches the same files.
  const workboxWindow = import('workbox-window');
  const workbox = workboxWindow.then(({ Workbox }) => {
    const loaded = new Workbox(options.scriptUrl ?? '/sw.js');
    listenForUpdates(loaded);
    return loaded;
  });
  const registered = workbox.then((loaded) => loaded.register({ immediate: true }));
  registered.catch((error: unknown) => console.warn('Service worker registration failed:', error));
  let waiting = false;
  let handingOver = false;
  /** The new version took over during a mode (the screen asked just before the mode began): reload when normal. */
  let reloadWhenNormal = false;

  // Waiting for this screen's moment. (Why not skipWaiting and reload on "controlling": Chromium lets a new
  // version take over a page only once the old version is idle, and holds the page's requests meanwhile, so the
  // page's own requests would keep it from ever becoming idle. Reloading releases the page at once.)
  const handOver = async () => {
    handingOver = true;
    try {
      const worker = (await registered)?.waiting;
      if (!worker) return;
      const { messageSW } = await workboxWindow;
      if ((await within(messageSW(worker, { type: 'SKIP_WAITING' }), ACK_TIMEOUT_MS)) === 'timeout') {
        console.warn('The new version did not answer; trying again at the next paint.');
        return;
      }
      // Usually active within milliseconds. If the old version is busy with this page's requests it is not, and
      // the reload goes ahead anyway: it frees the old version, and the reloaded page finds itself older than
      // the build its worker holds and reloads once more (checkBuild).
      await within(
        new Promise<void>((resolve) => {
          if (worker.state === 'activated') return resolve();
          worker.addEventListener('statechange', () => worker.state === 'activated' && resolve());
        }),
        ACTIVATION_WAIT_MS,
      );
      handingOver = false;
      reloadWhenNormal = true;
      updates.maybeActivate();
    } finally {
      handingOver = false;
    }
  };

  function listenForUpdates(workbox: Workbox): void {
    workbox.addEventListener('waiting', () => {
      waiting = true;
      options.onPendingChange?.();
      updates.maybeActivate();
    });
    workbox.addEventListener('controlling', (event) => {
      // The first install only starts controlling the page already shown; an update that took over during a mode
      // reloads at the next normal paint.
      if (event.isUpdate) reloadWhenNormal = true;
    });
  }

  /** After an update check with nothing waiting: is this page older than the build its worker serves? */
  const checkBuild = async () => {
    const registration = await registered;
    if (!registration?.active || registration.waiting || registration.installing || !navigator.serviceWorker.controller) return;
    const response = await fetch('/build.json', { cache: 'no-store' });
    const { build } = (await response.json()) as { build?: unknown };
    if (typeof build === 'string' && build !== options.build) {
      reloadWhenNormal = true;
      updates.maybeActivate();
    }
  };

  const updates: AppUpdates = {
    check() {
      workbox
        .then((loaded) => loaded.update())
        .then(checkBuild)
        .catch(() => undefined);
    },
    get pending() {
      return waiting;
    },
    maybeActivate() {
      if (!options.mayActivateNow() || handingOver) return;
      if (reloadWhenNormal) return window.location.reload();
      if (waiting) void handOver();
    },
  };
  return updates;
}
