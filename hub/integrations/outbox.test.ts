// The outbox's promise across a crash between a change and its message: at start, a mode-state seq beyond what the
// outbox was last told is made up for with a `state` message (the modes as they are), sent like any other.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { ModeState } from '../../shared/model.ts';
import { openIntegrationsFile } from '../store/integrations-file.ts';
import { openOutbox } from './outbox.ts';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const lockdown = { seq: 3, mode: 'lockdown', scope: { kind: 'site' }, drill: true, startedAt: '2026-11-26T10:00:00.000Z', by: 'office' } as const;
const stateAt = (seq: number, modes: ModeState['modes'] = []): ModeState => ({ seq, modes, hazards: { areaIds: [], blockedPoiIds: [] } }) as ModeState;

it('makes up at start for changes it was never told of, and not for those it was', async () => {
  dir = await mkdtemp(join(tmpdir(), 'muster-outbox-unit-'));
  const integrations = await openIntegrationsFile(dir);
  await integrations.update((draft) => {
    draft.integrations.push({
      id: 'aaaaaaaaaaaa', name: 'Raptor', auth: 'signature', signingSecret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`, modes: ['lockdown'], ceiling: { kind: 'site' },
      drillOnly: false, allowedAddresses: [], outboundUrl: 'http://127.0.0.1:9/muster', enabled: true,
      createdAt: '2026-11-26T09:00:00.000Z', createdBy: 'admin', secretCreatedAt: '2026-11-26T09:00:00.000Z', lastUsedAt: null,
    });
  });
  const sent: string[] = [];
  const fakeFetch = (async (_url: string, init: RequestInit) => {
    sent.push(String(init.body));
    return new Response(null, { status: 204 });
  }) as typeof fetch;

  // First start at seq 0: nothing to make up for.
  const first = await openOutbox({ dataDir: dir, integrations, modeState: () => stateAt(0), fetch: fakeFetch });
  await first.close();
  expect(sent).toEqual([]);

  // The hub then made a Lockdown (seq 3) and was killed before the outbox heard of it.
  const second = await openOutbox({ dataDir: dir, integrations, modeState: () => stateAt(3, [lockdown as never]), fetch: fakeFetch });
  await expect.poll(() => sent.length).toBe(1);
  expect(JSON.parse(sent[0]!)).toMatchObject({ type: 'state', seq: 3, data: { modes: [{ mode: 'lockdown', seq: 3 }] } });
  await second.close();

  // Told now: a third start sends nothing more.
  const third = await openOutbox({ dataDir: dir, integrations, modeState: () => stateAt(3, [lockdown as never]), fetch: fakeFetch });
  await new Promise((done) => setTimeout(done, 200));
  expect(sent).toHaveLength(1);
  await third.close();
});
