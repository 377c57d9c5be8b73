// Floor plans and hazards on a real hub: screens get their building's plans by version, hazards are sequenced,
// audited and broadcast like modes, end with the last mode, and map images cannot be used to read other files.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let office: string;
const sockets: TestSocket[] = [];

beforeEach(async () => {
  hub = await startTestHub();
  office = await hub.login('office');
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await hub.dispose();
});

async function screen(id: string, planVersion: string | null = null): Promise<TestSocket> {
  const socket = await TestSocket.screen(hub.origin, id, 0, planVersion);
  sockets.push(socket);
  return socket;
}

describe('floor plans for screens', () => {
  it('sends a screen its own building’s plans after the mode, and nothing when its copy is current', async () => {
    const east = await screen('main-1-east');
    const plan = await east.next('plan');
    expect(plan.wayfinding.floors.map((f) => f.floorId).sort()).toEqual(['main-1', 'main-2']);
    expect(plan.wayfinding.screens.map((s) => s.screenId)).toContain('main-1-east');
    expect(plan.wayfinding.screens.map((s) => s.screenId)).not.toContain('annex-hall');
    const annex = await screen('annex-hall');
    expect((await annex.next('plan')).wayfinding.floors.map((f) => f.floorId)).toEqual(['annex-1']);

    const again = await screen('main-1-east', plan.version);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(again.messages.some((m) => m.type === 'plan')).toBe(false);
  });
});

describe('hazards', () => {
  it('are sequenced, broadcast to screens and audited when the office marks and clears them', async () => {
    const east = await screen('main-1-east');
    const marked = await hub.api('/api/hazards', { cookie: office, body: { blocked: true, areaIds: ['m1-east-hall-end'], exitPoiIds: ['exit-west-doors'] } });
    expect(marked.status).toBe(200);
    const change = await east.next('modes-changed', (m) => m.seq === marked.body.seq);
    expect(change.change).toEqual({ kind: 'hazards' });
    expect(change.hazards).toEqual({ areaIds: ['m1-east-hall-end'], blockedPoiIds: ['exit-west-doors'] });

    const cleared = await hub.api('/api/hazards', { cookie: office, body: { blocked: false, exitPoiIds: ['exit-west-doors'] } });
    expect(cleared.body.seq).toBe(marked.body.seq + 1);
    expect((await east.next('modes-changed', (m) => m.seq === cleared.body.seq)).hazards).toEqual({ areaIds: ['m1-east-hall-end'], blockedPoiIds: [] });

    const audit = await readFile(join(hub.dataDir, 'audit.jsonl'), 'utf8');
    expect(audit).toMatch(/"action":"hazards.marked".*"who":"office"|"who":"office".*"action":"hazards.marked"/);
    expect(audit).toContain('"action":"hazards.cleared"');
  });

  it('refuse unknown areas and exits, non-exit points, empty changes and the viewer role', async () => {
    const bad = async (body: unknown, cookie = office) => hub.api('/api/hazards', { cookie, body });
    expect((await bad({ blocked: true, areaIds: ['no-such-area'] })).body.error.code).toBe('bad_request');
    expect((await bad({ blocked: true, exitPoiIds: ['aed-front-office'] })).status).toBe(400);
    expect((await bad({ blocked: true })).status).toBe(400);
    expect((await bad({ blocked: 'yes', areaIds: ['m1-east-hall-end'] })).status).toBe(400);
    expect((await bad({ blocked: true, areaIds: ['m1-east-hall-end'] }, await hub.login('viewer'))).status).toBe(403);
    expect((await hub.api('/api/hazards', { body: { blocked: true, areaIds: ['m1-east-hall-end'] } })).status).toBe(401);
    const state = (await hub.api('/api/state', { cookie: office })).body.state;
    expect(state.hazards).toEqual({ areaIds: [], blockedPoiIds: [] });
  });

  it('end with the last mode, so a drill’s hazards never bend the next real evacuation', async () => {
    await hub.api('/api/modes', { cookie: office, body: { mode: 'evacuate', scope: { kind: 'site' }, drill: true, destination: 'North athletic field' } });
    await hub.api('/api/hazards', { cookie: office, body: { blocked: true, areaIds: ['m1-east-hall-end'] } });
    await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: true } });
    expect((await hub.api('/api/state', { cookie: office })).body.state.hazards).toEqual({ areaIds: [], blockedPoiIds: [] });
  });

  it('survive a restart with the rest of the mode state', async () => {
    await hub.api('/api/hazards', { cookie: office, body: { blocked: true, exitPoiIds: ['exit-east-doors'] } });
    hub = await hub.restart();
    office = await hub.login('office');
    expect((await hub.api('/api/state', { cookie: office })).body.state.hazards.blockedPoiIds).toEqual(['exit-east-doors']);
  });
});

describe('map images', () => {
  it('are served with a script-blocking policy, and only by plain file name', async () => {
    const map = await fetch(`${hub.origin}/maps/main-1.svg`, { headers: { Cookie: office } });
    expect(map.status).toBe(200);
    expect(map.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(map.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const path of ['/maps/..%2fmuster.json', '/maps/%2e%2e%2faudit.jsonl', '/maps/muster.json', '/maps/nothing.svg']) {
      expect((await fetch(`${hub.origin}${path}`, { headers: { Cookie: office } })).status, path).toBe(404);
    }
  });
});
