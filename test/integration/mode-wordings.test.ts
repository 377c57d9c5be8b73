// The school's wording of the modes on a real hub: saved by an admin, validated, audited, pushed to every
// connected screen at once and to a reconnecting one only when its cached copy is out of date; restorable.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const ours = { directive: 'Lock the door, lights off, stay silent.', students: ['Go to the corner away from the door.', 'Stay silent.'], staff: ['Lock the door.', 'Lights off.', 'Take attendance.'] };

describe('mode wordings', () => {
  it('start empty: every screen uses the built-in wording', async () => {
    const { status, body } = await hub.api('/api/mode-wordings', { cookie: await hub.login('viewer') });
    expect(status).toBe(200);
    expect(body.wordings).toEqual({});
  });

  it('are pushed to every connected screen when an admin saves one, and audited', async () => {
    const screen = await TestSocket.screen(hub.origin, 'gym');
    const first = await screen.next('wordings');
    expect(first.wordings).toEqual({});
    const saved = await hub.api('/api/mode-wordings/lockdown/en', { method: 'PUT', cookie: admin, body: ours });
    expect(saved.status).toBe(200);
    expect(saved.body.wordings).toEqual({ lockdown: { en: ours } });
    const pushed = await screen.next('wordings');
    expect(pushed.wordings.lockdown?.en).toEqual(ours);
    expect(pushed.version).toBe(saved.body.version);
    screen.close();
    expect(await readFile(join(hub.dataDir, 'audit.jsonl'), 'utf8')).toMatch(/"action":"mode.wording-changed".*lockdown \(en\)/);
  });

  it('keep the school’s own PA script apart from what screens say, and refuse an empty one', async () => {
    const withScript = { ...ours, announcement: 'Attention: Lockdown, Lockdown. Locks, lights, out of sight.' };
    const saved = await hub.api('/api/mode-wordings/lockdown/en', { method: 'PUT', cookie: admin, body: withScript });
    expect(saved.status).toBe(200);
    expect(saved.body.wordings.lockdown.en.announcement).toBe(withScript.announcement);
    const empty = await hub.api('/api/mode-wordings/lockdown/en', { method: 'PUT', cookie: admin, body: { ...ours, announcement: ' ' } });
    expect(empty.status).toBe(400);
  });

  it('reach a reconnecting screen only when its cached copy is out of date', async () => {
    const { version } = (await hub.api('/api/mode-wordings', { cookie: admin })).body;
    const current = await TestSocket.screen(hub.origin, 'cafeteria', 0, null);
    current.send({ type: 'ping', t: 1 });
    await current.next('pong');
    expect(current.messages.filter((m) => m.type === 'wordings')).toHaveLength(1);
    current.close();

    const upToDate = await TestSocket.connect(hub.origin);
    upToDate.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId: 'cafeteria', token: screenToken('cafeteria'), lastSeq: 0, wordingsVersion: version });
    await upToDate.next('welcome');
    upToDate.send({ type: 'ping', t: 2 });
    await upToDate.next('pong');
    expect(upToDate.messages.some((m) => m.type === 'wordings')).toBe(false);
    upToDate.close();
  });

  it('refuse what a screen could not show well, naming the problem, and change nothing', async () => {
    const before = (await hub.api('/api/mode-wordings', { cookie: admin })).body.version;
    const bad = async (path: string, body: unknown) => hub.api(path, { method: 'PUT', cookie: admin, body });
    expect((await bad('/api/mode-wordings/lockdown/en', { ...ours, directive: '  ' })).body.error.code).toBe('bad_request');
    expect((await bad('/api/mode-wordings/lockdown/en', { ...ours, staff: Array.from({ length: 13 }, () => 'Step') })).status).toBe(400);
    expect((await bad('/api/mode-wordings/lockdown/en', { ...ours, students: [''] })).status).toBe(400);
    const normal = await bad('/api/mode-wordings/normal/en', ours);
    expect(normal.status).toBe(400);
    expect(normal.body.error.message).toMatch(/not a mode whose wording can be changed/);
    expect((await bad('/api/mode-wordings/lockdown/fr', ours)).status).toBe(400);
    expect((await hub.api('/api/mode-wordings', { cookie: admin })).body.version).toBe(before);
  });

  it('go back to the built-in wording when restored, on screens too', async () => {
    const screen = await TestSocket.screen(hub.origin, 'gym');
    await screen.next('wordings');
    const restored = await hub.api('/api/mode-wordings/lockdown/en', { method: 'DELETE', cookie: admin });
    expect(restored.status).toBe(200);
    expect(restored.body.wordings).toEqual({});
    expect((await screen.next('wordings')).wordings).toEqual({});
    screen.close();
  });
});
