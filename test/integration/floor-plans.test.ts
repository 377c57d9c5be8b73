// Floor-plan editing on a real hub: readiness, version-checked saves pushed to screens at once, validation and
// roles, and map uploads that are sanitised, type-checked and size-limited.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Wayfinding } from '../../shared/floor-plan.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let admin: string;
const sockets: TestSocket[] = [];
const PNG_1X1 = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));

beforeEach(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await hub.dispose();
});

async function current(): Promise<{ version: string; wayfinding: Wayfinding }> {
  const { body } = await hub.api('/api/wayfinding', { cookie: admin });
  return { version: body.version, wayfinding: body.wayfinding };
}

async function upload(contentType: string, body: Uint8Array<ArrayBuffer> | string, floor = 'main-1', cookie = admin) {
  const response = await fetch(`${hub.origin}/api/maps?floor=${floor}`, { method: 'POST', headers: { Origin: hub.origin, Cookie: cookie, 'Content-Type': contentType }, body });
  return { status: response.status, body: (await response.json()) as any };
}

describe('readiness', () => {
  it('finds nothing missing in the demo school, and names what breaks when an exit leaves the graph', async () => {
    expect((await hub.api('/api/readiness', { cookie: await hub.login('viewer') })).body.problems).toEqual([]);
    const { version, wayfinding } = await current();
    const annex = wayfinding.floors.find((f) => f.floorId === 'annex-1')!;
    const exitNodes = annex.nodes.filter((n) => n.kind === 'exit').map((n) => n.id);
    annex.nodes = annex.nodes.filter((n) => n.kind !== 'exit');
    annex.edges = annex.edges.filter((e) => !exitNodes.includes(e.from) && !exitNodes.includes(e.to));
    const saved = await hub.api('/api/wayfinding', { method: 'PUT', cookie: admin, body: { baseVersion: version, wayfinding } });
    expect(saved.status).toBe(200);
    const kinds = saved.body.problems.map((p: any) => `${p.kind}:${p.screenId ?? p.poiId ?? p.floorId}`);
    expect(kinds).toContain('screen-without-exit-route:annex-hall');
    expect(kinds.filter((k: string) => k.startsWith('exit-not-on-graph:'))).toHaveLength(exitNodes.length);
    expect(kinds).toContain('node-unreachable:annex-1');
  });
});

