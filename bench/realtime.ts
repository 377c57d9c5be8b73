// Section "realtime": office request → last render receipt with N screens, against a bare `ws` broadcast of the same frame.
//
// Measuring point, the same on both sides: from just before the bench sends the HTTP request (POST /api/modes or
// /api/all-clear to the hub; POST /broadcast to the bare server) to the moment the LAST simulated screen has handed
// its receipt to its socket. All screens live in this process, so one clock times everything. The hub's own handling
// of the receipts is not inside the figure; it is checked (not timed) after each round through GET /api/state.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { HubState } from '../shared/protocol.ts';
import { bareBroadcast } from './bare-client.ts';
import { onCleanup } from './cleanup.ts';
import { BenchError, sleep } from './deadline.ts';
import type { ProcessFigures } from './ipc-messages.ts';
import { ownProcessCpuMs, watchMachineLoad } from './machine-load.ts';
import { memoryGrowth } from './memory-growth.ts';
import { OfficeClient } from './office-client.ts';
import type { BenchOptions } from './options.ts';
import { roundStep, type RoundStep } from './round-plan.ts';
import { ScreenFleet, shownKey, type FleetScreen } from './screen-fleet.ts';
import { atMost, type Section, type SectionResult } from './section.ts';
import { ServerChild } from './server-child.ts';
import { generateSite, writeSiteFile } from './site-file.ts';
import { ms, round2, summarize } from './stats.ts';

const PASSWORDS = { admin: 'bench-admin-password', office: 'bench-office-password' } as const;
/** One round may take this long before the bench gives up (the target is 100 ms). */
const ROUND_TIMEOUT_MS = 20_000;
/** Idle time after each timed round, so one round's leftovers (audit fsync, receipts, GC) do not land in the next. */
const SETTLE_MS = 50;
const STATE_POLL_MS = 20;
const STATE_TIMEOUT_MS = 5000;

export const TARGETS = { ratio_p99: 1.5, p99_ms: 100, rss_kb_per_screen: 40 } as const;

interface Timed {
  /** Request sent → last receipt sent. */
  ms: number;
  /** Request sent → first screen got the frame: what the server does before fanning out. */
  firstMs: number;
  /** Time the simulated screens spent in their handlers this round (in this process). */
  screensMs: number;
  /** Server CPU time over the round (plus the settle time). */
  cpuMs: number;
  /** Server GC pauses over the round (plus the settle time). */
  gcMs: number;
}

/** The roll-call must show every screen online and confirmed on what was asked; polled because receipts are in flight. */
async function verifyRollCall(office: OfficeClient, seq: number, step: RoundStep, screens: number): Promise<void> {
  const deadline = Date.now() + STATE_TIMEOUT_MS;
  for (;;) {
    const state: HubState = await office.state();
    const online = state.screens.filter((s) => s.online).length;
    const expected = state.rollCall.reduce((sum, entry) => sum + entry.expected, 0);
    const confirmed = state.rollCall.reduce((sum, entry) => sum + entry.confirmed, 0);
    const wrong = state.rollCall.filter((entry) => entry.mode !== step.expectMode || entry.drill !== step.expectDrill);
    // These will not fix themselves: fail at once.
    let problem: string | null = null;
    if (state.seq !== seq) problem = `hub state is at seq ${state.seq}, expected ${seq}`;
    else if (online !== screens) problem = `${online} of ${screens} screens online`;
    else if (expected !== screens) problem = `roll-call expects ${expected} screens, not ${screens}`;
    else if (wrong.length > 0) problem = `roll-call has ${wrong.map((e) => `${e.mode}${e.drill ? ' drill' : ''}`).join(', ')}, expected ${step.expectMode}`;
    if (problem) throw new BenchError(`after seq ${seq} (${step.label}): ${problem}`);
    if (confirmed === expected) return;
    // Receipts still on their way to the hub: ask again shortly.
    if (Date.now() > deadline) throw new BenchError(`after seq ${seq} (${step.label}): roll-call has ${confirmed} of ${expected} confirmed`);
    await sleep(STATE_POLL_MS);
  }
}

