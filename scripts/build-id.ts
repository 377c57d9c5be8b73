// The build id of the browser apps: a hash of what goes into them, so two builds of the same tree share one id
// (restarting or rebuilding the hub reloads no screen) and any change to the apps makes a new one.
// Used by vite.config.ts; MUSTER_BUILD_ID overrides it there.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface BuildInput {
  /** Relative to the project, with forward slashes: a renamed file is a changed app. */
  path: string;
  content: string | Uint8Array;
}

/** What the browser apps are built from: their sources, the shared contract, the build and compiler settings and
 * the exact dependency versions. Hub code is left out: display/ imports it only as types, which build to nothing. */
export const BROWSER_APP_INPUTS = ['display', 'shared', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'] as const;

/** Unit tests sit beside the code but are not built; dotfiles are editors' and systems' leftovers. */
export function isBuiltFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return !name.startsWith('.') && !/\.test\.tsx?$/.test(name);
}

/** Twelve hex digits of a SHA-256 over every input's path and bytes, taken in path order (not listing order). */
export function buildIdOf(inputs: readonly BuildInput[]): string {
  const hash = createHash('sha256');
  const sorted = [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { path, content } of sorted) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    // Path and length first, so no two different sets of files can run together into the same stream of bytes.
    hash.update(`${path}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex').slice(0, 12);
}

/** Every built file under `entries` (folders walked, files taken as they are); an entry that does not exist is skipped. */
export function readBuildInputs(root: string, entries: readonly string[] = BROWSER_APP_INPUTS): BuildInput[] {
  const inputs: BuildInput[] = [];
  const visit = (path: string) => {
    let stats;
    try {
      stats = statSync(join(root, path));
    } catch {
      return; // a checkout without package-lock.json still builds
    }
    if (stats.isDirectory()) {
      for (const name of readdirSync(join(root, path))) if (!name.startsWith('.') && name !== 'node_modules') visit(`${path}/${name}`);
    } else if (stats.isFile() && isBuiltFile(path)) {
      inputs.push({ path, content: readFileSync(join(root, path)) });
    }
  };
  for (const entry of entries) visit(entry);
  return inputs;
}

/** The build id of the browser apps in the project at `root`, built with `settings` that change the output without
 * changing a file (Vite's mode, NODE_ENV: a development build of the same tree is another app). */
export function browserAppBuildId(root: string, settings: Record<string, string | undefined> = {}): string {
  const sorted = Object.fromEntries(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : 1)));
  // No file can have this path: it holds the settings.
  return buildIdOf([...readBuildInputs(root), { path: '\0settings', content: JSON.stringify(sorted) }]);
}