describe('saving floor plans', () => {
  it('saves a change, answers a new version, pushes the plans to connected screens and audits it', async () => {
    const screen = await TestSocket.screen(hub.origin, 'main-1-east');
    sockets.push(screen);
    const first = await screen.next('plan');
    const { version, wayfinding } = await current();
    wayfinding.floors.find((f) => f.floorId === 'main-1')!.pois.push({ id: 'aed-new-wing', type: 'aed', label: 'AED by room 110', notes: '', position: { x: 1200, y: 420 } });
    const saved = await hub.api('/api/wayfinding', { method: 'PUT', cookie: admin, body: { baseVersion: version, wayfinding } });
    expect(saved.status).toBe(200);
    expect(saved.body.version).not.toBe(version);
    const pushed = await screen.next('plan');
    expect(pushed.version).not.toBe(first.version);
    expect(pushed.wayfinding.floors.find((f) => f.floorId === 'main-1')!.pois.map((p) => p.id)).toContain('aed-new-wing');
    expect(await readFile(join(hub.dataDir, 'audit.jsonl'), 'utf8')).toContain('"action":"floor-plans.saved"');
  });

  it('saves plans far larger than ordinary request bodies', async () => {
    const { version, wayfinding } = await current();
    const main1 = wayfinding.floors.find((f) => f.floorId === 'main-1')!;
    for (let i = 0; i < 1500; i++) {
      main1.pois.push({ id: `main-1-extinguisher-x${i}`, type: 'extinguisher', label: `Extinguisher ${i} by the long corridor`, notes: 'Checked monthly by the custodian.', position: { x: 100 + (i % 1000), y: 380 } });
    }
    expect(JSON.stringify(wayfinding).length).toBeGreaterThan(256 * 1024);
    const saved = await hub.api('/api/wayfinding', { method: 'PUT', cookie: admin, body: { baseVersion: version, wayfinding } });
    expect(saved.status).toBe(200);
  });

  it('refuses a save from an outdated copy with 409, so two managers cannot overwrite each other', async () => {
    const { version, wayfinding } = await current();
    expect((await hub.api('/api/wayfinding', { method: 'PUT', cookie: admin, body: { baseVersion: version, wayfinding } })).status).toBe(200);
    wayfinding.links = [];
    const stale = await hub.api('/api/wayfinding', { method: 'PUT', cookie: admin, body: { baseVersion: 'stale-version', wayfinding } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await current()).wayfinding.links.length).toBeGreaterThan(0);
  });

  it('refuses plans that do not fit the site or name a map never uploaded, and other roles', async () => {
    const { version, wayfinding } = await current();
    const save = (body: unknown, cookie = admin) => hub.api('/api/wayfinding', { method: 'PUT', cookie, body });
    const unknownScreen = structuredClone(wayfinding);
    unknownScreen.screens.push({ screenId: 'no-such-screen', position: { x: 1, y: 1 }, facingDegrees: 0 });
    expect((await save({ baseVersion: version, wayfinding: unknownScreen })).body.error.message).toMatch(/no-such-screen/);
    const missingImage = structuredClone(wayfinding);
    missingImage.floors[0]!.image = { file: 'never-uploaded.svg', kind: 'svg' };
    expect((await save({ baseVersion: version, wayfinding: missingImage })).body.error.message).toMatch(/never-uploaded\.svg/);
    const duplicateNode = structuredClone(wayfinding);
    duplicateNode.floors[0]!.nodes.push({ ...duplicateNode.floors[0]!.nodes[0]! });
    expect((await save({ baseVersion: version, wayfinding: duplicateNode })).status).toBe(400);
    expect((await save({ baseVersion: version, wayfinding }, await hub.login('office'))).status).toBe(403);
    expect((await current()).version).toBe(version);
  });
});

describe('map uploads', () => {
  it('store an SVG without scripts, handlers or external references, and say what was removed', async () => {
    const hostile = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 400" onload="alert(1)"><script>alert(2)</script>
      <rect width="100" height="50" fill="#ccc"/><image href="https://evil.example/x.png" width="5" height="5"/>
      <a href="javascript:alert(3)"><text x="10" y="20">Gym</text></a><foreignObject><div>x</div></foreignObject></svg>`;
    const { status, body } = await upload('image/svg+xml', hostile);
    expect(status).toBe(200);
    expect(body).toMatchObject({ width: 800, height: 400, image: { kind: 'svg' } });
    expect(body.image.file).toMatch(/^main-1-[0-9a-f]{12}\.svg$/);
    expect(body.removed.length).toBeGreaterThanOrEqual(3);
    const served = await (await fetch(`${hub.origin}/maps/${body.image.file}`, { headers: { Cookie: admin } })).text();
    expect(served).toContain('Gym');
    expect(served).not.toMatch(/script|onload|javascript:|evil\.example|foreignObject/i);
  });

  it('take PNG and JPEG only when the content matches, within 5 MiB, for a real floor, from admins', async () => {
    expect(await upload('image/png', PNG_1X1)).toMatchObject({ status: 200, body: { width: 1, height: 1, image: { kind: 'png' } } });
    expect((await upload('image/jpeg', PNG_1X1)).status).toBe(400);
    expect((await upload('text/plain', 'hello')).status).toBe(415);
    expect((await upload('image/svg+xml', '<html>no svg</html>')).status).toBe(400);
    expect((await upload('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"></svg>')).body.error.message).toMatch(/viewBox/);
    expect((await upload('image/png', new Uint8Array(5 * 1024 * 1024 + 1))).status).toBe(413);
    expect((await upload('image/png', PNG_1X1, 'no-such-floor')).status).toBe(400);
    expect((await upload('image/png', PNG_1X1, 'main-1', await hub.login('office'))).status).toBe(403);
  });
});
