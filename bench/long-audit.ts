// Section "mode change with a long audit log": POST /api/modes round trips (request sent → 200 received, no screens)
// on a hub whose audit log is fresh, against a hub started on a data dir holding 100,000 lines of history.
// A mode change persists the mode state and appends (fsyncs) one audit line; neither may cost more as history grows.
// Both hubs run at once and the requests alternate between them, so load from other work on this shared machine
// lands on both sides alike instead of on whichever phase it happened to overlap.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AUDIT_FILE } from '../hub/store/audit-log.ts';
import { writeAuditHistory } from './audit-history.ts';
import { onCleanup } from './cleanup.ts';
import { BenchError } from './deadline.ts';
import { OfficeClient } from './office-client.ts';
import type { BenchOptions } from './options.ts';
import { roundStep } from './round-plan.ts';
import { atMost, type Section, type SectionResult } from './section.ts';
import { ServerChild } from './server-child.ts';
import { generateSite, writeSiteFile } from './site-file.ts';
import { ms, round2, summarize } from './stats.ts';

const PASSWORDS = { admin: 'bench-admin-password', office: 'bench-office-password' } as const;
const HISTORY_LINES = 100_000;
const WARMUP_CHANGES = 5;
/** Timed changes per hub; the p50 of at least 20 is the published figure. */
const CHANGES = 30;
export const AUDIT_TARGETS = { ratio: 1.5 } as const;

interface Side {
  label: string;
  hub: ServerChild;
  office: OfficeClient;
  times: number[];
}

export const longAuditSection: Section = {
  name: 'mode change with a long audit log',
  async run(options: BenchOptions, log): Promise<SectionResult> {
    const temp = await mkdtemp(join(tmpdir(), 'muster-bench-audit-'));
    onCleanup(`temp dir ${temp}`, () => rm(temp, { recursive: true, force: true }));
    const siteFile = await writeSiteFile(temp, generateSite(options.screens));
    const emptyDir = join(temp, 'fresh');
    const longDir = join(temp, 'long-history');
    let started = performance.now();
    const { bytes } = await writeAuditHistory(longDir, HISTORY_LINES);
    log(`wrote ${HISTORY_LINES.toLocaleString('en')} audit lines (${(bytes / 2 ** 20).toFixed(1)} MB, fsynced) in ${ms(performance.now() - started)}`);

    const start = async (label: string, dataDir: string): Promise<Side> => {
      const hub = await ServerChild.start(`hub (${label})`, 'hub-process.ts', {
        dataDir,
        siteFile,
        adminPassword: PASSWORDS.admin,
        officePassword: PASSWORDS.office,
      });
      const office = new OfficeClient(`http://127.0.0.1:${hub.port}`);
      await hub.guard(office.login('office', PASSWORDS.office));
      return { label, hub, office, times: [] };
    };
    const [empty, long] = await Promise.all([start('fresh audit log', emptyDir), start('100k-line audit log', longDir)]);

    const change = async (side: Side, i: number): Promise<number> => {
      // Every step a different site-wide drill mode: each replaces the last, so no All Clear is needed.
      const body = OfficeClient.body(roundStep(2 * i).request);
      const t0 = performance.now();
      await side.hub.guard(side.office.change('/api/modes', body));
      return performance.now() - t0;
    };
    for (let i = 0; i < WARMUP_CHANGES; i++) {
      await change(empty, i);
      await change(long, i);
    }
    started = performance.now();
    for (let i = 0; i < CHANGES; i++) {
      // Alternate which side goes first, so neither always follows the other's fsync.
      const order = i % 2 === 0 ? [empty, long] : [long, empty];
      for (const side of order) side.times.push(await change(side, WARMUP_CHANGES + i));
    }
    const elapsed = performance.now() - started;

    const longBytes = (await stat(join(longDir, AUDIT_FILE))).size;
    if (longBytes < bytes) throw new BenchError(`the long audit log shrank to ${longBytes} bytes: the hub rewrote it`);
    const a = summarize(empty.times);
    const b = summarize(long.times);
    const ratio = b.p50 / a.p50;
    log(`${CHANGES} POST /api/modes per hub, alternating (${ms(elapsed)}); time = request sent → 200 received`);
    log(`fresh audit log     : p50 ${ms(a.p50)}  p99 ${ms(a.p99)}  max ${ms(a.max)}`);
    log(`100k-line audit log : p50 ${ms(b.p50)}  p99 ${ms(b.p99)}  max ${ms(b.max)}  (${(longBytes / 2 ** 20).toFixed(1)} MB file)`);
    log(`ratio p50: ${ratio.toFixed(2)}`);

    const figures = {
      mode_change_ms_empty_audit: round2(a.p50),
      mode_change_ms_100k_audit: round2(b.p50),
      mode_change_audit_ratio: round2(ratio),
      mode_change_ms_empty_audit_p99: round2(a.p99),
      mode_change_ms_100k_audit_p99: round2(b.p99),
    };
    return { figures, targets: [atMost('mode_change_audit_ratio', figures.mode_change_audit_ratio, AUDIT_TARGETS.ratio)] };
  },
};
