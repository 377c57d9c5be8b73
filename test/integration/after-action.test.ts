// After-action reports on a real hub: the timeline of a drill from the audit and receipt logs (start and note, each
// screen's paint, hazards, a change of mode elsewhere, the All Clear), the roll-call and who did what; observations
// and corrective actions written by the office and the admin, audited, kept across a restart, refused in words when
// wrong; the open actions across reports, overdue first; and both printable PDFs.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Screen } from '../../shared/model.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let office: string;
let admin: string;
let viewer: string;
const sockets: TestSocket[] = [];
/** The drill every test here reviews, and the real event started meanwhile. */
let drill: number;
let hold: number;

const screen = (id: string): Screen => hub.site().screens.find((s) => s.id === id)!;

async function post(path: string, body: unknown, cookie = office): Promise<any> {
  const { status, body: reply } = await hub.api(path, { cookie, body });
  expect(status, JSON.stringify(reply)).toBe(200);
  return reply;
}

async function patch(path: string, body: unknown, cookie = office): Promise<any> {
  const { status, body: reply } = await hub.api(path, { method: 'PATCH', cookie, body });
  expect(status, JSON.stringify(reply)).toBe(200);
  return reply;
}

/** Until the hub's roll-call shows the screen confirmed: its receipt has been taken. */
async function confirmed(id: string): Promise<void> {
  await vi.waitFor(async () => expect((await hub.api('/api/state', { cookie: office })).body.state.screens.find((s: any) => s.id === id)?.confirmed).toBe(true), { timeout: 5000, interval: 20 });
}

async function afterAction(seq: number, cookie = viewer): Promise<any> {
  const { status, body } = await hub.api(`/api/after-action/${seq}`, { cookie });
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}

async function auditLines(action: string): Promise<any[]> {
  const { body } = await hub.api(`/api/audit?action=${action}&limit=100`, { cookie: admin });
  return body.entries;
}

beforeAll(async () => {
  hub = await startTestHub();
  office = await hub.login('office');
  admin = await hub.login('admin');
  viewer = await hub.login('viewer');

  const east = await TestSocket.screen(hub.origin, 'main-1-east');
  sockets.push(east);
  ({ seq: drill } = await post('/api/modes', { mode: 'evacuate', scope: { kind: 'building', buildingId: 'main' }, drill: true, destination: 'North athletic field', note: 'Use the west stairs' }));
  expect((await east.renderState(drill, screen('main-1-east')))?.mode).toBe('evacuate');
  await confirmed('main-1-east');
  await post('/api/hazards', { blocked: true, areaIds: ['m1-east-hall-end'] });
  ({ seq: hold } = await post('/api/modes', { mode: 'hold', scope: { kind: 'building', buildingId: 'annex' }, drill: false }));
  await post('/api/all-clear', { scope: { kind: 'building', buildingId: 'main' }, drill: true }, admin);
});
afterAll(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await hub?.dispose();
});

