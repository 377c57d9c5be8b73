// The site editor's API on a real hub: version-checked saves pushed live to screens and consoles, deletes that
// something still uses refused with a 409 naming it (and nothing half-changed), audit lines, roles, and the
// site file's export and import, including into a new school started empty.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SiteSettings } from '../../shared/site-settings.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let admin: string;
const sockets: TestSocket[] = [];
const hubs: TestHub[] = [];

beforeEach(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  for (const other of hubs.splice(0)) await other.dispose();
  await hub.dispose();
});

async function current(on = hub, cookie = admin): Promise<{ version: string; settings: SiteSettings; site: any }> {
  const { body } = await on.api('/api/site', { cookie });
  const { id: _id, screens: _screens, ...settings } = body.site;
  return { version: body.version, settings, site: body.site };
}

function save(baseVersion: string, settings: SiteSettings, on = hub, cookie = admin) {
  return on.api('/api/site', { method: 'PUT', cookie, body: { baseVersion, settings } });
}

async function auditLines(on = hub): Promise<any[]> {
  return (await readFile(join(on.dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
}

describe('saving the site', () => {
  it('renames, adds and reorders; screens get their new profile and consoles are told, live; the change is audited', async () => {
    const screen = await TestSocket.screen(hub.origin, 'annex-hall');
    const consoleSocket = await TestSocket.connect(hub.origin, { cookie: await hub.login('office') });
    consoleSocket.send({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'test' });
    await consoleSocket.next('welcome');
    sockets.push(screen, consoleSocket);

    const { version, settings } = await current();
    settings.name = 'Maple Grove School';
    settings.units = 'metres';
    const annex = settings.buildings.find((b) => b.id === 'annex')!;
    annex.name = 'Science Annex';
    annex.floors.push({ id: 'annex-2', name: 'Upper floor', level: 2 });
    settings.buildings.reverse();
    settings.destinations.push({ id: 'park', name: 'Lincoln Park' });
    annex.defaultDestinationId = 'park';

    const saved = await save(version, settings);
    expect(saved.status).toBe(200);
    expect(saved.body.version).not.toBe(version);
    expect(saved.body.site.buildings.map((b: any) => b.id)).toEqual(['annex', 'main']);
    expect(saved.body.site.screens).toHaveLength(8);

    const profile = await screen.next('profile');
    expect(profile.site).toMatchObject({ name: 'Maple Grove School', units: 'metres' });
    expect(profile.screen).toMatchObject({ id: 'annex-hall', buildingName: 'Science Annex' });
    expect((await consoleSocket.next('site-changed')).version).toBe(saved.body.version);

    const line = (await auditLines()).find((l) => l.action === 'site.changed');
    expect(line).toMatchObject({ who: 'admin', role: 'admin' });
    expect(line.detail).toContain('renamed the school “Maple Grove Middle School” to “Maple Grove School”');
    expect(line.detail).toContain('renamed building “Annex” to “Science Annex”');
    expect(line.detail).toContain('added floor “Upper floor” of “Science Annex”');
    expect(line.detail).toContain('reordered the buildings');
    expect(line.detail).toContain('added destination “Lincoln Park”');

    // It survives a restart.
    hub = await hub.restart();
    expect((await current(hub, await hub.login('admin'))).site.name).toBe('Maple Grove School');
  });

  it('refuses a save based on an older version (someone else saved first)', async () => {
    const { version, settings } = await current();
    expect((await save(version, { ...settings, name: 'First' })).status).toBe(200);
    const late = await save(version, { ...settings, name: 'Second' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('conflict');
    expect((await current()).site.name).toBe('First');
  });

  it('takes a large campus (a thousand zones, well over the 64 KiB of other bodies) and refuses an oversized body', async () => {
    const { version, settings } = await current();
    const zones = Array.from({ length: 1000 }, (_, i) => ({ id: `zone-${i}`, name: `Zone number ${i} of the main building`, buildingId: 'main' }));
    const big = await save(version, { ...settings, zones: [...settings.zones, ...zones].slice(0, 1000) });
    expect(big.status).toBe(200);
    expect(big.body.site.zones).toHaveLength(1000);
    const huge = await hub.api('/api/site', { method: 'PUT', cookie: admin, rawBody: JSON.stringify({ baseVersion: 'x', settings: { name: 'x'.repeat(2 * 1024 * 1024) } }) });
    expect(huge.status).toBe(413);
  });

  it('lets only an admin change it; office and viewer read it', async () => {
    const office = await hub.login('office');
    const { version, settings } = await current(hub, office);
    expect((await save(version, settings, hub, office)).status).toBe(403);
    expect((await hub.api('/api/site', { cookie: await hub.login('viewer') })).status).toBe(200);
    expect((await hub.api('/api/site')).status).toBe(401);
  });

  it('says clearly what is wrong with a bad save', async () => {
    const { version, settings } = await current();
    const badZone = await save(version, { ...settings, timeZone: 'Mars/Olympus_Mons' });
    expect(badZone.status).toBe(400);
    expect(badZone.body.error.message).toContain('time zone');
    const badLanguage = await save(version, { ...settings, languages: ['es'], defaultLanguage: 'en' });
    expect(badLanguage.status).toBe(409); // English screens still exist: named below
    const duplicate = structuredClone(settings);
    duplicate.buildings[1]!.floors.push({ id: 'main-1', name: 'Again', level: 9 });
    const twice = await save(version, duplicate);
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toContain('duplicate floor id "main-1"');
    expect((await current()).version).toBe(version);
  });
});

describe('deleting what something still uses', () => {
  it('refuses to delete a building with screens and floor plans, naming them, and changes nothing', async () => {
    const { version, settings } = await current();
    const withoutAnnex = { ...settings, buildings: settings.buildings.filter((b) => b.id !== 'annex'), zones: settings.zones.filter((z) => z.buildingId !== 'annex') };
    const refused = await save(version, withoutAnnex);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('in_use');
    expect(refused.body.error.message).toContain('Building “Annex” is still used by screen “Annex hallway”, the floor plan of “Ground floor”');
    expect((await current()).version).toBe(version);
    expect((await auditLines()).some((l) => l.action === 'site.changed')).toBe(false);
  });

  it('refuses to delete a floor, a zone or a language in use, naming the screens, the floor plan and an active mode', async () => {
    const office = await hub.login('office');
    const started = await hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'hold', scope: { kind: 'zone', zoneId: 'gym' }, drill: true } });
    expect(started.status).toBe(200);
    const { version, settings } = await current();

    const noGym = await save(version, { ...settings, zones: settings.zones.filter((z) => z.id !== 'gym') });
    expect(noGym.status).toBe(409);
    expect(noGym.body.error.message).toContain('Zone “Gym” is still used by screen “Gym”, the active drill hold');

    const noSecondFloor = structuredClone(settings);
    noSecondFloor.buildings.find((b) => b.id === 'main')!.floors = noSecondFloor.buildings.find((b) => b.id === 'main')!.floors.filter((f) => f.id !== 'main-2');
    const floorRefused = await save(version, noSecondFloor);
    expect(floorRefused.status).toBe(409);
    expect(floorRefused.body.error.message).toMatch(/Floor “2nd floor” of “Main Building” is still used by screen “East hallway, 2nd floor”, screen “West hallway, 2nd floor”, its floor plan/);

    const noSpanish = await save(version, { ...settings, languages: ['en'] });
    expect(noSpanish.status).toBe(409);
    expect(noSpanish.body.error.message).toContain('The screen language “es” is still used by screen “West hallway, 2nd floor”');
  });

  it('deletes a floor, zone and destination nothing uses', async () => {
    let { version, settings } = await current();
    settings.buildings.find((b) => b.id === 'annex')!.floors.push({ id: 'annex-2', name: 'Upper floor', level: 2 });
    settings.zones.push({ id: 'library', name: 'Library', buildingId: 'annex' });
    ({ body: { version } } = await save(version, settings));
    settings.buildings.find((b) => b.id === 'annex')!.floors.pop();
    settings.zones.pop();
    settings.destinations = settings.destinations.filter((d) => d.id === 'north-field' || d.id === 'bus-loop');
    const saved = await save(version, settings);
    expect(saved.status).toBe(200);
    expect(saved.body.site.zones.map((z: any) => z.id)).not.toContain('library');
    expect(saved.body.site.destinations).toHaveLength(2);
  });
});

describe('the site file', () => {
  it('exports the whole site and imports it into a new school started empty, map images included', async () => {
    const exported = await hub.api('/api/site/export', { cookie: admin });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ format: 'muster-site', version: 1 });
    expect(exported.body.images.length).toBeGreaterThan(0);

    const fresh = await startTestHub({ overrides: { seed: 'empty' } });
    hubs.push(fresh);
    const freshAdmin = await fresh.login('admin');
    const empty = await current(fresh, freshAdmin);
    expect(empty.site).toMatchObject({ name: 'New school', buildings: [], screens: [] });

    const imported = await fresh.api('/api/site/import', { method: 'POST', cookie: freshAdmin, body: exported.body });
    expect(imported.status).toBe(200);
    const after = await current(fresh, freshAdmin);
    expect(after.site).toEqual(exported.body.site);
    const plans = (await fresh.api('/api/wayfinding', { cookie: freshAdmin })).body.wayfinding;
    expect(plans.floors.map((f: any) => f.floorId)).toEqual(exported.body.wayfinding.floors.map((f: any) => f.floorId));
    const image = plans.floors[0].image.file;
    const map = await fetch(`${fresh.origin}/maps/${image}`, { headers: { Cookie: freshAdmin } });
    expect(map.status).toBe(200);
    expect((await auditLines(fresh)).some((l) => l.action === 'site.imported')).toBe(true);
  });

  it('refuses an import while a mode is active, and a file that is not a site file', async () => {
    const exported = (await hub.api('/api/site/export', { cookie: admin })).body;
    await hub.api('/api/modes', { method: 'POST', cookie: await hub.login('office'), body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    const during = await hub.api('/api/site/import', { method: 'POST', cookie: admin, body: exported });
    expect(during.status).toBe(409);
    expect(during.body.error.code).toBe('mode_active');
    const foreign = await hub.api('/api/site/import', { method: 'POST', cookie: admin, body: { format: 'something-else', site: {} } });
    expect(foreign.status).toBe(400);
  });

  it('refuses an import whose floor plans name a map image it does not carry', async () => {
    const exported = (await hub.api('/api/site/export', { cookie: admin })).body;
    const fresh = await startTestHub({ overrides: { seed: 'empty' } });
    hubs.push(fresh);
    await rm(join(fresh.dataDir, 'maps'), { recursive: true, force: true });
    const refused = await fresh.api('/api/site/import', { method: 'POST', cookie: await fresh.login('admin'), body: { ...exported, images: [] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('does not carry it');
    expect((await current(fresh, await fresh.login('admin'))).site.buildings).toEqual([]);
  });
});
