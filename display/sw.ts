// The service worker: precaches every built file (shells, scripts, styles, icons, the mode catalogue inside them)
// so a screen boots with the hub down. Never touches /api or /ws: live state only ever comes from the hub.
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// The first version controls screens at once; later versions wait until the page asks (see lib/app-updates.ts).
clientsClaim();
cleanupOutdatedCaches();

precacheAndRoute(self.__WB_MANIFEST, {
  // /screen/?id=main-1-east is served by the precached /screen/index.html: the id is read by the page.
  ignoreURLParametersMatching: [/.*/],
  directoryIndex: 'index.html',
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