/** The server's CPU and GC time between two readings. */
function serverTime(before: ProcessFigures, after: ProcessFigures): { cpuMs: number; gcMs: number } {
  return { cpuMs: (after.cpuMicros - before.cpuMicros) / 1000, gcMs: after.gcMs - before.gcMs };
}

export const realtimeSection: Section = {
  name: 'realtime',
  async run(options: BenchOptions, log): Promise<SectionResult> {
    const n = options.screens;
    const temp = await mkdtemp(join(tmpdir(), 'muster-bench-'));
    onCleanup(`temp dir ${temp}`, () => rm(temp, { recursive: true, force: true }));
    const site = generateSite(n);
    const siteFile = await writeSiteFile(temp, site);
    const screens: FleetScreen[] = site.screens.map((s) => ({ screenId: s.id, placement: { buildingId: s.buildingId, zoneId: s.zoneId } }));

    const hub = await ServerChild.start('hub', 'hub-process.ts', {
      dataDir: join(temp, 'data'),
      siteFile,
      adminPassword: PASSWORDS.admin,
      officePassword: PASSWORDS.office,
    }, { profileDir: options.profileDir });
    const bare = await ServerChild.start('bare ws server', 'bare-process.ts', {}, { profileDir: options.profileDir });
    const hubOrigin = `http://127.0.0.1:${hub.port}`;
    const bareOrigin = `http://127.0.0.1:${bare.port}`;
    log(`hub pid ${hub.pid} on ${hubOrigin}, bare ws server pid ${bare.pid} on ${bareOrigin}, ${n} screens in ${site.buildings.length} buildings`);

    const office = new OfficeClient(hubOrigin);
    await hub.guard(office.login('office', PASSWORDS.office));
    // Run the change path once with no screen connected, so its code and buffers are not counted as per-screen memory.
    await hub.guard(office.change('/api/modes', OfficeClient.body(roundStep(0).request)));
    await hub.guard(office.change('/api/all-clear', OfficeClient.body(roundStep(1).request)));
    const hubBefore = await hub.figures(true);
    const bareBefore = await bare.figures(true);

    let started = performance.now();
    const hubFleet = await hub.guard(ScreenFleet.connect({ name: 'hub screens', origin: hubOrigin, screens, hello: true }));
    onCleanup('hub screens', () => hubFleet.close());
    const connectMs = performance.now() - started;
    started = performance.now();
    const bareFleet = await bare.guard(ScreenFleet.connect({ name: 'bare clients', origin: bareOrigin, screens, hello: false }));
    onCleanup('bare clients', () => bareFleet.close());
    const bareConnectMs = performance.now() - started;
    log(`connected ${n} screens to the hub in ${ms(connectMs)} (hello → welcome, ${hubFleet.options.batchSize} at a time), ${n} bare clients in ${ms(bareConnectMs)}`);
    hubFleet.forgetAll(); // the snapshots answered on connect

    const frameBytes: number[] = [];

    /** One timed hub change; returns the frame every screen got, to replay to the bare server. */
    const hubRound = async (step: RoundStep): Promise<Timed & { seq: number; frame: string }> => {
      const body = OfficeClient.body(step.request);
      const cpuBefore = await hub.figures();
      const t0 = performance.now();
      const seq = await hub.guard(office.change(step.path, body));
      const record = await hub.guard(hubFleet.waitForReceipts(seq, ROUND_TIMEOUT_MS));
      const elapsed = record.lastSentAt - t0;
      await sleep(SETTLE_MS);
      const cpuAfter = await hub.figures();
      const want = shownKey(step.expectMode, step.expectMode === 'normal' ? 0 : seq, step.expectDrill);
      if (record.shown.get(want) !== n) {
        throw new BenchError(`after seq ${seq} (${step.label}) screens showed ${JSON.stringify([...record.shown])}, expected ${n} × ${want}`);
      }
      if (!record.frame) throw new BenchError(`no modes-changed frame was seen for seq ${seq}`);
      await hub.guard(verifyRollCall(office, seq, step, n));
      hubFleet.forget(seq);
      frameBytes.push(Buffer.byteLength(record.frame));
      return { ms: elapsed, firstMs: record.firstAt - t0, screensMs: record.handlerMs, ...serverTime(cpuBefore, cpuAfter), seq, frame: record.frame };
    };

    /** The same frame through the bare server to the same number of sockets. */
    const bareRound = async (seq: number, frame: string): Promise<Timed> => {
      const cpuBefore = await bare.figures();
      const t0 = performance.now();
      const sent = await bare.guard(bareBroadcast(bareOrigin, frame));
      if (sent !== n) throw new BenchError(`the bare server sent seq ${seq} to ${sent} sockets, not ${n}`);
      const record = await bare.guard(bareFleet.waitForReceipts(seq, ROUND_TIMEOUT_MS));
      const elapsed = record.lastSentAt - t0;
      await sleep(SETTLE_MS);
      const cpuAfter = await bare.figures();
      bareFleet.forget(seq);
      return { ms: elapsed, firstMs: record.firstAt - t0, screensMs: record.handlerMs, ...serverTime(cpuBefore, cpuAfter) };
    };

    // Rounds alternate hub, bare, hub, bare... so both see the same machine (other work, thermal state) over time.
    const play = async (i: number, label: string) => {
      const step = roundStep(i);
      const ours = await hubRound(step);
      const floor = await bareRound(ours.seq, ours.frame);
      // "first" = request → first screen has the frame; "gc" = the server's GC pauses during the round.
      log(
        `${label} ${step.label.padEnd(18)} hub ${ms(ours.ms).padStart(9)} (first ${ms(ours.firstMs).padStart(8)}, gc ${ms(ours.gcMs).padStart(7)})  ` +
          `bare ${ms(floor.ms).padStart(9)} (first ${ms(floor.firstMs).padStart(8)}, gc ${ms(floor.gcMs).padStart(7)})  ratio ${(ours.ms / floor.ms).toFixed(2)}`,
      );
      return { ours, floor };
    };

    log(`warm-up: ${options.warmup} rounds (not timed)`);
    for (let i = 0; i < options.warmup; i++) await play(i, `  warm-up ${i + 1}/${options.warmup}`);
    const hubAfter = await hub.figures(true);
    const bareAfter = await bare.figures(true);
    // Both after a full collection (the children run with --expose-gc).
    const memory = memoryGrowth(hubBefore, hubAfter, n);
    const bareMemory = memoryGrowth(bareBefore, bareAfter, n);
    log(
      `memory with ${n} screens connected: hub RSS ${(hubBefore.rssBytes / 2 ** 20).toFixed(1)} → ${(hubAfter.rssBytes / 2 ** 20).toFixed(1)} MB, ` +
        `${memory.rssKbPerScreen.toFixed(1)} KB per screen; bare server ${bareMemory.rssKbPerScreen.toFixed(1)} KB per socket`,
    );
    log(
      `  of the hub's growth: V8 new space +${memory.newSpaceMb.toFixed(1)} MB (fixed, not per screen; without it ` +
        `${memory.rssKbPerScreenExclNewSpace.toFixed(1)} KB per screen), old space ${memory.oldSpaceKbPerScreen.toFixed(1)} KB per screen ` +
        `(bare server ${bareMemory.oldSpaceKbPerScreen.toFixed(1)} KB)`,
    );
    log(`measured: ${options.rounds} rounds; time = HTTP request sent → last screen has sent its receipt`);
    const ours: Timed[] = [];
    const floor: Timed[] = [];
    const load = watchMachineLoad();
    const ownCpuBefore = ownProcessCpuMs() + (hubAfter.cpuMicros + bareAfter.cpuMicros) / 1000;
    for (let i = 0; i < options.rounds; i++) {
      // Keep stepping through the plan where the warm-up stopped, so every round is a real change.
      const result = await play(options.warmup + i, `  round ${String(i + 1).padStart(3)}/${options.rounds}`);
      ours.push(result.ours);
      floor.push(result.floor);
    }

    const [hubEnd, bareEnd] = await Promise.all([hub.figures(), bare.figures()]);
    const { otherPct } = load.end(ownProcessCpuMs() + (hubEnd.cpuMicros + bareEnd.cpuMicros) / 1000 - ownCpuBefore);

    const hubStats = summarize(ours.map((r) => r.ms));
    const bareStats = summarize(floor.map((r) => r.ms));
    const hubCpu = summarize(ours.map((r) => r.cpuMs));
    const bareCpu = summarize(floor.map((r) => r.cpuMs));
    const hubFirst = summarize(ours.map((r) => r.firstMs));
    const bareFirst = summarize(floor.map((r) => r.firstMs));
    const hubScreens = summarize(ours.map((r) => r.screensMs));
    const bareScreens = summarize(floor.map((r) => r.screensMs));
    log(`hub : p50 ${ms(hubStats.p50)}  p99 ${ms(hubStats.p99)}  max ${ms(hubStats.max)}  mean ${ms(hubStats.mean)}`);
    log(`bare: p50 ${ms(bareStats.p50)}  p99 ${ms(bareStats.p99)}  max ${ms(bareStats.max)}  mean ${ms(bareStats.mean)}`);
    if (otherPct !== null) {
      const busy = otherPct >= 10 ? ' (other work was running: absolute times are inflated; the interleaved ratio suffers less)' : '';
      log(`other processes used ${otherPct.toFixed(0)}% of the machine during the measured rounds${busy}`);
    }
    log(`ratio: p50 ${(hubStats.p50 / bareStats.p50).toFixed(2)}  p99 ${(hubStats.p99 / bareStats.p99).toFixed(2)}`);
    log(`where the time goes (p50): request → first screen has the frame: hub ${ms(hubFirst.p50)}, bare ${ms(bareFirst.p50)}`);
    log(`  server CPU per round: hub ${ms(hubCpu.p50)}, bare ${ms(bareCpu.p50)}; simulated screens' own handling (serial here): hub ${ms(hubScreens.p50)}, bare ${ms(bareScreens.p50)}`);

    const figures = {
      screens: n,
      rounds: options.rounds,
      warmup_rounds: options.warmup,
      measured_to: 'last receipt sent by a screen',
      p50_ms: round2(hubStats.p50),
      p99_ms: round2(hubStats.p99),
      max_ms: round2(hubStats.max),
      mean_ms: round2(hubStats.mean),
      bare_p50_ms: round2(bareStats.p50),
      bare_p99_ms: round2(bareStats.p99),
      bare_max_ms: round2(bareStats.max),
      ratio_p50: round2(hubStats.p50 / bareStats.p50),
      ratio_p99: round2(hubStats.p99 / bareStats.p99),
      rss_kb_per_screen: round2(memory.rssKbPerScreen),
      bare_rss_kb_per_screen: round2(bareMemory.rssKbPerScreen),
      first_p50_ms: round2(hubFirst.p50),
      bare_first_p50_ms: round2(bareFirst.p50),
      heap_kb_per_screen: round2(memory.heapKbPerScreen),
      old_space_kb_per_screen: round2(memory.oldSpaceKbPerScreen),
      bare_old_space_kb_per_screen: round2(bareMemory.oldSpaceKbPerScreen),
      hub_new_space_growth_mb: round2(memory.newSpaceMb),
      rss_kb_per_screen_excl_new_space: round2(memory.rssKbPerScreenExclNewSpace),
      hub_cpu_ms_per_change_p50: round2(hubCpu.p50),
      bare_cpu_ms_per_broadcast_p50: round2(bareCpu.p50),
      screens_handling_ms_p50: round2(hubScreens.p50),
      frame_bytes: Math.round(frameBytes.reduce((a, b) => a + b, 0) / frameBytes.length),
      connect_ms: round2(connectMs),
      other_load_pct: otherPct === null ? null : Math.round(otherPct),
    };
    return {
      figures,
      targets: [
        atMost('ratio_p99', figures.ratio_p99, TARGETS.ratio_p99),
        atMost('p99_ms', figures.p99_ms, TARGETS.p99_ms),
        atMost('rss_kb_per_screen', figures.rss_kb_per_screen, TARGETS.rss_kb_per_screen),
      ],
    };
  },
};
