// One run of the realtime section at one fleet size, on fresh processes: a hub child, a bare ws server child, the
// simulated screens split over fleet children (split-fleet.ts) and the office consoles (office-consoles.ts).
//
// Measuring point, the same on both sides: from just before the bench sends the HTTP request (POST /api/modes or
// /api/all-clear to the hub; POST /broadcast to the bare server) to the moment the LAST simulated screen, in whichever
// fleet child, has handed its receipt to its socket. The children's clocks are checked against this process's first
// (ServerChild.checkClock). The hub's own handling of the receipts is not inside the figure; it is checked (not timed)
// after each round through GET /api/state, and the consoles' views are timed from the last receipt.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { HubState } from '../shared/protocol.ts';
import { bareBroadcast } from './bare-client.ts';
import { BenchError, sleep } from './deadline.ts';
import type { ProcessFigures } from './ipc-messages.ts';
import { ownProcessCpuMs, watchMachineLoad } from './machine-load.ts';
import { memoryGrowth, type MemoryGrowth } from './memory-growth.ts';
import { OfficeClient } from './office-client.ts';
import { OfficeConsoles } from './office-consoles.ts';
import { roundsAt, type BenchOptions } from './options.ts';
import { roundStep, type RoundStep } from './round-plan.ts';
import { shownKey } from './screen-fleet.ts';
import { ServerChild } from './server-child.ts';
import { generateSite, writeSiteFile } from './site-file.ts';
import { SplitFleet } from './split-fleet.ts';
import { ms } from './stats.ts';

const PASSWORDS = { admin: 'bench-admin-password', office: 'bench-office-password' } as const;
/** One round may take this long before the bench gives up (the target is 100 ms at 1,000 screens). */
const ROUND_TIMEOUT_MS = 20_000;
/** Pairing 10,000 screens and opening their store takes a while on a busy machine. */
const HUB_START_TIMEOUT_MS = 120_000;
/** Idle time after each timed round, so one round's leftovers (audit fsync, receipts, GC) do not land in the next. */
const SETTLE_MS = 50;
const STATE_POLL_MS = 20;
const STATE_TIMEOUT_MS = 10_000;
/** The office's link: 20 Mbit/s. */
export const CONSOLE_LINK_BYTES_PER_S = (20 * 1e6) / 8;
/** How long a console may take to show a round complete before the round is counted as not shown. */
const CONSOLE_WAIT_MS = 10_000;

export interface Timed {
  /** Request sent → last receipt sent. */
  ms: number;
  /** Request sent → first screen got the frame: what the server does before fanning out. */
  firstMs: number;
  /** Time the simulated screens spent in their handlers this round (summed over the fleet children). */
  screensMs: number;
  /** Server CPU time over the round (plus the settle time). */
  cpuMs: number;
  /** Server GC pauses over the round (plus the settle time). */
  gcMs: number;
}

/** One round as the consoles saw it. */
export interface ConsoleRound {
  /** Last screen's receipt → the slowest console's view shows every screen confirmed; null if one never did. */
  completeMs: number | null;
  /** The largest frame any console got from the request to then (or to the wait's end). */
  maxFrameBytes: number;
}

