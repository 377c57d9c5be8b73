// How much JavaScript a wall screen loads before it can paint: the screen's entry chunk and every chunk it imports
// statically, each gzipped, from the build's screen manifest (vite.config.ts writes it). Chunks the screen loads
// later (import()) are listed apart: they do not count, but the service worker precaches them too.
//   npx tsx scripts/screen-size.ts [build dir]      (default dist/display)
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Where vite.config.ts has the screen's build write its manifest, relative to the build folder. */
export const SCREEN_MANIFEST = '.vite/screen-manifest.json';
const SCREEN_ENTRY = 'screen/index.html';

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface ScreenSize {
  /** The entry and its static imports, in load order: what must arrive before the first paint. */
  firstLoad: ChunkSize[];
  firstLoadGzipBytes: number;
  /** Chunks reached only through import(). */
  later: ChunkSize[];
}

export function screenSize(buildDir: string): ScreenSize {
  const manifest = JSON.parse(readFileSync(join(buildDir, SCREEN_MANIFEST), 'utf8')) as Record<string, ManifestChunk>;
  const sizeOf = (key: string): ChunkSize => {
    const code = readFileSync(join(buildDir, manifest[key]!.file));
    return { file: manifest[key]!.file, bytes: code.length, gzipBytes: gzipSync(code).length };
  };
  if (!manifest[SCREEN_ENTRY]) throw new Error(`${SCREEN_MANIFEST} has no ${SCREEN_ENTRY}`);

  const first = new Set<string>();
  const visit = (key: string) => {
    if (first.has(key)) return;
    first.add(key);
    for (const imported of manifest[key]!.imports ?? []) visit(imported);
  };
  visit(SCREEN_ENTRY);

  const later = new Set<string>();
  const visitLater = (key: string) => {
    if (first.has(key) || later.has(key)) return;
    later.add(key);
    for (const imported of [...(manifest[key]!.imports ?? []), ...(manifest[key]!.dynamicImports ?? [])]) visitLater(imported);
  };
  for (const key of first) for (const imported of manifest[key]!.dynamicImports ?? []) visitLater(imported);

  const firstLoad = [...first].map(sizeOf);
  return { firstLoad, firstLoadGzipBytes: firstLoad.reduce((sum, c) => sum + c.gzipBytes, 0), later: [...later].map(sizeOf) };
}

// Run as a script (not imported, as the bench may): print the figures.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const buildDir = resolve(process.argv[2] ?? 'dist/display');
  const size = screenSize(buildDir);
  const kb = (bytes: number) => (bytes / 1000).toFixed(1).padStart(6);
  console.log('first load (kB gzipped):');
  for (const chunk of size.firstLoad) console.log(`  ${kb(chunk.gzipBytes)}  ${chunk.file}`);
  console.log(`  ${kb(size.firstLoadGzipBytes)}  total`);
  console.log('loaded later (kB gzipped):');
  for (const chunk of size.later) console.log(`  ${kb(chunk.gzipBytes)}  ${chunk.file}`);
}