describe('an after-action report', () => {
  it('tells the timeline, the roll-call and who did what', async () => {
    const { afterAction: report } = await afterAction(drill);
    const timeline: any[] = report.timeline;
    expect(timeline.map((e) => e.kind)).toEqual(['start', 'note', 'screen', 'hazard', 'mode', 'end']);
    expect(timeline[0]).toMatchObject({ who: 'office', offsetSeconds: 0, words: 'Started Evacuate drill for Main Building, to North athletic field' });
    expect(timeline[1]).toMatchObject({ kind: 'note', words: 'Note to the screens: “Use the west stairs”' });
    expect(timeline[2]).toMatchObject({ kind: 'screen', who: null, words: expect.stringMatching(/ painted Evacuate$/) });
    expect(timeline[3]).toMatchObject({ kind: 'hazard', who: 'office', words: expect.stringMatching(/^Hazard marked: /) });
    expect(timeline[4]).toMatchObject({ kind: 'mode', who: 'office', words: `Started Hold real event for Annex (#${hold})` });
    expect(timeline[5]).toMatchObject({ kind: 'end', who: 'admin', words: 'All Clear (drill) for Main Building' });
    for (let i = 1; i < timeline.length; i++) expect(timeline[i].offsetSeconds).toBeGreaterThanOrEqual(timeline[i - 1].offsetSeconds);

    expect(report.rollCall).toMatchObject({ expected: 7, confirmed: 1, allConfirmedAfterSeconds: null, confirmedOutsideScope: 0 });
    expect(report.rollCall.neverConfirmed).toHaveLength(6);
    expect(report.rollCall.neverConfirmed[0]).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    expect(report.people.map((p: any) => [p.who, p.actions.length])).toEqual([
      ['office', 4],
      ['admin', 1],
    ]);
  });

  it('answers 404 for a change that is not in the audit log, and 400 for what is not a sequence number', async () => {
    expect((await hub.api('/api/after-action/999', { cookie: viewer })).status).toBe(404);
    const bad = await hub.api('/api/after-action/abc', { cookie: viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/not a mode change's sequence number/);
    expect((await hub.api('/api/after-action/999/observations', { cookie: office, body: { text: 'Late' } })).status).toBe(404);
  });
});

describe('observations and corrective actions', () => {
  it('are written by the office and the admin, kept, audited, and refused in words when wrong', async () => {
    const { observation } = await post(`/api/after-action/${drill}/observations`, { text: '  The west stairs were crowded.  ' });
    expect(observation).toMatchObject({ seq: drill, text: 'The west stairs were crowded.', by: 'office' });
    const { action } = await post(`/api/after-action/${drill}/actions`, { text: 'Put a second sign on the west stairs', owner: 'Office', due: '2026-01-15' }, admin);
    // "Office" is the office user (usernames are lowercase); a name that is no user stays a name.
    expect(action).toMatchObject({ seq: drill, owner: 'Office', ownerUsername: 'office', status: 'open', doneAt: null, createdBy: 'admin' });
    const { action: named } = await post(`/api/after-action/${drill}/actions`, { text: 'Walk the route with the fire marshal', owner: 'Ms. Rivera', due: '2099-03-01', status: 'in-progress' });
    expect(named).toMatchObject({ ownerUsername: null, status: 'in-progress' });

    for (const [path, body, words] of [
      [`/api/after-action/${drill}/observations`, { text: '   ' }, /write the observation/],
      [`/api/after-action/${drill}/observations`, { text: 'x'.repeat(1001) }, /at most 1000 characters/],
      [`/api/after-action/${drill}/actions`, { text: 'Fix', owner: 'Ana', due: '15/01/2026' }, /due date as YYYY-MM-DD/],
      [`/api/after-action/${drill}/actions`, { text: 'Fix', owner: 'Ana', due: '2026-01-15', status: 'maybe' }, /a status: open, in-progress, done/],
      [`/api/after-action/${drill}/actions`, { text: 'Fix', due: '2026-01-15' }, /owner/],
      [`/api/after-action/${drill}/actions`, { text: 'Fix', owner: 'Ana', due: '2026-01-15', extra: 1 }, /extra/],
    ] as const) {
      const answer = await hub.api(path, { cookie: office, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.message).toMatch(words);
    }
    const noChange = await hub.api(`/api/after-action/actions/${action.id}`, { method: 'PATCH', cookie: office, body: {} });
    expect(noChange.status).toBe(400);
    expect(noChange.body.error.message).toMatch(/change the text, owner, due date or status/);

    hub = await hub.restart();
    office = await hub.login('office');
    admin = await hub.login('admin');
    viewer = await hub.login('viewer');
    const { afterAction: report, owners } = await afterAction(drill, office);
    expect(owners).toEqual(expect.arrayContaining(['admin', 'office', 'viewer']));
    expect((await afterAction(drill)).owners).toEqual([]);
    expect(report.observations.map((o: any) => o.text)).toEqual(['The west stairs were crowded.']);
    expect(report.actions.map((a: any) => [a.text, a.overdue])).toEqual([
      ['Put a second sign on the west stairs', true],
      ['Walk the route with the fire marshal', false],
    ]);
    expect((await auditLines('after-action.observation-added'))[0]).toMatchObject({ who: 'office', detail: `on #${drill}: “The west stairs were crowded.”` });
    expect((await auditLines('after-action.action-added')).map((e) => e.who).sort()).toEqual(['admin', 'office']);
  });

  it('are listed across reports while open, overdue first, until done', async () => {
    const other = await post(`/api/after-action/${hold}/actions`, { text: 'Check the annex door closer', owner: 'Facilities', due: '2026-06-01' });
    const { body: open } = await hub.api('/api/after-action/open-actions', { cookie: viewer });
    expect(open.actions.map((a: any) => [a.text, a.overdue, a.event?.seq])).toEqual([
      ['Put a second sign on the west stairs', true, drill],
      ['Check the annex door closer', true, hold],
      ['Walk the route with the fire marshal', false, drill],
    ]);
    expect(open.actions[1].event).toMatchObject({ mode: 'hold', drill: false, scopeName: 'Annex' });

    const first = open.actions[0];
    const { action: done } = await patch(`/api/after-action/actions/${first.id}`, { status: 'done' });
    expect(done).toMatchObject({ status: 'done', updatedBy: 'office', doneAt: expect.any(String) });
    const { action: moved } = await patch(`/api/after-action/actions/${other.action.id}`, { due: '2099-06-01', owner: 'admin' }, admin);
    expect(moved).toMatchObject({ due: '2099-06-01', ownerUsername: 'admin' });
    const { body: still } = await hub.api('/api/after-action/open-actions', { cookie: viewer });
    expect(still.actions.map((a: any) => [a.text, a.overdue])).toEqual([
      ['Walk the route with the fire marshal', false],
      ['Check the annex door closer', false],
    ]);
    const changed = (await auditLines('after-action.action-changed')).map((e) => e.detail);
    expect(changed).toEqual(
      expect.arrayContaining([`on #${drill}: “Put a second sign on the west stairs”: open → done`, `on #${hold}: “Check the annex door closer”: owner Facilities → admin; due 2026-06-01 → 2099-06-01`]),
    );
  });

  it('are removed only by whoever wrote them or an administrator', async () => {
    const { afterAction: report } = await afterAction(drill);
    const byAdmin = report.actions.find((a: any) => a.createdBy === 'admin');
    const refused = await hub.api(`/api/after-action/actions/${byAdmin.id}`, { method: 'DELETE', cookie: office });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/Only admin, who wrote this corrective action, or an administrator may remove it/);
    expect((await hub.api(`/api/after-action/observations/${report.observations[0].id}`, { method: 'DELETE', cookie: admin })).status).toBe(200);
    expect((await hub.api(`/api/after-action/actions/${byAdmin.id}`, { method: 'DELETE', cookie: admin })).status).toBe(200);
    expect((await hub.api(`/api/after-action/actions/${byAdmin.id}`, { method: 'DELETE', cookie: admin })).status).toBe(404);
    const after = (await afterAction(drill)).afterAction;
    expect(after.observations).toEqual([]);
    expect(after.actions).toHaveLength(1);
    expect(await auditLines('after-action.action-removed')).toHaveLength(1);
  });
});

describe('printing', () => {
  it('prints the after-action report and the compliance log as PDFs', async () => {
    for (const path of [`/api/after-action/${drill}.pdf`, '/api/compliance/drill-log.pdf']) {
      const response = await fetch(`${hub.origin}${path}`, { headers: { Cookie: viewer } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="(after-action-\d+-evacuate-\d{4}-\d\d-\d\d|drill-compliance-log-[\d-]+(-to-[\d-]+)?)\.pdf"$/);
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});
