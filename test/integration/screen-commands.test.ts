// Asking a screen to identify itself or reload, and what the admin console learns about each screen's app.
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

describe('screen commands', () => {
  it('reach the connected screen; an offline or unknown one is refused with the reason', async () => {
    const gym = await TestSocket.screen(hub.origin, 'gym');
    expect((await hub.api('/api/screens/gym/identify', { method: 'POST', cookie: admin })).status).toBe(200);
    expect(await gym.next('command')).toEqual({ type: 'command', command: 'identify' });
    expect((await hub.api('/api/screens/gym/reload', { method: 'POST', cookie: admin })).status).toBe(200);
    expect((await gym.next('command')).command).toBe('reload');
    gym.close();

    const offline = await hub.api('/api/screens/annex-hall/identify', { method: 'POST', cookie: admin });
    expect(offline.status).toBe(409);
    expect(offline.body.error.message).toMatch(/offline/);
    expect((await hub.api('/api/screens/nowhere/reload', { method: 'POST', cookie: admin })).status).toBe(404);
  });

  it('show each screen’s app start and the content revision it was sent in the state', async () => {
    const startedAt = Date.parse('2026-11-23T07:00:00Z');
    const screen = await TestSocket.connect(hub.origin);
    screen.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId: 'cafeteria', token: screenToken('cafeteria'), lastSeq: 0, startedAt });
    await screen.next('welcome');
    await screen.next('content');
    await expect
      .poll(async () => (await hub.api('/api/state', { cookie: admin })).body.state.screens.find((s: { id: string }) => s.id === 'cafeteria'))
      .toMatchObject({ online: true, appStartedAt: '2026-11-23T07:00:00.000Z', contentRevision: 0 });
    screen.close();
  });
});

describe('the preview of a screen', () => {
  it('holds what that screen would show now, or in a mode, with only its own slides', async () => {
    const schedule = { startDate: null, endDate: null, days: [], from: null, until: null };
    const slide = (id: string, targets: unknown[]) => ({ kind: 'announcement', id, title: id, text: 'Hi', targets, schedule, order: 0, durationSeconds: 10 });
    const published = await hub.api('/api/content', { method: 'PUT', cookie: admin, body: { baseRevision: 0, slides: [slide('everyone', [{ kind: 'all' }]), slide('annex-only', [{ kind: 'building', buildingId: 'annex' }])] } });
    expect(published.status).toBe(200);

    const now = await hub.api('/api/screens/gym/preview', { cookie: admin });
    expect(now.status).toBe(200);
    expect(now.body.preview).toMatchObject({ modes: [], profile: { id: 'gym', zoneName: 'Gym' }, site: { timeZone: 'America/Chicago' } });
    expect(now.body.preview.content.slides.map((s: { id: string }) => s.id)).toEqual(['everyone']);
    expect(now.body.preview.plan.wayfinding.floors.length).toBeGreaterThan(0);

    const evacuate = (await hub.api('/api/screens/gym/preview?mode=evacuate', { cookie: await hub.login('viewer') })).body.preview;
    expect(evacuate.modes).toHaveLength(1);
    expect(evacuate.modes[0]).toMatchObject({ mode: 'evacuate', drill: false, destination: 'North athletic field', scope: { kind: 'site' } });
    // A preview changes nothing: no mode is active on the hub.
    expect((await hub.api('/api/state', { cookie: admin })).body.state.modes).toEqual([]);

    expect((await hub.api('/api/screens/gym/preview?mode=panic', { cookie: admin })).status).toBe(400);
    expect((await hub.api('/api/screens/nowhere/preview', { cookie: admin })).status).toBe(404);
  });
});

describe('the preview of unpublished slides', () => {
  it('shows the draft slides targeted at that screen instead of the published ones, and publishes nothing', async () => {
    const schedule = { startDate: null, endDate: null, days: [], from: null, until: null };
    const draft = [
      { kind: 'announcement', id: 'draft-news', title: 'Draft news', text: 'Not yet', targets: [{ kind: 'zone', zoneId: 'gym' }], schedule, order: 0, durationSeconds: 10 },
      { kind: 'announcement', id: 'annex-news', title: 'Annex news', text: 'Not here', targets: [{ kind: 'building', buildingId: 'annex' }], schedule, order: 1, durationSeconds: 10 },
    ];
    const before = (await hub.api('/api/content', { cookie: admin })).body.revision;
    const preview = await hub.api('/api/screens/gym/preview', { method: 'POST', cookie: admin, body: { mode: 'now', slides: draft } });
    expect(preview.status).toBe(200);
    expect(preview.body.preview.content.slides.map((s: { id: string }) => s.id)).toEqual(['draft-news']);
    expect((await hub.api('/api/content', { cookie: admin })).body.revision).toBe(before);
    const bad = await hub.api('/api/screens/gym/preview', { method: 'POST', cookie: admin, body: { mode: 'now', slides: [{ ...draft[0], targets: [] }] } });
    expect(bad.status).toBe(400);
  });
});
