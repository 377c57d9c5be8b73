// Who sees what, on a real hub: a newly paired hallway screen is sent no confidential point of interest (camera, panic
// button, hardened corner, lockbox, locking door, bullet-resistant glass, metal detector) in any frame, neither at
// first nor after an admin adds a camera, nor any staff note; the admin's preview of the screen holds none either,
// while every staff role still reads the whole plans from the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIDENTIAL_POI_TYPES, isConfidential } from '../../shared/confidential-points.ts';
import type { Poi, Wayfinding } from '../../shared/floor-plan.ts';
import { PROTOCOL_VERSION, type ServerMessage } from '../../shared/protocol.ts';
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

async function plans(cookie = admin): Promise<{ version: string; wayfinding: Wayfinding }> {
  const { status, body } = await hub.api('/api/wayfinding', { cookie });
  expect(status).toBe(200);
  return body;
}

async function save(change: (wayfinding: Wayfinding) => void): Promise<void> {
  const { version, wayfinding } = await plans();
  change(wayfinding);
  const saved = await hub.api('/api/wayfinding', { method: 'PUT', cookie: admin, body: { baseVersion: version, wayfinding } });
  expect(saved.status).toBe(200);
}

/** A screen paired as a new one is: it asks for a code, an admin enters it, and it says hello with its token. */
async function pairScreen(): Promise<{ screen: TestSocket; screenId: string }> {
  const waiting = await TestSocket.connect(hub.origin);
  waiting.send({ type: 'pair-request', protocol: PROTOCOL_VERSION, build: 'test' });
  const { code } = await waiting.next('pairing-code');
  const paired = await hub.api('/api/screens/pair', {
    cookie: admin,
    body: { code, name: 'Front lobby', buildingId: 'main', floorId: 'main-1', zoneId: null, location: 'Front lobby, by the doors', tags: [] },
  });
  expect(paired.status).toBe(200);
  const { screenId, token } = await waiting.next('paired');
  const screen = await TestSocket.connect(hub.origin);
  screen.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId, token, lastSeq: 0 });
  return { screen, screenId };
}

/** Everything that gives a confidential point away, as text: its id, names, notes and the `type` it is sent with. */
function secretsOf(points: Poi[]): string[] {
  return [
    ...CONFIDENTIAL_POI_TYPES.map((type) => `"type":"${type}"`),
    ...points.flatMap((p) => [p.id, p.label, p.notes, ...Object.values(p.translations ?? {})].filter((text): text is string => !!text)),
  ];
}

/** What a screen was sent that it must not hold: confidential points (by any trace), staff notes, a confidential spot. */
function leaksIn(frames: readonly string[], confidential: Poi[], staffNotes: string[]): string[] {
  const secrets = [...secretsOf(confidential), ...staffNotes.map((note) => JSON.stringify(note).slice(1, -1))];
  const spots = new Set(confidential.map((p) => `${p.position.x},${p.position.y}`));
  return frames.flatMap((frame) => {
    const found = secrets.filter((secret) => frame.includes(secret));
    const message = JSON.parse(frame) as ServerMessage;
    if (message.type === 'plan') {
      for (const poi of message.wayfinding.floors.flatMap((f) => f.pois)) {
        if (isConfidential(poi.type)) found.push(`a ${poi.type}`);
        if (spots.has(`${poi.position.x},${poi.position.y}`)) found.push(`a point at ${poi.position.x},${poi.position.y}`);
        if (poi.notes !== '') found.push(`notes "${poi.notes}"`);
      }
      for (const node of message.wayfinding.floors.flatMap((f) => f.nodes)) {
        if (node.poiId !== null && !message.wayfinding.floors.some((f) => f.pois.some((p) => p.id === node.poiId))) found.push(`node ${node.id} → ${node.poiId}`);
      }
    }
    return found;
  });
}

const confidentialIn = (wayfinding: Wayfinding) => wayfinding.floors.flatMap((f) => f.pois).filter((p) => isConfidential(p.type));
const notesIn = (wayfinding: Wayfinding) => wayfinding.floors.flatMap((f) => f.pois).flatMap((p) => (p.notes ? [p.notes] : []));

/** A camera an admin adds, at a spot no other number on the plans shares. */
const NEW_CAMERA: Poi = {
  id: 'camera-test-stairwell',
  type: 'camera',
  label: 'Camera – west stairwell, over the fire door',
  translations: { es: 'Cámara – escalera oeste' },
  notes: 'Recorder in closet 9B; its code is on the office safe.',
  position: { x: 1111.125, y: 333.375 },
};

