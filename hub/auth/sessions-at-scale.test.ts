// A login at a school with 10,000 screens writes the sessions, a few hundred bytes, and none of the files that grow
// with the school (the site, the devices, the floor plans): their inodes and contents stay as they were.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Site } from '../../shared/model.ts';
import { loadSiteFile, seedData, seedDevices } from '../store/seed.ts';
import { openStore, STORE_PARTS_DIR } from '../store/store.ts';
import { Sessions } from './sessions.ts';

const SCREENS = 10_000;
const HOUR = 3600_000;

function largeSchool(): Site {
  const demo = loadSiteFile('config/demo-school.json');
  const [template] = demo.screens;
  return { ...demo, screens: Array.from({ length: SCREENS }, (_, i) => ({ ...template!, id: `hall-${i}`, name: `Hallway ${i}`, location: `by room ${i}` })) };
}

/** Each store file's inode, size and modification time. */
async function filesOf(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of await readdir(dir)) {
    const found = await stat(join(dir, name));
    files.set(name, `${found.ino}:${found.size}:${found.mtimeMs}`);
  }
  return files;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'muster-scale-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a login at a school with 10,000 screens', () => {
  it('writes the small sessions file only, never the site, devices or floor plans', { timeout: 60_000 }, async () => {
    const site = largeSchool();
    const store = await openStore(dir, () => {
      const seeded = seedData({ siteFile: 'config/demo-school.json', wayfindingFile: 'config/demo-wayfinding.json' });
      return { ...seeded, site, devices: seedDevices(site).devices };
    });
    await store.update((draft) => void draft.users.push({ username: 'office', role: 'office', passwordHash: 'x', disabled: false, createdAt: new Date().toISOString() }));
    const parts = join(dir, STORE_PARTS_DIR);
    const before = await filesOf(parts);
    expect((await stat(join(parts, 'site.json'))).size + (await stat(join(parts, 'devices.json'))).size).toBeGreaterThan(2_000_000);

    const sessions = new Sessions(store, { idleMs: HOUR, maxAgeMs: 8 * HOUR });
    const grant = await sessions.create({ username: 'office', role: 'office' });
    await sessions.destroy((await sessions.create({ username: 'office', role: 'office' })).id);

    const after = await filesOf(parts);
    const rewritten = [...after].filter(([name, print]) => before.get(name) !== print).map(([name]) => name);
    expect(rewritten).toEqual(['sessions.json']);
    expect((await stat(join(parts, 'sessions.json'))).size).toBeLessThan(1_000);
    expect(JSON.parse(await readFile(join(parts, 'sessions.json'), 'utf8'))).toHaveLength(1);
    expect(sessions.resolve(grant.id)).toEqual({ username: 'office', role: 'office' });
  });
});
