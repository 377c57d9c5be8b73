import { describe, expect, it } from 'vitest';
import { parseManifest, unsafePathReason } from './backup-manifest.ts';

const SHA = 'a'.repeat(64);
const manifest = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'muster-backup',
    version: 1,
    createdAt: '2026-07-16T03:15:00.000Z',
    app: { version: '0.1.0' },
    site: { id: 'maple-grove', name: 'Maple Grove' },
    files: [{ path: 'muster.json', size: 10, sha256: SHA }],
    ...overrides,
  });

describe('archive paths', () => {
  it('accepts plain relative paths', () => {
    for (const path of ['muster.json', 'maps/main-1.svg', 'tls/ca.key', 'documents/0123.pdf']) expect(unsafePathReason(path)).toBeNull();
  });
  it('refuses any path that could leave the directory it is restored into', () => {
    for (const path of ['', '/etc/passwd', '../x', 'maps/../../x', 'a//b', './x', 'a/./b', 'a\\..\\b', 'C:/x', 'c:x', 'a\0b', 'maps/']) {
      expect(unsafePathReason(path), path).not.toBeNull();
    }
  });
});

describe('parseManifest', () => {
  it('reads a valid manifest', () => {
    const parsed = parseManifest(manifest());
    expect('manifest' in parsed && parsed.manifest.site.id).toBe('maple-grove');
  });
  it('tells a newer format from a foreign file and from damage', () => {
    expect(parseManifest(manifest({ version: 2 }))).toEqual({ problem: expect.stringMatching(/newer Muster .* update Muster/) });
    expect(parseManifest(manifest({ format: 'something-else' }))).toEqual({ problem: expect.stringMatching(/not a Muster backup manifest/) });
    expect(parseManifest('{"format": "muster-backup", ')).toEqual({ problem: expect.stringMatching(/not valid JSON/) });
    expect(parseManifest('[1, 2]')).toEqual({ problem: expect.stringMatching(/not a Muster backup manifest/) });
  });
  it('refuses unsafe or repeated paths, bad hashes and sizes', () => {
    const file = (path: string, extra = {}) => ({ path, size: 1, sha256: SHA, ...extra });
    expect(parseManifest(manifest({ files: [file('../muster.json')] }))).toEqual({ problem: expect.stringMatching(/"\.\.\/muster\.json" has a "\.\." segment/) });
    expect(parseManifest(manifest({ files: [file('a'), file('a')] }))).toEqual({ problem: expect.stringMatching(/a is listed twice/) });
    expect(parseManifest(manifest({ files: [file('manifest.json')] }))).toEqual({ problem: expect.stringMatching(/lists itself/) });
    expect(parseManifest(manifest({ files: [file('a', { sha256: 'xyz' })] }))).toEqual({ problem: expect.stringMatching(/files\.0\.sha256/) });
    expect(parseManifest(manifest({ files: [file('a', { size: -1 })] }))).toEqual({ problem: expect.stringMatching(/files\.0\.size/) });
  });
});