export interface RunResult {
  hub: Timed[];
  bare: Timed[];
  consoles: ConsoleRound[];
  /** Frames the consoles received over the whole run (the state on connect included), and the largest. */
  consoleFrames: number;
  consoleLargestFrameBytes: number;
  /** Consoles the hub closed during the run: when (rounds played by then) and how. */
  consoleCloses: { afterRounds: number; code: number; reason: string }[];
  memory: MemoryGrowth;
  bareMemory: MemoryGrowth;
  frameBytes: number;
  connectMs: number;
  bareConnectMs: number;
  otherPct: number | null;
  fleetProcesses: number;
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

/** Play one run at `n` screens in `temp`; every process it starts is registered with onCleanup. */
export async function realtimeRun(n: number, temp: string, options: BenchOptions, log: (line: string) => void): Promise<RunResult> {
  const site = generateSite(n);
  const siteFile = await writeSiteFile(temp, site);

  const hub = await ServerChild.start('hub', 'hub-process.ts', {
    dataDir: join(temp, 'data'),
    siteFile,
    adminPassword: PASSWORDS.admin,
    officePassword: PASSWORDS.office,
  }, { profileDir: options.profileDir, startTimeoutMs: HUB_START_TIMEOUT_MS });
  const bare = await ServerChild.start('bare ws server', 'bare-process.ts', {}, { profileDir: options.profileDir });
  const hubOrigin = `http://127.0.0.1:${hub.port}`;
  const bareOrigin = `http://127.0.0.1:${bare.port}`;
  const fleet = await SplitFleet.start({ hubOrigin, bareOrigin, siteFile, screens: n });
  log(`hub pid ${hub.pid} on ${hubOrigin}, bare ws server pid ${bare.pid} on ${bareOrigin}; ${n} screens in ${site.buildings.length} buildings, simulated by ${fleet.children.length} fleet process(es) (pids ${fleet.children.map((c) => c.pid).join(', ')})`);

  const office = new OfficeClient(hubOrigin);
  await hub.guard(office.login('office', PASSWORDS.office));
  // Run the change path once with no screen connected, so its code and buffers are not counted as per-screen memory.
  await hub.guard(office.change('/api/modes', OfficeClient.body(roundStep(0).request)));
  await hub.guard(office.change('/api/all-clear', OfficeClient.body(roundStep(1).request)));
  const hubBefore = await hub.figures(true);
  const bareBefore = await bare.figures(true);

  const connectMs = await hub.guard(fleet.connect('hub'));
  const bareConnectMs = await bare.guard(fleet.connect('bare'));
  log(`connected ${n} screens to the hub in ${ms(connectMs)} (hello → welcome, 50 at a time per fleet process), ${n} bare clients in ${ms(bareConnectMs)}`);
  await fleet.forget('hub', null); // the snapshots answered on connect

  // The office watches: after the screens, so each console's first state already holds every screen.
  const consoles = options.consoles > 0
    ? await hub.guard(OfficeConsoles.start(options.consoles, { hubPort: hub.port, username: 'office', password: PASSWORDS.office, screens: n, bytesPerSecond: CONSOLE_LINK_BYTES_PER_S }))
    : null;
  if (consoles) log(`${consoles.count} office console(s) logged in and connected over ${(CONSOLE_LINK_BYTES_PER_S * 8) / 1e6} Mbit/s links`);

  const frameBytes: number[] = [];
  const consoleRounds: ConsoleRound[] = [];
  const consoleCloses: RunResult['consoleCloses'] = [];
  let roundsPlayed = 0;

  /** One timed hub change; returns the frame every screen got, to replay to the bare server. */
  const hubRound = async (step: RoundStep): Promise<Timed & { seq: number; frame: string; console: ConsoleRound | null }> => {
    const body = OfficeClient.body(step.request);
    const cpuBefore = await hub.figures();
    const t0 = performance.now();
    const seq = await hub.guard(office.change(step.path, body));
    const record = await hub.guard(fleet.waitForReceipts('hub', seq, ROUND_TIMEOUT_MS));
    const elapsed = record.lastSentAt - t0;
    await sleep(SETTLE_MS);
    const cpuAfter = await hub.figures();
    const want = shownKey(step.expectMode, step.expectMode === 'normal' ? 0 : seq, step.expectDrill);
    if (record.shown.get(want) !== n) {
      throw new BenchError(`after seq ${seq} (${step.label}) screens showed ${JSON.stringify([...record.shown])}, expected ${n} × ${want}`);
    }
    if (!record.frame) throw new BenchError(`no modes-changed frame was seen for seq ${seq}`);
    await hub.guard(verifyRollCall(office, seq, step, n));
    let seen: ConsoleRound | null = null;
    if (consoles) {
      // Bounded: a console that lags far behind counts as not showing this round, and the run goes on.
      const done = await consoles.whenComplete(seq, CONSOLE_WAIT_MS).catch(() => null);
      const until = done && done.every((at) => at !== null) ? Math.max(...(done as number[])) : null;
      seen = { completeMs: until === null ? null : until - record.lastSentAt, maxFrameBytes: consoles.maxFrameBytes(t0, until ?? performance.now()) };
      for (const closed of consoles.closed().slice(consoleCloses.length)) consoleCloses.push({ afterRounds: roundsPlayed, code: closed.code, reason: closed.reason });
    }
    await fleet.forget('hub', seq);
    frameBytes.push(Buffer.byteLength(record.frame));
    return { ms: elapsed, firstMs: record.firstAt - t0, screensMs: record.handlerMs, ...serverTime(cpuBefore, cpuAfter), seq, frame: record.frame, console: seen };
  };

  /** The same frame through the bare server to the same number of sockets. */
  const bareRound = async (seq: number, frame: string): Promise<Timed> => {
    const cpuBefore = await bare.figures();
    const t0 = performance.now();
    const sent = await bare.guard(bareBroadcast(bareOrigin, frame));
    if (sent !== n) throw new BenchError(`the bare server sent seq ${seq} to ${sent} sockets, not ${n}`);
    const record = await bare.guard(fleet.waitForReceipts('bare', seq, ROUND_TIMEOUT_MS));
    const elapsed = record.lastSentAt - t0;
    await sleep(SETTLE_MS);
    const cpuAfter = await bare.figures();
    await fleet.forget('bare', seq);
    return { ms: elapsed, firstMs: record.firstAt - t0, screensMs: record.handlerMs, ...serverTime(cpuBefore, cpuAfter) };
  };

  // Rounds alternate hub, bare, hub, bare... so both see the same machine (other work, thermal state) over time.
  const play = async (i: number, label: string) => {
    const step = roundStep(i);
    const ours = await hubRound(step);
    const floor = await bareRound(ours.seq, ours.frame);
    roundsPlayed += 1;
    const shown = ours.console === null ? '' : `  console ${ours.console.completeMs === null ? 'not shown' : ms(ours.console.completeMs)} (max frame ${(ours.console.maxFrameBytes / 1024).toFixed(0)} KB)`;
    // "first" = request → first screen has the frame; "gc" = the server's GC pauses during the round.
    log(
      `${label} ${step.label.padEnd(18)} hub ${ms(ours.ms).padStart(9)} (first ${ms(ours.firstMs).padStart(8)}, gc ${ms(ours.gcMs).padStart(7)})  ` +
        `bare ${ms(floor.ms).padStart(9)} (first ${ms(floor.firstMs).padStart(8)}, gc ${ms(floor.gcMs).padStart(7)})  ratio ${(ours.ms / floor.ms).toFixed(2)}${shown}`,
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
  const rounds = roundsAt(options, n);
  log(`measured: ${rounds} rounds; time = HTTP request sent → last screen has sent its receipt`);
  const ours: Timed[] = [];
  const floor: Timed[] = [];
  const load = watchMachineLoad();
  const otherCpu = async () => {
    const all = await Promise.all([hub, bare, ...fleet.children, ...(consoles?.children ?? [])].map((child) => child.figures()));
    return ownProcessCpuMs() + all.reduce((sum, f) => sum + f.cpuMicros / 1000, 0);
  };
  const ownCpuBefore = await otherCpu();
  for (let i = 0; i < rounds; i++) {
    // Keep stepping through the plan where the warm-up stopped, so every round is a real change.
    const result = await play(options.warmup + i, `  round ${String(i + 1).padStart(3)}/${rounds}`);
    ours.push(result.ours);
    floor.push(result.floor);
    if (result.ours.console) consoleRounds.push(result.ours.console);
  }
  const { otherPct } = load.end((await otherCpu()) - ownCpuBefore);
  await fleet.close();

  return {
    hub: ours,
    bare: floor,
    consoles: consoleRounds,
    consoleCloses,
    consoleFrames: consoles?.framesReceived() ?? 0,
    consoleLargestFrameBytes: consoles?.maxFrameBytes(-Infinity, Infinity) ?? 0,
    memory,
    bareMemory,
    frameBytes: Math.round(frameBytes.reduce((a, b) => a + b, 0) / frameBytes.length),
    connectMs,
    bareConnectMs,
    otherPct,
    fleetProcesses: fleet.children.length,
  };
}
