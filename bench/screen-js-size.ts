// Section "screen js": how much JavaScript a wall screen loads before it can show anything, gzipped. Read from the
// build the hub serves (dist/display, or MUSTER_STATIC_ROOT: hub/server.ts STATIC_ROOT): the module graph that
// screen/index.html declares, i.e. its module entry script plus the chunks vite lists as its static imports
// (`<link rel="modulepreload">`); chunks the screen imports later, on demand, are not counted.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { STATIC_ROOT } from '../hub/server.ts';
import { BenchError } from './deadline.ts';
import { atMost, type Section, type SectionResult } from './section.ts';
import { round2 } from './stats.ts';

/** DESIGN.md: screen JavaScript at most 40 KB gzipped. */
export const SCREEN_JS_TARGET_KB = 40;

export const screenJsSection: Section = {
  name: 'screen js: the wall screen’s JavaScript, gzipped',
  async run(_options, log): Promise<SectionResult> {
    const page = join(STATIC_ROOT, 'screen', 'index.html');
    const html = await readFile(page, 'utf8').catch(() => {
      throw new BenchError(`no ${page}: build the browser apps (npm run build), or set MUSTER_STATIC_ROOT to a build`);
    });
    const { document } = new JSDOM(html).window;
    const urls = [
      ...[...document.querySelectorAll('script[type="module"][src]')].map((s) => s.getAttribute('src')!),
      ...[...document.querySelectorAll('link[rel="modulepreload"][href]')].map((l) => l.getAttribute('href')!),
    ];
    if (urls.length === 0) throw new BenchError(`${page} loads no module script`);
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const url of new Set(urls)) {
      // The app is served from the root of the build ("/assets/…"); a relative URL is relative to the page.
      const file = url.startsWith('/') ? join(STATIC_ROOT, url) : join(STATIC_ROOT, 'screen', url);
      const code = await readFile(file);
      // Level 9, as vite's own build report measures it.
      const gzipped = gzipSync(code, { level: 9 }).length;
      rawBytes += code.length;
      gzipBytes += gzipped;
      log(`${url.padEnd(44)} ${(code.length / 1024).toFixed(1).padStart(7)} KB, gzipped ${(gzipped / 1024).toFixed(1).padStart(6)} KB`);
    }
    const figures = { screen_js_gzip_kb: round2(gzipBytes / 1024), screen_js_kb: round2(rawBytes / 1024), screen_js_chunks: new Set(urls).size };
    log(`the screen loads ${figures.screen_js_chunks} chunks: ${figures.screen_js_kb} KB, ${figures.screen_js_gzip_kb} KB gzipped (from ${STATIC_ROOT})`);
    return { figures, targets: [atMost('screen_js_gzip_kb', figures.screen_js_gzip_kb, SCREEN_JS_TARGET_KB)] };
  },
};
