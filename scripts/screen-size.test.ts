import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { SCREEN_MANIFEST, screenSize } from './screen-size.ts';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function build(files: Record<string, string>, manifest: Record<string, unknown>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'muster-screen-size-'));
  for (const [path, text] of Object.entries({ ...files, [SCREEN_MANIFEST]: JSON.stringify(manifest) })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('screenSize', () => {
  it('counts the entry and what it imports statically, and lists what it imports later apart', async () => {
    const code = { entry: 'import "./shared.js";'.repeat(50), shared: 'export const a = 1;'.repeat(80), later: 'export const b = 2;'.repeat(30), map: 'x'.repeat(500) };
    const buildDir = await build(
      { 'assets/entry.js': code.entry, 'assets/shared.js': code.shared, 'assets/later.js': code.later, 'assets/map.js': code.map },
      {
        'screen/index.html': { file: 'assets/entry.js', imports: ['_shared.js'], dynamicImports: ['display/screen/later.ts', 'display/screen/map.ts'] },
        '_shared.js': { file: 'assets/shared.js' },
        // A lazy chunk that imports the shared chunk (already loaded) and another lazy one.
        'display/screen/later.ts': { file: 'assets/later.js', imports: ['_shared.js', 'display/screen/map.ts'] },
        'display/screen/map.ts': { file: 'assets/map.js', imports: ['_shared.js'] },
      },
    );
    const size = screenSize(buildDir);
    expect(size.firstLoad.map((c) => c.file)).toEqual(['assets/entry.js', 'assets/shared.js']);
    expect(size.firstLoadGzipBytes).toBe(gzipSync(code.entry).length + gzipSync(code.shared).length);
    expect(size.later.map((c) => c.file).sort()).toEqual(['assets/later.js', 'assets/map.js']);
  });

  it('refuses a manifest without the screen', async () => {
    const buildDir = await build({}, { 'console/index.html': { file: 'assets/console.js' } });
    expect(() => screenSize(buildDir)).toThrow(/screen\/index.html/);
  });
});
