// Section "screen js": how much JavaScript a wall screen loads before it can show anything, gzipped, from the build
// the hub serves (dist/display, or MUSTER_STATIC_ROOT: hub/server.ts STATIC_ROOT), as scripts/screen-size.ts reads it
// from the screen build's manifest: its entry chunk and the chunks that imports statically. Chunks the screen loads
// later, on demand (the service worker precaches them too), are listed but not counted.
import { STATIC_ROOT } from '../hub/server.ts';
import { screenSize, type ScreenSize } from '../scripts/screen-size.ts';
import { BenchError } from './deadline.ts';
import { atMost, type Section, type SectionResult } from './section.ts';
import { round2 } from './stats.ts';

/** DESIGN.md: screen JavaScript at most 40 KB gzipped. */
export const SCREEN_JS_TARGET_KB = 40;

export const screenJsSection: Section = {
  name: 'screen js: the wall screen’s JavaScript, gzipped',
  async run(_options, log): Promise<SectionResult> {
    let size: ScreenSize;
    try {
      size = screenSize(STATIC_ROOT);
    } catch (error) {
      throw new BenchError(`no screen build manifest in ${STATIC_ROOT} (${(error as Error).message}): build the browser apps (npm run build), or set MUSTER_STATIC_ROOT to a build`);
    }
    const kb = (bytes: number) => bytes / 1024;
    for (const chunk of size.firstLoad) log(`first load ${chunk.file.padEnd(40)} ${kb(chunk.bytes).toFixed(1).padStart(7)} KB, gzipped ${kb(chunk.gzipBytes).toFixed(1).padStart(6)} KB`);
    for (const chunk of size.later) log(`later      ${chunk.file.padEnd(40)} ${kb(chunk.bytes).toFixed(1).padStart(7)} KB, gzipped ${kb(chunk.gzipBytes).toFixed(1).padStart(6)} KB`);
    const figures = {
      screen_js_gzip_kb: round2(kb(size.firstLoadGzipBytes)),
      screen_js_kb: round2(kb(size.firstLoad.reduce((sum, chunk) => sum + chunk.bytes, 0))),
      screen_js_chunks: size.firstLoad.length,
      screen_js_later_gzip_kb: round2(kb(size.later.reduce((sum, chunk) => sum + chunk.gzipBytes, 0))),
    };
    log(`before its first paint the screen loads ${figures.screen_js_chunks} chunks: ${figures.screen_js_kb} KB, ${figures.screen_js_gzip_kb} KB gzipped (from ${STATIC_ROOT})`);
    return { figures, targets: [atMost('screen_js_gzip_kb', figures.screen_js_gzip_kb, SCREEN_JS_TARGET_KB)] };
  },
};
