// The service worker: precaches every built file (shells, scripts, styles, icons, the mode catalogue inside them)
// so a screen boots with the hub down. Never touches /api or /ws: live state only ever comes from the hub.
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { StaleWhileRevalidate } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// The first version controls screens at once; later versions wait until the page asks (see lib/app-updates.ts).
clientsClaim();
cleanupOutdatedCaches();

precacheAndRoute(self.__WB_MANIFEST, {
  // /screen/?id=main-1-east is served by the precached /screen/index.html: the id is read by the page.
  ignoreURLParametersMatching: [/.*/],
  directoryIndex: 'index.html',
});

// Floor maps and the pictures of slides change when the facility manager edits them: show the cached copy at
// once (offline too) and refresh it in the background. Only these are cached at run time; /api and /ws never are.
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/content-images/'),
  new StaleWhileRevalidate({ cacheName: 'muster-content-images', plugins: [new ExpirationPlugin({ maxEntries: 200 })] }),
);
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/maps/'),
  new StaleWhileRevalidate({ cacheName: 'muster-maps', plugins: [new ExpirationPlugin({ maxEntries: 200 })] }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type !== 'SKIP_WAITING') return;
  // The page reloads as soon as it hears back; the promise is not awaited: it settles only once the old
  // version is gone, and that waits for the page.
  void self.skipWaiting();
  event.ports[0]?.postMessage({ type: 'SKIPPING_WAITING' });
});
