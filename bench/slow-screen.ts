// Section "slow screen": N screens that keep up plus 5 whose sockets stop reading, through 200 mode changes
// (Hold drill / All Clear, alternating). Reported: the hub's RSS growth over the changes, how much unsent data the
// stuck screens made it (and the kernel) hold, and whether and why the hub dropped them: the send-queue cap
// (close 4429, CLOSE_CODES.slowConsumer) or the heartbeat (a socket that reads nothing answers no ping).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AllClearRequest, ModeRequest } from '../shared/model.ts';
import { onCleanup } from './cleanup.ts';
import { BenchError, sleep } from './deadline.ts';
import { kernelQueues } from './kernel-queues.ts';
import { OfficeClient } from './office-client.ts';
import type { BenchOptions } from './options.ts';
import { waitForRollCall } from './roll-call-wait.ts';
import { ScreenFleet, shownKey, type FleetScreen } from './screen-fleet.ts';
import type { Section, SectionResult } from './section.ts';
import { ServerChild } from './server-child.ts';
import { generateSite, writeSiteFile } from './site-file.ts';
import { connectStuckScreen, type StuckScreen } from './stuck-screen.ts';
import { ms, round2, summarize } from './stats.ts';

const PASSWORDS = { admin: 'bench-admin-password', office: 'bench-office-password' } as const;
const STUCK_SCREENS = 5;
const CHANGES = 200;
/** Changes before the stuck screens join and RSS is read: V8's young generation grows to its working size first. */
const WARMUP_CHANGES = 20;
const CHECK_EVERY = 50;
/** At most 10 changes a second: each one costs every screen a receipt, and the hub allows a screen 20 messages a second. */
const MIN_CHANGE_INTERVAL_MS = 100;
const ROUND_TIMEOUT_MS = 20_000;
/** The hub's heartbeat (config/defaults.json) drops a silent socket after one to two sweeps; wait that long at most. */
const HEARTBEAT_MS = 10_000;
const DROP_WAIT_MS = 2.5 * HEARTBEAT_MS;

const site = { kind: 'site' } as const;
const HOLD: ModeRequest = { mode: 'hold', scope: site, drill: true };
const ALL_CLEAR: AllClearRequest = { scope: site, drill: true };

const kb = (bytes: number) => round2(bytes / 1024);

