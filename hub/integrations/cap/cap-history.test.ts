// Following the audit log for the CAP feed: a real audit file in a temp directory, read a piece at a time.
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Site } from '../../../shared/model.ts';
import { AUDIT_FILE, type AuditEntry } from '../../store/audit-log.ts';
import { openAuditTail } from '../../store/audit-tail.ts';
import { capHistoryLine, clearedSeqs, createCapHistory } from './cap-history.ts';

const SITE = { zones: [{ id: 'east', name: 'East', translations: {}, buildingId: 'main' }] } as unknown as Site;

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'muster-cap-history-'));
  path = join(dir, AUDIT_FILE);
  await writeFile(path, '');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const line = (entry: Partial<AuditEntry>) => `${JSON.stringify({ at: '2026-11-26T15:00:00.000Z', who: 'office', role: 'office', from: '10.0.0.1', ...entry })}\n`;
const set = (seq: number, mode: AuditEntry['mode'], scope: AuditEntry['scope'], drill = true) => line({ action: 'mode.set', seq, mode, scope, drill });
const clear = (seq: number, scope: AuditEntry['scope'], detail?: string, drill = true) => line({ action: 'mode.all-clear', seq, mode: 'normal', scope, drill, detail });

describe('the CAP history', () => {
  it('reads only what was appended since, and a line being written only once it is whole', async () => {
    const history = createCapHistory({ tail: openAuditTail(dir, capHistoryLine), site: () => SITE });
    await appendFile(path, set(1, 'lockdown', { kind: 'site' }) + line({ action: 'session.login' }));
    await history.refresh();
    expect(history.records().map((r) => r.seq)).toEqual([1]);
    const whole = set(2, 'evacuate', { kind: 'building', buildingId: 'main' });
    await appendFile(path, whole.slice(0, 30));
    await history.refresh();
    expect(history.records().map((r) => r.seq)).toEqual([1]);
    await appendFile(path, whole.slice(30) + clear(3, { kind: 'site' }, 'cleared 1, 2'));
    await history.refresh();
    expect(history.lastSeq).toBe(3);
    expect(history.records().at(-1)).toMatchObject({ kind: 'all-clear', seq: 3, cancels: [{ seq: 1, mode: 'lockdown' }, { seq: 2, mode: 'evacuate' }] });
  });

  it('knows what replaced what, and ends by scope when an old line lists nothing', async () => {
    const history = createCapHistory({ tail: openAuditTail(dir, capHistoryLine), site: () => SITE });
    await appendFile(path, set(1, 'hold', { kind: 'zone', zoneId: 'east' }) + set(2, 'lockdown', { kind: 'zone', zoneId: 'east' }) + set(3, 'secure', { kind: 'site' }, false) + clear(4, { kind: 'building', buildingId: 'main' }));
    await history.refresh();
    const [, lockdown, , allClear] = history.records();
    expect(lockdown).toMatchObject({ kind: 'start', replaces: [{ seq: 1, mode: 'hold' }] });
    // A drill All Clear of the building: the zone's drill, not the site's real Secure.
    expect(allClear).toMatchObject({ kind: 'all-clear', cancels: [{ seq: 2 }] });
  });

  it('keeps the latest changes and every mode still active, however old', async () => {
    const history = createCapHistory({ tail: openAuditTail(dir, capHistoryLine), site: () => SITE, keep: 3 });
    let text = set(1, 'secure', { kind: 'site' }, false);
    for (let seq = 2; seq < 40; seq += 2) text += set(seq, 'hold', { kind: 'zone', zoneId: 'east' }) + clear(seq + 1, { kind: 'zone', zoneId: 'east' }, `cleared ${seq}`);
    await appendFile(path, text);
    await history.refresh();
    expect(history.records().map((r) => r.seq)).toEqual([1, 37, 38, 39]);
  });

  it('starts over when the log was replaced by a shorter one', async () => {
    const history = createCapHistory({ tail: openAuditTail(dir, capHistoryLine), site: () => SITE });
    await appendFile(path, set(1, 'hold', { kind: 'site' }) + set(2, 'lockdown', { kind: 'site' }));
    await history.refresh();
    await writeFile(path, set(1, 'secure', { kind: 'site' }));
    await history.refresh();
    expect(history.records()).toMatchObject([{ seq: 1, mode: 'secure' }]);
  });

  it('reads the list of an All Clear', () => {
    expect(clearedSeqs('cleared 3, 4; hazards cleared with the last mode')).toEqual([3, 4]);
    expect(clearedSeqs(undefined)).toBeNull();
  });
});
