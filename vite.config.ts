// One build for the three browser apps (wall screen, office console, admin console) and the service worker.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { browserAppBuildId } from './scripts/build-id.ts';

const root = resolve(import.meta.dirname, 'display');
// Hub and screens compare the build id in hello/welcome to heal version drift. It is a hash of what the apps are
// built from, so rebuilding the same tree (every `npm start`) makes no screen reload; MUSTER_BUILD_ID overrides it.
const buildId = process.env.MUSTER_BUILD_ID ?? browserAppBuildId(import.meta.dirname);

export default defineConfig({
  root,
  base: '/',
  publicDir: resolve(root, 'public'),
  define: { __MUSTER_BUILD__: JSON.stringify(buildId) },
  plugins: [
    preact({ include: ['**/console/**', '**/admin/**'] }),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,woff2,json,webmanifest}'] },
    }),
    {
      name: 'muster-build-info',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'build.json', source: JSON.stringify({ build: buildId }) });
      },
    },
  ],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/display'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        screen: resolve(root, 'screen/index.html'),
        console: resolve(root, 'console/index.html'),
        admin: resolve(root, 'admin/index.html'),
      },
    },
  },
});