export const slowScreenSection: Section = {
  name: `slow screen: ${STUCK_SCREENS} screens stop reading during ${CHANGES} mode changes`,
  async run(options: BenchOptions, log): Promise<SectionResult> {
    const n = options.screens;
    const temp = await mkdtemp(join(tmpdir(), 'muster-bench-slow-'));
    onCleanup(`temp dir ${temp}`, () => rm(temp, { recursive: true, force: true }));
    const generated = generateSite(n + STUCK_SCREENS);
    const normal: FleetScreen[] = generated.screens.slice(0, n).map((s) => ({ screenId: s.id, placement: { buildingId: s.buildingId, zoneId: s.zoneId } }));
    const stuckIds = generated.screens.slice(n).map((s) => s.id);
    const hub = await ServerChild.start('hub', 'hub-process.ts', {
      dataDir: join(temp, 'data'),
      siteFile: await writeSiteFile(temp, generated),
      adminPassword: PASSWORDS.admin,
      officePassword: PASSWORDS.office,
      heartbeatMs: HEARTBEAT_MS,
      watchSockets: true,
    });
    const origin = `http://127.0.0.1:${hub.port}`;
    const office = new OfficeClient(origin);
    await hub.guard(office.login('office', PASSWORDS.office));
    const fleet = await hub.guard(ScreenFleet.connect({ name: 'normal screens', origin, screens: normal, hello: true }));
    onCleanup('normal screens', () => fleet.close());
    fleet.forgetAll();

    /** One change; every normal screen must confirm it. Returns request sent → last receipt sent. */
    const change = async (i: number): Promise<number> => {
      const set = i % 2 === 0;
      const t0 = performance.now();
      const seq = await hub.guard(set ? office.change('/api/modes', OfficeClient.body(HOLD)) : office.change('/api/all-clear', OfficeClient.body(ALL_CLEAR)));
      const record = await hub.guard(fleet.waitForReceipts(seq, ROUND_TIMEOUT_MS));
      const want = shownKey(set ? 'hold' : 'normal', set ? seq : 0, set);
      if (record.shown.get(want) !== n) throw new BenchError(`after seq ${seq} screens showed ${JSON.stringify([...record.shown])}, expected ${n} × ${want}`);
      fleet.forget(seq);
      const took = record.lastSentAt - t0;
      await sleep(MIN_CHANGE_INTERVAL_MS - (performance.now() - t0));
      return took;
    };
    for (let i = 0; i < WARMUP_CHANGES; i++) await change(i);

    const stuck: StuckScreen[] = [];
    onCleanup('stuck screens', () => stuck.forEach((s) => s.close()));
    for (const id of stuckIds) stuck.push(await hub.guard(connectStuckScreen(origin, id)));
    const pausedAt = performance.now();
    const before = await hub.figures(true);
    log(`${n} normal screens and ${STUCK_SCREENS} stuck ones (welcomed, then their sockets paused) on hub pid ${hub.pid}; hub RSS ${(before.rssBytes / 2 ** 20).toFixed(1)} MB`);

    let peakKernelBytes = 0;
    let droppedAt: number | null = null;
    /** Stuck screens the hub still counts online, and what is queued for them now. */
    const checkpoint = async (label: string, print = true) => {
      const state = await hub.guard(office.state());
      const online = state.screens.filter((s) => stuckIds.includes(s.id) && s.online).length;
      if (online === 0) droppedAt ??= performance.now();
      const queues = await kernelQueues(hub.port, stuck.map((s) => s.localPort));
      const perScreen = queues ? [...queues.values()].map((q) => q.unreadBytes + q.unsentBytes) : [];
      peakKernelBytes = Math.max(peakKernelBytes, ...perScreen);
      const sockets = (await hub.figures()).sockets!;
      if (!print) return online;
      log(
        `${label.padEnd(22)} ${((performance.now() - pausedAt) / 1000).toFixed(1).padStart(5)} s after the pause: stuck screens online ${online}/${STUCK_SCREENS}, ` +
          `kernel holds ${queues ? `${kb(Math.max(0, ...perScreen))} KB` : '? (no ss)'} per stuck screen, hub send-queue peak ${kb(sockets.peakBufferedBytes)} KB`,
      );
      return online;
    };

    const times: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      times.push(await change(WARMUP_CHANGES + i));
      if ((i + 1) % CHECK_EVERY === 0) await checkpoint(`after ${i + 1} changes`);
    }
    const after = await hub.figures(true);
    const changesMs = performance.now() - pausedAt;

    // The changes may end before a heartbeat sweep has found the stuck screens: wait for it, bounded.
    const stillOnlineAfterChanges = await checkpoint('after the changes');
    let online = stillOnlineAfterChanges;
    while (online > 0 && performance.now() - pausedAt < DROP_WAIT_MS) {
      await sleep(1000);
      online = await checkpoint('waiting for heartbeat', false);
    }
    if (stillOnlineAfterChanges > 0) await checkpoint('after waiting');
    const sockets = (await hub.figures()).sockets!;
    // The screens that kept reading must all be online and confirmed on the last change (All Clear).
    await hub.guard(waitForRollCall(office, normal.map((s) => s.screenId), { activeSeq: 0, mode: 'normal' }, 10_000));

    const growth = after.rssBytes - before.rssBytes;
    const space = (name: string) => (after.spaces[name] ?? 0) - (before.spaces[name] ?? 0);
    const latency = summarize(times);
    const dropped = STUCK_SCREENS - online;
    const byCap = Math.min(dropped, sockets.slowConsumerCloses);
    log(`${CHANGES} changes in ${ms(changesMs)}; normal screens confirmed every one (request → last receipt p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)})`);
    log(
      `hub RSS ${(before.rssBytes / 2 ** 20).toFixed(1)} → ${(after.rssBytes / 2 ** 20).toFixed(1)} MB: ${kb(growth)} KB, both after a full GC` +
        (stillOnlineAfterChanges > 0 ? ` with ${stillOnlineAfterChanges} stuck screens still connected` : ` (the stuck screens were gone by then)`),
    );
    // RSS after a GC still holds heap pages V8 keeps once the load made it grow; live objects are what a leak would show in.
    log(
      `  of which V8 heap pages: old space ${kb(space('old_space'))} KB, new space ${kb(space('new_space'))} KB; external ${kb(space('external'))} KB; ` +
        `live JS objects ${kb(after.heapUsedBytes - before.heapUsedBytes)} KB`,
    );
    log(
      `stuck screens dropped: ${dropped} of ${STUCK_SCREENS}` +
        (dropped > 0 ? `, ${byCap} by the send-queue cap (4429), ${dropped - byCap} by the heartbeat, all gone by ${((droppedAt! - pausedAt) / 1000).toFixed(1)} s after they stopped reading (checked every ${CHECK_EVERY} changes, then every second)` : '') +
        `; the hub's own send queue peaked at ${kb(sockets.peakBufferedBytes)} KB (cap 1024 KB), the kernel held up to ${kb(peakKernelBytes)} KB per stuck screen`,
    );

    return {
      figures: {
        slow_screen_hub_rss_growth_kb: kb(growth),
        slow_screen_hub_heap_growth_kb: kb(after.heapUsedBytes - before.heapUsedBytes),
        slow_screen_dropped: dropped,
        slow_screen_dropped_by_cap: byCap,
        slow_screen_drop_after_s: droppedAt === null ? null : round2((droppedAt - pausedAt) / 1000),
        slow_screen_peak_buffered_kb: kb(sockets.peakBufferedBytes),
        slow_screen_kernel_queued_kb: kb(peakKernelBytes),
        slow_screen_changes: CHANGES,
        slow_screen_change_p50_ms: round2(latency.p50),
        slow_screen_change_p99_ms: round2(latency.p99),
      },
      targets: [],
    };
  },
};
