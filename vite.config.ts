// One build for the four browser apps (wall screen, office console, admin console, staff training) and the service worker.
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { browserAppBuildId } from './scripts/build-id.ts';

const root = resolve(import.meta.dirname, 'display');

/**
 * The build id (__MUSTER_BUILD__ in the apps, and build.json for the hub), which hub and screens compare in
 * hello/welcome to heal version drift. It is a hash of what the apps are built from and how (the mode and NODE_ENV
 * change the output too), so rebuilding the same tree (every `npm start`) makes no screen reload. MUSTER_BUILD_ID
 * overrides it.
 */
function buildInfo(): Plugin {
  let buildId = '';
  return {
    name: 'muster-build-info',
    config(_config, { mode }) {
      buildId = process.env.MUSTER_BUILD_ID ?? browserAppBuildId(import.meta.dirname, { mode, nodeEnv: process.env.NODE_ENV });
      return { define: { __MUSTER_BUILD__: JSON.stringify(buildId) } };
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'build.json', source: JSON.stringify({ build: buildId }) });
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: resolve(root, 'public'),
  plugins: [
    preact({ include: ['**/console/**', '**/admin/**'] }),
    // The service worker precaches every file in the output, so it is built after the last environment (below).
    ...VitePWA({
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,woff2,json,webmanifest}'] },
    }).map((plugin): Plugin => ({ ...plugin, applyToEnvironment: (environment) => environment.name === 'client' })),
    buildInfo(),
  ],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/display'),
    emptyOutDir: true,
    target: 'es2022',
  },
  // The wall screen is built on its own: in one build with the consoles, a library both use (zod) is bundled once
  // with everything either needs, so the screen would load the consoles' share too. Built first, since the consoles'
  // build (the `client` environment, which also makes the service worker) must not empty the folder after it.
  environments: {
    screen: {
      consumer: 'client',
      build: {
        // What scripts/screen-size.ts reads to tell how much JavaScript a screen loads before its first paint.
        manifest: '.vite/screen-manifest.json',
        // Screens run Chromium, which knows <link rel="modulepreload">: no polyfill in the first load.
        modulePreload: { polyfill: false },
        rollupOptions: { input: { screen: resolve(root, 'screen/index.html') } },
      },
    },
    client: {
      build: {
        emptyOutDir: false,
        rollupOptions: {
          input: {
            console: resolve(root, 'console/index.html'),
            admin: resolve(root, 'admin/index.html'),
            training: resolve(root, 'training/index.html'),
          },
        },
      },
    },
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.screen!);
      await builder.build(builder.environments.client!);
    },
  },
});
