// The school's names in other languages on a real hub: translations saved through the site API reach the screens
// that speak those languages (and the audit log), survive a site file export and import, and a pairing can give a
// screen a second language; an Evacuate keeps its destination's id, and a note's translation is kept and audited.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import type { SiteSettings } from '../../shared/site-settings.ts';
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

async function auditLines(on = hub): Promise<any[]> {
  return (await readFile(join(on.dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
}

describe('translated names through the site API', () => {
  it('saves them, tells the Spanish screen its names in Spanish, and audits the change', async () => {
    const spanish = await TestSocket.screen(hub.origin, 'main-2-west');
    const english = await TestSocket.screen(hub.origin, 'main-1-east');
    sockets.push(spanish, english);
    const { body } = await hub.api('/api/site', { cookie: admin });
    const { id: _id, screens: _screens, ...settings } = body.site as SiteSettings & { id: string; screens: unknown };
    const main = settings.buildings.find((b) => b.id === 'main')!;
    main.translations = { es: 'Edificio central' };
    main.floors.find((f) => f.id === 'main-2')!.translations = undefined;
    settings.zones.find((z) => z.id === 'west-wing')!.translations = { es: 'Ala poniente' };
    settings.destinations.find((d) => d.id === 'bus-loop')!.translations = { es: 'Parada de autobuses' };

    const saved = await hub.api('/api/site', { method: 'PUT', cookie: admin, body: { baseVersion: body.version, settings } });
    expect(saved.status).toBe(200);
    const reread = (await hub.api('/api/site', { cookie: admin })).body.site;
    expect(reread.buildings.find((b: any) => b.id === 'main')).toMatchObject({ name: 'Main Building', translations: { es: 'Edificio central' } });
    expect(reread.buildings.find((b: any) => b.id === 'main').floors.find((f: any) => f.id === 'main-2').translations).toBeUndefined();

    // The Spanish screen is told its names in Spanish, where given; the English one has nothing to translate.
    const profile = await spanish.next('profile');
    expect(profile.screen.translations).toEqual({ es: { location: '2.º piso, pasillo oeste junto a la biblioteca', buildingName: 'Edificio central', zoneName: 'Ala poniente' } });
    expect(profile.site.destinations?.find((d) => d.id === 'bus-loop')?.translations).toEqual({ es: 'Parada de autobuses' });
    expect((await english.next('profile')).screen.translations).toBeUndefined();

    const line = (await auditLines()).find((l) => l.action === 'site.changed');
    expect(line.detail).toContain('translations of building “Main Building”: es “Edificio central”');
    expect(line.detail).toContain('translations of floor “2nd floor” of “Main Building”: none');
    expect(line.detail).toContain('translations of destination “Bus loop on Elm Street”: es “Parada de autobuses”');
  });

  it('refuses a blank translation and a second language the screen already speaks, saying where', async () => {
    const { body } = await hub.api('/api/site', { cookie: admin });
    const { id: _id, screens: _screens, ...settings } = body.site as SiteSettings & { id: string; screens: unknown };
    settings.zones[0]!.translations = { es: ' ' };
    const blank = await hub.api('/api/site', { method: 'PUT', cookie: admin, body: { baseVersion: body.version, settings } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toMatch(/zones.*translations.*es/s);

    const file = (await hub.api('/api/site/export', { cookie: admin })).body;
    file.site.screens.find((s: any) => s.id === 'gym').secondLanguage = 'en';
    const same = await hub.api('/api/site/import', { method: 'POST', cookie: admin, body: file });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toContain('the second language is the screen\'s language already');
  });
});

describe('translated names in the site file', () => {
  it('exports the demo school’s translations and imports them into a new school unchanged', async () => {
    const exported = (await hub.api('/api/site/export', { cookie: admin })).body;
    expect(exported.site.destinations.find((d: any) => d.id === 'north-field').translations).toEqual({ es: 'Campo deportivo norte' });
    expect(exported.site.screens.find((s: any) => s.id === 'front-office')).toMatchObject({ language: 'en', secondLanguage: 'es', locationTranslations: { es: expect.any(String) } });
    const westDoors = exported.wayfinding.floors.flatMap((f: any) => f.pois).find((p: any) => p.id === 'exit-west-doors');
    expect(westDoors.translations).toEqual({ es: 'Puertas oeste' });

    const fresh = await startTestHub({ overrides: { seed: 'empty' } });
    hubs.push(fresh);
    const freshAdmin = await fresh.login('admin');
    expect((await fresh.api('/api/site/import', { method: 'POST', cookie: freshAdmin, body: exported })).status).toBe(200);
    expect((await fresh.api('/api/site', { cookie: freshAdmin })).body.site).toEqual(exported.site);
    const plans = (await fresh.api('/api/wayfinding', { cookie: freshAdmin })).body.wayfinding;
    // Map images get new file names on import; the names and their translations come through unchanged.
    const named = (floors: any[]) => floors.map((f) => ({ pois: f.pois, areas: f.areas }));
    expect(named(plans.floors)).toEqual(named(exported.wayfinding.floors));
  });
});

describe('a screen paired with a second language', () => {
  it('is told both languages and its location in each', async () => {
    const waiting = await TestSocket.connect(hub.origin);
    sockets.push(waiting);
    waiting.send({ type: 'pair-request', protocol: PROTOCOL_VERSION, build: 'test' });
    const { code } = await waiting.next('pairing-code');
    const paired = await hub.api('/api/screens/pair', {
      cookie: admin,
      body: { code, name: 'Library desk', buildingId: 'main', floorId: 'main-2', zoneId: null, location: 'Library entrance', locationTranslations: { es: 'Entrada de la biblioteca' }, language: 'en', secondLanguage: 'es' },
    });
    expect(paired.status).toBe(200);
    expect(paired.body.screen).toMatchObject({ secondLanguage: 'es', locationTranslations: { es: 'Entrada de la biblioteca' } });
    const { token } = await waiting.next('paired');
    const screen = await TestSocket.connect(hub.origin);
    sockets.push(screen);
    screen.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId: 'library-desk', token, lastSeq: 0 });
    const welcome = await screen.next('welcome');
    expect(welcome.screen).toMatchObject({ language: 'en', secondLanguage: 'es', location: 'Library entrance', translations: { es: { location: 'Entrada de la biblioteca', buildingName: 'Edificio principal', floorName: '2.º piso' } } });
  });
});

describe('an Evacuate and a note in other languages', () => {
  it('keeps the destination’s id and the note’s translation, audits it, and keeps a translation only with a note', async () => {
    const office = await hub.login('office');
    const started = await hub.api('/api/modes', {
      cookie: office,
      body: { mode: 'evacuate', scope: { kind: 'site' }, drill: true, destination: 'North athletic field', note: 'Use the north doors', noteTranslations: { es: 'Usen las puertas norte' } },
    });
    expect(started.status).toBe(200);
    const state = (await hub.api('/api/state', { cookie: office })).body.state;
    const active = state.modes.find((m: any) => m.mode === 'evacuate');
    expect(active).toMatchObject({ destination: 'North athletic field', destinationId: 'north-field', note: 'Use the north doors', noteTranslations: { es: 'Usen las puertas norte' } });
    const line = (await auditLines()).find((l) => l.action === 'mode.set');
    expect(line.detail).toBe('to North athletic field; note: “Use the north doors”; note in es: “Usen las puertas norte”');

    // Another place the office typed is kept as words; a translation without a note is no note.
    const typed = await hub.api('/api/modes', {
      cookie: office,
      body: { mode: 'evacuate', scope: { kind: 'building', buildingId: 'annex' }, drill: true, destination: 'The church hall', noteTranslations: { es: 'Sin nota' } },
    });
    expect(typed.status).toBe(200);
    const annex = (await hub.api('/api/state', { cookie: office })).body.state.modes.find((m: any) => m.scope.kind === 'building');
    expect(annex.destinationId).toBeUndefined();
    expect(annex.note).toBeUndefined();
    expect(annex.noteTranslations).toBeUndefined();
  });
});
