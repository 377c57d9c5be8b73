import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { browserAppBuildId, buildIdOf, isBuiltFile, readBuildInputs, type BuildInput } from './build-id.ts';

const files: BuildInput[] = [
  { path: 'display/screen/main.ts', content: 'console.log("screen");\n' },
  { path: 'shared/modes.ts', content: 'export const MODES = ["lockdown"];\n' },
  { path: 'package-lock.json', content: '{"lockfileVersion":3}\n' },
];

describe('buildIdOf', () => {
  it('gives the same id for the same files, in whatever order they were listed', () => {
    const id = buildIdOf(files);
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(buildIdOf(files.map((file) => ({ ...file })))).toBe(id);
    expect(buildIdOf([...files].reverse())).toBe(id);
    expect(buildIdOf([files[1]!, files[2]!, files[0]!])).toBe(id);
  });

  it('gives another id when one byte changes, a file is renamed, added or removed', () => {
    const id = buildIdOf(files);
    expect(buildIdOf([{ ...files[0]!, content: 'console.log("screeN");\n' }, files[1]!, files[2]!])).not.toBe(id);
    expect(buildIdOf([{ ...files[0]!, path: 'display/screen/main2.ts' }, files[1]!, files[2]!])).not.toBe(id);
    expect(buildIdOf([...files, { path: 'display/public/icon.svg', content: '<svg/>' }])).not.toBe(id);
    expect(buildIdOf(files.slice(1))).not.toBe(id);
  });

  it('treats text and the same bytes alike, and does not let two files run together', () => {
    expect(buildIdOf([{ path: 'a', content: new TextEncoder().encode('hé') }])).toBe(buildIdOf([{ path: 'a', content: 'hé' }]));
    expect(buildIdOf([{ path: 'a', content: 'bc' }, { path: 'b', content: '' }])).not.toBe(buildIdOf([{ path: 'a', content: 'b' }, { path: 'b', content: 'c' }]));
  });
});

describe('readBuildInputs', () => {
  let root = '';
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('reads the built files of a tree, leaving out tests and dotfiles, so editing a test changes no id', async () => {
    root = await mkdtemp(join(tmpdir(), 'muster-build-id-'));
    await mkdir(join(root, 'display/screen'), { recursive: true });
    await mkdir(join(root, 'shared'), { recursive: true });
    await writeFile(join(root, 'display/screen/main.ts'), 'screen');
    await writeFile(join(root, 'display/screen/main.test.ts'), 'a test');
    await writeFile(join(root, 'display/.DS_Store'), 'junk');
    await writeFile(join(root, 'shared/modes.ts'), 'modes');
    await writeFile(join(root, 'vite.config.ts'), 'config');

    const inputs = readBuildInputs(root, ['display', 'shared', 'vite.config.ts', 'package-lock.json']);
    expect(inputs.map((input) => input.path).sort()).toEqual(['display/screen/main.ts', 'shared/modes.ts', 'vite.config.ts']);
    const id = buildIdOf(inputs);

    await writeFile(join(root, 'display/screen/main.test.ts'), 'another test');
    expect(buildIdOf(readBuildInputs(root, ['display', 'shared', 'vite.config.ts']))).toBe(id);
    await writeFile(join(root, 'shared/modes.ts'), 'modes!');
    expect(buildIdOf(readBuildInputs(root, ['display', 'shared', 'vite.config.ts']))).not.toBe(id);
  });

  it('gives a build of the same tree in another mode or NODE_ENV another id (it is another app)', async () => {
    root = await mkdtemp(join(tmpdir(), 'muster-build-id-'));
    await mkdir(join(root, 'display'), { recursive: true });
    await writeFile(join(root, 'display/main.ts'), 'screen');
    const production = browserAppBuildId(root, { mode: 'production', nodeEnv: undefined });
    expect(browserAppBuildId(root, { nodeEnv: undefined, mode: 'production' })).toBe(production);
    expect(browserAppBuildId(root, { mode: 'production', nodeEnv: 'test' })).not.toBe(production);
    expect(browserAppBuildId(root, { mode: 'development', nodeEnv: undefined })).not.toBe(production);
  });

  it('knows a test from a source file', () => {
    expect(isBuiltFile('display/lib/backoff.ts')).toBe(true);
    expect(isBuiltFile('display/lib/backoff.test.ts')).toBe(false);
    expect(isBuiltFile('display/admin/plan-edits.test.tsx')).toBe(false);
    expect(isBuiltFile('display/.eslintrc')).toBe(false);
  });
});
