import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReceiptLog, RECEIPT_FILE } from './receipt-log.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'muster-receipts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lockdown = (seq: number, at: number) => ({ seq, activeSeq: 3, mode: 'lockdown' as const, drill: true, at });

describe('receipt log', () => {
  it('keeps only the first receipt of a screen for the mode it shows, and writes them in a batch later', async () => {
    const log = await openReceiptLog(dir);
    log.record('gym', lockdown(3, 1000));
    log.record('gym', lockdown(4, 2000)); // a hazard change: same mode, nothing new for a report
    log.record('cafeteria', lockdown(3, 1500));
    log.record('gym', { seq: 5, activeSeq: 0, mode: 'normal', drill: false, at: 3000 });
    log.record('gym', lockdown(6, 4000)); // shown again later: kept, a reader takes the earliest
    expect(await readFile(join(dir, RECEIPT_FILE), 'utf8')).toBe(''); // nothing written on the receipt's path
    const lines = await log.forActiveSeq(3);
    expect(lines.map((l) => [l.screenId, l.seq, l.at])).toEqual([
      ['gym', 3, new Date(1000).toISOString()],
      ['cafeteria', 3, new Date(1500).toISOString()],
      ['gym', 6, new Date(4000).toISOString()],
    ]);
    expect((await log.forActiveSeq(0)).map((l) => l.screenId)).toEqual(['gym']);
    expect(await log.forActiveSeq(33)).toEqual([]);
    await log.close();
  });

  it('flushes on its own shortly after a burst, and on close', async () => {
    const log = await openReceiptLog(dir);
    log.record('gym', lockdown(3, 1000));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await readFile(join(dir, RECEIPT_FILE), 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
    log.record('cafeteria', lockdown(3, 1000));
    await log.close();
    log.record('annex-hall', lockdown(3, 1000)); // after close: ignored, not a crash
    expect((await readFile(join(dir, RECEIPT_FILE), 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('skips a line torn by a crash and keeps appending after it on a new line', async () => {
    const first = await openReceiptLog(dir);
    first.record('gym', lockdown(3, 1000));
    await first.close();
    await appendFile(join(dir, RECEIPT_FILE), '{"activeSeq":3,"seq":3,"screenId":"cafe');
    const reopened = await openReceiptLog(dir);
    reopened.record('front-office', lockdown(3, 2000));
    expect((await reopened.forActiveSeq(3)).map((l) => l.screenId)).toEqual(['gym', 'front-office']);
    await reopened.close();
  });
});
