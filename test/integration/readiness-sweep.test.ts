// The readiness sweep over HTTP and WebSocket (issue 14, item 5): codes reach the screens swept and no others, a code
// names its screen and what it should show, a wrong or ended code is refused, findings survive a restart of the hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../shared/routing.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
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

/** A ping answered is a barrier: anything the hub sent the screen before it has arrived. */
async function settled(screen: TestSocket): Promise<void> {
  const t = Math.random();
  screen.send({ type: 'ping', t });
  await screen.next('pong', (m) => m.t === t);
}

/** The exit the route search gives for a screen, from its building's plans as a screen holds them. */
async function exitOf(screenId: string): Promise<string> {
  const { plan, profile } = (await hub.api(`/api/screens/${screenId}/preview`, { cookie: admin })).body.preview;
  const spot = plan.wayfinding.screens.find((s: { screenId: string }) => s.screenId === screenId);
  const route = createRouter(plan.wayfinding).route({ floorId: profile.floorId, position: spot.position, facingDegrees: spot.facingDegrees }, 'exit');
  if (!route.ok) throw new Error(`no exit for ${screenId}`);
  return route.target.poi.label;
}

describe('a readiness sweep', () => {
  it('shows codes on the screens of the floor swept only, and a code names its screen, its exit and its sound', async () => {
    const upstairs = await TestSocket.screen(hub.origin, 'main-2-east');
    const downstairs = await TestSocket.screen(hub.origin, 'main-1-east');
    const annex = await TestSocket.screen(hub.origin, 'annex-hall');

    const started = await hub.api('/api/sweeps', { method: 'POST', cookie: admin, body: { buildingId: 'main', floorId: 'main-2' } });
    expect(started.status).toBe(200);
    expect(started.body.sweep).toMatchObject({ scopeName: 'Main Building, 2nd floor', screens: 2, checked: 0, startedBy: 'admin' });

    const shown = await upstairs.next('sweep');
    expect(shown.code).toMatch(/^[A-Z0-9]{5}$/);
    expect(shown.forMs).toBe(30 * 60_000);
    await Promise.all([settled(downstairs), settled(annex)]);
    expect([...downstairs.messages, ...annex.messages].filter((m) => m.type === 'sweep')).toEqual([]);

    const found = await hub.api(`/api/sweeps/codes/${shown.code!.toLowerCase()}`, { cookie: admin });
    expect(found.status).toBe(200);
    expect(found.body.swept).toMatchObject({
      code: shown.code,
      screen: { id: 'main-2-east', buildingName: 'Main Building', floorName: '2nd floor' },
      online: true,
      soundOn: true,
      mode: 'normal',
      nearestExit: { name: await exitOf('main-2-east') },
      last: null,
    });
    expect(typeof found.body.swept.facingDegrees).toBe('number');

    // The test tone goes to that screen, and to no other.
    expect((await hub.api(`/api/sweeps/codes/${shown.code}/test-tone`, { method: 'POST', cookie: admin })).status).toBe(200);
    expect(await upstairs.next('command')).toEqual({ type: 'command', command: 'test-tone' });
    await settled(downstairs);
    expect(downstairs.messages.filter((m) => m.type === 'command')).toEqual([]);

    // A screen that reconnects during the sweep shows its code again.
    upstairs.close();
    const again = await TestSocket.screen(hub.origin, 'main-2-east');
    expect((await again.next('sweep')).code).toBe(shown.code);

    await hub.api(`/api/sweeps/${started.body.sweep.id}`, { method: 'DELETE', cookie: admin });
    expect(await again.next('sweep')).toEqual({ type: 'sweep', code: null, forMs: 0 });
    // Ended: its codes are refused.
    expect((await hub.api(`/api/sweeps/codes/${shown.code}`, { cookie: admin })).status).toBe(404);
    for (const screen of [again, downstairs, annex]) screen.close();
  });

  it('refuses a wrong or mistyped code, a second sweep of the same screens, and anyone but an admin', async () => {
    const gym = await TestSocket.screen(hub.origin, 'gym');
    const started = await hub.api('/api/sweeps', { method: 'POST', cookie: admin, body: { buildingId: 'main', minutes: 10 } });
    expect(started.status).toBe(200);
    const { code } = await gym.next('sweep');

    const mistyped = (code![0] === 'A' ? 'C' : 'A') + code!.slice(1);
    const wrong = await hub.api(`/api/sweeps/codes/${mistyped}`, { cookie: admin });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/not a sweep code/);
    expect((await hub.api('/api/sweeps/codes/whatever-this-is', { cookie: admin })).status).toBe(400);
    expect((await hub.api(`/api/sweeps/codes/${code}/finding`, { method: 'PUT', cookie: admin, body: { failed: ['upside-down'] } })).status).toBe(400);

    const overlapping = await hub.api('/api/sweeps', { method: 'POST', cookie: admin, body: { buildingId: null } });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error.message).toMatch(/admin is sweeping Main Building/);
    expect((await hub.api('/api/sweeps', { method: 'POST', cookie: admin, body: { buildingId: 'main', minutes: 500 } })).status).toBe(400);
    expect((await hub.api('/api/sweeps', { method: 'POST', cookie: admin, body: { buildingId: 'library' } })).status).toBe(400);

    const office = await hub.login('office');
    expect((await hub.api(`/api/sweeps/codes/${code}`, { cookie: office })).status).toBe(403);
    expect((await hub.api('/api/sweeps', { method: 'POST', cookie: office, body: {} })).status).toBe(403);
    expect((await hub.api(`/api/sweeps/codes/${code}`)).status).toBe(401);
    // Staff see that a sweep runs and what it found, never the codes.
    const overview = await hub.api('/api/sweeps', { cookie: await hub.login('viewer') });
    expect(overview.status).toBe(200);
    expect(JSON.stringify(overview.body)).not.toContain(code);

    // During a mode no screen sounds a test tone.
    const lockdown = await hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    expect(lockdown.status).toBe(200);
    const refused = await hub.api(`/api/sweeps/codes/${code}/test-tone`, { method: 'POST', cookie: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/emergency mode/);
    expect((await hub.api('/api/all-clear', { method: 'POST', cookie: office, body: { scope: { kind: 'site' }, drill: true } })).status).toBe(200);

    await hub.api(`/api/sweeps/${started.body.sweep.id}`, { method: 'DELETE', cookie: admin });
    gym.close();
  });

  it('keeps what was found at each screen, and a sweep still running, through a restart of the hub', async () => {
    const cafeteria = await TestSocket.screen(hub.origin, 'cafeteria');
    const started = await hub.api('/api/sweeps', { method: 'POST', cookie: admin, body: { buildingId: 'main', floorId: 'main-1' } });
    const { code } = await cafeteria.next('sweep');
    const ok = await hub.api(`/api/sweeps/codes/${code}/finding`, { method: 'PUT', cookie: admin, body: { failed: ['sound', 'map-facing'], note: 'No sound; map turned' } });
    expect(ok.status).toBe(200);
    cafeteria.close();

    hub = await hub.restart();
    admin = await hub.login('admin');
    const back = await TestSocket.screen(hub.origin, 'cafeteria');
    expect((await back.next('sweep')).code).toBe(code);
    const overview = (await hub.api('/api/sweeps', { cookie: admin })).body;
    expect(overview.running).toEqual([expect.objectContaining({ id: started.body.sweep.id, checked: 1 })]);
    expect(overview.results).toContainEqual(expect.objectContaining({ screenId: 'cafeteria', by: 'admin', failed: ['sound', 'map-facing'], note: 'No sound; map turned' }));

    const audit = (await hub.api('/api/audit?action=screens', { cookie: admin })).body.entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['screen.sweep-started', 'screen.swept', 'screen.sweep-ended']));
    back.close();
  });
});
