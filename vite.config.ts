// One build for the three browser apps (wall screen, office console, admin console) and the service worker.
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = resolve(import.meta.dirname, 'display');
// A build id changes with every build; hub and screens compare it in hello/welcome to heal version drift.
const buildId = process.env.MUSTER_BUILD_ID ?? createHash('sha256').update(String(Date.now())).digest('hex').slice(0, 12);

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
