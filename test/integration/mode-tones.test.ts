// The tones screens sound, on a real hub: the school's choice per mode (saved by an admin, validated, audited, pushed
// to every connected screen with its site profile), each screen's own on/off switch, and each screen's word on
// whether it can sound at all, as the admin console's screen list shows it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODE_TONES } from '../../shared/mode-tones.ts';
import type { HubState } from '../../shared/protocol.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { screenToken, startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let admin: string;

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
});
afterAll(async () => {
  await hub?.dispose();
});

const audit = () => readFile(join(hub.dataDir, 'audit.jsonl'), 'utf8');
const screenStatus = async (screenId: string) => ((await hub.api('/api/state', { cookie: admin })).body.state as HubState).screens.find((s) => s.id === screenId)!;

describe('the school’s tones', () => {
  it('start as the defaults, readable by every role, and every screen is told them in its welcome', async () => {
    const { status, body } = await hub.api('/api/mode-tones', { cookie: await hub.login('viewer') });
    expect(status).toBe(200);
    expect(body.tones).toEqual(DEFAULT_MODE_TONES);
    const screen = await TestSocket.connect(hub.origin);
    screen.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId: 'gym', token: screenToken('gym'), lastSeq: 0 });
    const welcome = await screen.next('welcome');
    expect(welcome.site.tones).toEqual(DEFAULT_MODE_TONES);
    expect(welcome.screen?.sound).toBe(true);
    screen.close();
  });

  it('are pushed to every connected screen when an admin saves them, and audited with what changed', async () => {
    const screen = await TestSocket.screen(hub.origin, 'gym');
    const tones = { ...DEFAULT_MODE_TONES, lockdown: 'none', allClear: 'chime' };
    const saved = await hub.api('/api/mode-tones', { method: 'PUT', cookie: admin, body: tones });
    expect(saved.status).toBe(200);
    expect(saved.body.tones).toEqual(tones);
    const pushed = await screen.next('profile');
    expect(pushed.site.tones).toEqual(tones);
    expect(pushed.screen.id).toBe('gym');
    screen.close();
    expect((await hub.api('/api/mode-tones', { cookie: admin })).body.tones).toEqual(tones);
    expect(await audit()).toMatch(/"action":"mode.tones-changed".*Lockdown: alarm → none; All Clear: rising-chime → chime/);
  });

  it('are changed by an admin only, and refuse a tone that does not exist or a missing mode, changing nothing', async () => {
    const before = (await hub.api('/api/mode-tones', { cookie: admin })).body.tones;
    const office = await hub.login('office');
    expect((await hub.api('/api/mode-tones', { method: 'PUT', cookie: office, body: DEFAULT_MODE_TONES })).status).toBe(403);
    const unknown = await hub.api('/api/mode-tones', { method: 'PUT', cookie: admin, body: { ...DEFAULT_MODE_TONES, lockdown: 'klaxon' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('bad_request');
    const { allClear: _missing, ...withoutAllClear } = DEFAULT_MODE_TONES;
    expect((await hub.api('/api/mode-tones', { method: 'PUT', cookie: admin, body: withoutAllClear })).status).toBe(400);
    expect((await hub.api('/api/mode-tones', { cookie: admin })).body.tones).toEqual(before);
  });

  it('survive a restart of the hub', async () => {
    const before = (await hub.api('/api/mode-tones', { cookie: admin })).body.tones;
    hub = await hub.restart();
    admin = await hub.login('admin');
    expect((await hub.api('/api/mode-tones', { cookie: admin })).body.tones).toEqual(before);
  });
});

describe('a screen’s sound', () => {
  it('is turned off and on by an admin: the screen hears of it at once, the site keeps it, and it is audited', async () => {
    const screen = await TestSocket.screen(hub.origin, 'annex-hall');
    const off = await hub.api('/api/screens/annex-hall/sound', { method: 'PUT', cookie: admin, body: { sound: false } });
    expect(off.status).toBe(200);
    expect((await screen.next('profile')).screen.sound).toBe(false);
    const site = (await hub.api('/api/site', { cookie: admin })).body.site;
    expect(site.screens.find((s: { id: string }) => s.id === 'annex-hall').sound).toBe(false);
    expect(await audit()).toMatch(/"action":"screen.sound-changed".*annex-hall: tones off/);

    await hub.api('/api/screens/annex-hall/sound', { method: 'PUT', cookie: admin, body: { sound: true } });
    expect((await screen.next('profile')).screen.sound).toBe(true);
    // On is the default, left out of the site (and of a site file exported from it).
    const after = (await hub.api('/api/site', { cookie: admin })).body.site;
    expect(after.screens.find((s: { id: string }) => s.id === 'annex-hall')).not.toHaveProperty('sound');
    screen.close();
  });

  it('is set by an admin only, for a screen that exists', async () => {
    expect((await hub.api('/api/screens/annex-hall/sound', { method: 'PUT', cookie: await hub.login('office'), body: { sound: false } })).status).toBe(403);
    expect((await hub.api('/api/screens/nowhere/sound', { method: 'PUT', cookie: admin, body: { sound: false } })).body.error.code).toBe('unknown_screen');
    expect((await hub.api('/api/screens/annex-hall/sound', { method: 'PUT', cookie: admin, body: { sound: 'quiet' } })).status).toBe(400);
  });

  it('health is what the screen said in its hello and since, shown with its status', async () => {
    expect((await screenStatus('cafeteria')).sound).toBeNull();
    const screen = await TestSocket.connect(hub.origin);
    screen.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId: 'cafeteria', token: screenToken('cafeteria'), lastSeq: 0, sound: 'blocked' });
    await screen.next('welcome');
    await expect.poll(async () => (await screenStatus('cafeteria')).sound).toBe('blocked');
    // Someone touched the screen: the browser let its audio start.
    screen.send({ type: 'health', sound: 'ok' });
    await expect.poll(async () => (await screenStatus('cafeteria')).sound).toBe('ok');
    screen.close();
  });

  it('health is refused from anything but a screen that said hello', async () => {
    const console = await TestSocket.connect(hub.origin, { cookie: admin });
    console.send({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'test' });
    await console.next('welcome');
    console.send({ type: 'health', sound: 'ok' });
    expect((await console.next('error')).code).toBe('bad_request');
    console.close();
  });
});