describe('what a hallway screen is sent', () => {
  let screen: TestSocket;
  let screenId: string;

  beforeAll(async () => {
    ({ screen, screenId } = await pairScreen());
  });
  afterAll(() => screen?.close());

  it('holds no confidential point or staff note from its first frame on, though the demo plans have dozens', async () => {
    const plan = await screen.next('plan');
    expect(plan.wayfinding.floors.map((f) => f.floorId).sort()).toEqual(['main-1', 'main-2']);
    const full = (await plans()).wayfinding;
    const confidential = confidentialIn(full);
    expect(new Set(confidential.map((p) => p.type))).toEqual(new Set(['camera', 'panic-button', 'hardened-corner', 'lockbox', 'locking-door', 'bullet-resistant-glass']));
    expect(notesIn(full).length).toBeGreaterThan(3);
    expect(screen.frames.map((f) => (JSON.parse(f) as ServerMessage).type)).toEqual(expect.arrayContaining(['welcome', 'wordings', 'content', 'plan']));
    expect(leaksIn(screen.frames, confidential, notesIn(full))).toEqual([]);
    // It still has what it shows and routes by: the exits, the AEDs and the walkways.
    const main1 = plan.wayfinding.floors.find((f) => f.floorId === 'main-1')!;
    expect(main1.pois.map((p) => p.id)).toEqual(expect.arrayContaining(['exit-east-doors', 'aed-front-office', 'shelter-west-hall', 'assembly-north-field']));
    expect(main1.nodes).toEqual(full.floors.find((f) => f.floorId === 'main-1')!.nodes);
  });

  it('is not even told when an admin adds a camera, and every staff role reads the camera from the API', async () => {
    const before = screen.frames.length;
    await save((wayfinding) => wayfinding.floors.find((f) => f.floorId === 'main-1')!.pois.push(NEW_CAMERA));
    // A ping answered after the save: the hub has sent anything it was going to send about it.
    screen.send({ type: 'ping', t: 1 });
    await screen.next('pong', (m) => m.t === 1);
    expect(screen.frames.slice(before).map((f) => (JSON.parse(f) as ServerMessage).type)).toEqual(['pong']);
    for (const role of ['admin', 'office', 'viewer'] as const) {
      const { wayfinding } = await plans(role === 'admin' ? admin : await hub.login(role));
      expect(wayfinding.floors.find((f) => f.floorId === 'main-1')!.pois.find((p) => p.id === NEW_CAMERA.id), role).toEqual(NEW_CAMERA);
      expect(confidentialIn(wayfinding).length, role).toBeGreaterThan(20);
    }
  });

  it('gets the plans again when a public point changes, still without the camera or any note', async () => {
    await save((wayfinding) =>
      wayfinding.floors
        .find((f) => f.floorId === 'main-1')!
        .pois.push({ id: 'aed-test-lobby', type: 'aed', label: 'AED – front lobby', translations: {}, notes: 'Pads replaced in March by the nurse.', position: { x: 700, y: 640 } }),
    );
    const plan = await screen.next('plan', (m) => m.wayfinding.floors.some((f) => f.pois.some((p) => p.id === 'aed-test-lobby')));
    expect(plan.wayfinding.floors.find((f) => f.floorId === 'main-1')!.pois.find((p) => p.id === 'aed-test-lobby')!.notes).toBe('');
    const full = (await plans()).wayfinding;
    expect(leaksIn(screen.frames, confidentialIn(full), notesIn(full))).toEqual([]);
    // Not one of the new camera's coordinates left the hub, whatever field might have carried it.
    for (const frame of screen.frames) expect(frame).not.toMatch(/1111\.125|333\.375/);
  });

  it("is what the admin's preview of the screen holds: no confidential point either", async () => {
    const preview = await hub.api(`/api/screens/${screenId}/preview?mode=now`, { cookie: admin });
    expect(preview.status).toBe(200);
    expect(preview.body.preview.plan.wayfinding.floors.length).toBe(2);
    const full = (await plans()).wayfinding;
    expect(leaksIn([JSON.stringify({ type: 'plan', ...preview.body.preview.plan })], confidentialIn(full), notesIn(full))).toEqual([]);
  });
});
