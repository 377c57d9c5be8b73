// Section "browser": office request → mode painted on real wall screens, in headless Chromium on this machine.
//
// A hub child runs the demo school and serves the built browser apps; three demo screens run the real /screen/ app,
// 1920 × 1080, each in its own browser context (wall-screens.ts). The office makes 50 changes one at a time (a
// site-wide drill mode, All Clear, the next mode...), each once the last is painted on every screen.
//
// Measuring point: t0 just before the bench sends the HTTP request; t1 in each page, after the animation frame that
// painted the new state, the screen's own definition of painted (paint-watch.ts). Both are
// performance.timeOrigin + performance.now() on this machine, in two processes: the section first checks the two
// clocks agree. Also per change and screen: whether the new state was painted in the first frame after its
// modes-changed message, and how many layouts Chromium ran (DevTools Performance.getMetrics), which is where a
// takeover that fits its text through a loop of forced layouts shows.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Metrics } from 'puppeteer-core';
import { findChromium } from '../hub/diagrams/chromium.ts';
import { onCleanup } from './cleanup.ts';
import { BenchError, sleep } from './deadline.ts';
import { OfficeClient } from './office-client.ts';
import type { BenchOptions } from './options.ts';
import type { PaintReport } from './paint-watch.ts';
import { roundStep, type RoundStep } from './round-plan.ts';
import { atMost, type Section, type SectionResult } from './section.ts';
import { ServerChild } from './server-child.ts';
import { ms, percentile, round2 } from './stats.ts';
import { launchChromium, openWallScreen, type WallScreen } from './wall-screens.ts';

const PASSWORDS = { admin: 'bench-admin-password', office: 'bench-office-password' } as const;
/** Demo screens on both floors of the main building and in the annex: different maps and routes. */
const SCREEN_IDS = ['main-1-east', 'main-2-west', 'annex-hall'] as const;
/** Untimed first: the first takeover of each mode loads code, fonts and map images. */
const WARMUP_CHANGES = 6;
const CHANGES = 50;
/** A change painted on every screen within this, or the bench fails. */
const CHANGE_TIMEOUT_MS = 10_000;
/** After the last screen painted, before the layout counters are read and the next change goes: the change's
 * follow-ups (receipt, saved state, a second frame) are counted with it, and the office is not faster than people. */
const SETTLE_MS = 250;
/** Layouts a screen runs with nothing changing (clock ticks), measured over this long, for comparison. */
const IDLE_MS = 3000;
/** Page and bench clocks may differ by this much beyond what a round trip leaves uncertain. */
const CLOCK_SLACK_MS = 1;
/** Round trips for the clock check: the quickest bounds the offset best on a busy machine. */
const CLOCK_SAMPLES = 20;

export const BROWSER_TARGETS = { paint_p95_ms: 50, layouts_per_change: 4, late_paints: 0 } as const;

/** Epoch ms, high resolution: the same clock the pages use. */
const now = () => performance.timeOrigin + performance.now();

interface Paint {
  screenId: string;
  /** Request sent → painted. */
  ms: number;
  /** Message received in the page → painted; null when no modes-changed message brought the state. */
  inPageMs: number | null;
  /** Painted in the first frame after its message. */
  firstFrame: boolean;
  layouts: number;
  styleRecalcs: number;
  layoutMs: number;
}

interface Change {
  step: RoundStep;
  /** Request sent → hub's 200 received. */
  requestMs: number;
  paints: Paint[];
}

/** How far a page's clock is from this process's, from the closest of a few round trips; fails when they disagree. */
async function checkClock(screen: WallScreen): Promise<{ offset: number; uncertainty: number }> {
  let best = { offset: 0, uncertainty: Infinity };
  for (let i = 0; i < CLOCK_SAMPLES; i++) {
    const before = now();
    const inPage = (await screen.page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const after = now();
    if ((after - before) / 2 < best.uncertainty) best = { offset: inPage - (before + after) / 2, uncertainty: (after - before) / 2 };
  }
  if (Math.abs(best.offset) > best.uncertainty + CLOCK_SLACK_MS) {
    throw new BenchError(`screen ${screen.screenId}'s clock is ${best.offset.toFixed(1)} ms off the bench's: request → painted cannot be timed across them`);
  }
  return best;
}

const metrics = (screens: WallScreen[]) => Promise.all(screens.map((s) => s.page.metrics()));

function paintOf(screen: WallScreen, report: PaintReport, t0: number, before: Metrics, after: Metrics): Paint {
  return {
    screenId: screen.screenId,
    ms: report.paintedAt - t0,
    inPageMs: report.messageAt === null ? null : report.paintedAt - report.messageAt,
    firstFrame: report.messageFrame !== null && report.messageFrame === report.paintFrame,
    layouts: (after.LayoutCount ?? 0) - (before.LayoutCount ?? 0),
    styleRecalcs: (after.RecalcStyleCount ?? 0) - (before.RecalcStyleCount ?? 0),
    // Chromium reports durations in seconds.
    layoutMs: ((after.LayoutDuration ?? 0) - (before.LayoutDuration ?? 0)) * 1000,
  };
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

export const browserPaintSection: Section = {
  name: 'browser',
  async run(_options: BenchOptions, log): Promise<SectionResult> {
    const chromium = findChromium();
    if (!chromium) throw new BenchError('no Chromium found: run `node scripts/ensure-chromium.mjs` or set PUPPETEER_EXECUTABLE_PATH');
    const temp = await mkdtemp(join(tmpdir(), 'muster-bench-browser-'));
    onCleanup(`temp dir ${temp}`, () => rm(temp, { recursive: true, force: true }));
    const hub = await ServerChild.start('hub', 'hub-process.ts', { dataDir: join(temp, 'data'), adminPassword: PASSWORDS.admin, officePassword: PASSWORDS.office });
    const origin = `http://127.0.0.1:${hub.port}`;
    const app = await hub.guard(fetch(`${origin}/screen/`, { signal: AbortSignal.timeout(10_000) }));
    if (app.status !== 200) throw new BenchError(`the hub does not serve /screen/ (${app.status}): build the browser apps (npm run build), or set MUSTER_STATIC_ROOT to a build`);

    const office = new OfficeClient(origin);
    await hub.guard(office.login('office', PASSWORDS.office));
    const browser = await launchChromium(chromium, temp);
    const screens: WallScreen[] = [];
    // One at a time: three first loads at once would be a load spike nothing here measures.
    for (const id of SCREEN_IDS) screens.push(await hub.guard(openWallScreen(browser, origin, id)));
    log(`hub pid ${hub.pid} on ${origin} (demo school), Chromium ${await browser.version()}: ${screens.length} screens at 1920×1080 (${SCREEN_IDS.join(', ')}), each in its own browser context`);
    const clocks = await Promise.all(screens.map(checkClock));
    log(`page clocks vs the bench's: ${clocks.map((c) => `${c.offset >= 0 ? '+' : ''}${c.offset.toFixed(2)} ± ${c.uncertainty.toFixed(2)} ms`).join(', ')} (± half a round trip)`);

    const change = async (i: number): Promise<Change> => {
      const step = roundStep(i);
      const body = OfficeClient.body(step.request);
      const before = await metrics(screens);
      const t0 = now();
      const seq = await hub.guard(office.change(step.path, body));
      const requestMs = now() - t0;
      const reports = await hub.guard(Promise.all(screens.map((s) => s.watch.painted(seq, CHANGE_TIMEOUT_MS))));
      for (const [j, report] of reports.entries()) {
        if (report.mode !== step.expectMode || report.drill !== step.expectDrill) {
          throw new BenchError(`after seq ${seq} (${step.label}) screen ${screens[j]!.screenId} painted ${report.mode}${report.drill ? ' drill' : ''}`);
        }
      }
      await sleep(SETTLE_MS);
      const after = await metrics(screens);
      return { step, requestMs, paints: screens.map((s, j) => paintOf(s, reports[j]!, t0, before[j]!, after[j]!)) };
    };

    log(`warm-up: ${WARMUP_CHANGES} changes (not timed)`);
    for (let i = 0; i < WARMUP_CHANGES; i++) await change(i);
    const idleBefore = await metrics(screens);
    await sleep(IDLE_MS);
    const idleAfter = await metrics(screens);
    const idleRate = (count: (m: Metrics) => number | undefined) => median(idleAfter.map((m, j) => ((count(m) ?? 0) - (count(idleBefore[j]!) ?? 0)) / (IDLE_MS / 1000)));
    const idleLayoutsPerS = idleRate((m) => m.LayoutCount);
    // An animation restyles every frame without a layout; main-thread time counts everything the page does.
    const idleStylesPerS = idleRate((m) => m.RecalcStyleCount);
    const idleTaskMsPerS = idleRate((m) => (m.TaskDuration ?? 0) * 1000);
    log(`idle, per screen with nothing changing: ${idleLayoutsPerS.toFixed(1)} layouts and ${idleStylesPerS.toFixed(1)} style updates a second, main thread busy ${ms(idleTaskMsPerS)} a second`);

    log(`measured: ${CHANGES} changes × ${screens.length} screens; time = HTTP request sent → the screen has painted`);
    const changes: Change[] = [];
    for (let i = 0; i < CHANGES; i++) {
      // Keep stepping through the plan where the warm-up stopped, so every change is a real one.
      const result = await change(WARMUP_CHANGES + i);
      changes.push(result);
      const paints = result.paints.map((p) => `${ms(p.ms).padStart(8)}${p.firstFrame ? ' ' : '*'}`).join(' ');
      const layouts = result.paints.map((p) => p.layouts).join('/');
      log(`  change ${String(i + 1).padStart(2)}/${CHANGES} ${result.step.label.padEnd(18)} request ${ms(result.requestMs).padStart(7)}  painted ${paints}  layouts ${layouts}`);
    }

    // Chromium, the hub and the bench share the cores with whatever else runs: the 1-minute load average, taken now,
    // covers the measured changes and says how busy the machine was (this section's own processes included).
    const load = loadavg()[0]!;
    const busy = load > availableParallelism() ? ' (more work than cores: the times include waiting for a CPU)' : '';
    log(`load average over the last minute: ${load.toFixed(2)} on ${availableParallelism()} cores${busy}`);
    const paints = changes.flatMap((c) => c.paints);
    const sorted = paints.map((p) => p.ms).sort((a, b) => a - b);
    const lastScreen = changes.map((c) => Math.max(...c.paints.map((p) => p.ms))).sort((a, b) => a - b);
    const inPage = paints.flatMap((p) => (p.inPageMs === null ? [] : [p.inPageMs]));
    const late = paints.filter((p) => !p.firstFrame);
    const takeovers = changes.filter((c) => c.step.expectMode !== 'normal').flatMap((c) => c.paints);
    const clears = changes.filter((c) => c.step.expectMode === 'normal').flatMap((c) => c.paints);
    const summary = {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted[sorted.length - 1]!,
      lastP95: percentile(lastScreen, 95),
      requestP50: median(changes.map((c) => c.requestMs)),
      inPageP50: inPage.length > 0 ? median(inPage) : null,
    };
    log(`painted: p50 ${ms(summary.p50)}  p95 ${ms(summary.p95)}  max ${ms(summary.max)}; on every screen (last of three): p95 ${ms(summary.lastP95)}`);
    log(`where the time goes (p50): request → hub's answer ${ms(summary.requestP50)}; message in the page → painted ${summary.inPageP50 === null ? 'n/a' : ms(summary.inPageP50)}`);
    log(`painted in the first frame after the modes-changed message: ${paints.length - late.length} of ${paints.length}${late.length > 0 ? ' (* above: later)' : ''}`);
    // The takeover is what must paint without a loop of forced layouts; All Clear (back to normal content) is shown
    // apart, so its single layout does not halve the figure.
    for (const [label, group] of [['takeover', takeovers], ['All Clear', clears]] as const) {
      log(
        `layouts per change and screen, ${label}: median ${median(group.map((p) => p.layouts))}, max ${Math.max(...group.map((p) => p.layouts))}; ` +
          `style recalcs median ${median(group.map((p) => p.styleRecalcs))}; layout time median ${ms(median(group.map((p) => p.layoutMs)))}`,
      );
    }
    for (const mode of new Set(changes.map((c) => c.step.expectMode))) {
      if (mode === 'normal') continue;
      const layouts = changes.filter((c) => c.step.expectMode === mode).flatMap((c) => c.paints.map((p) => p.layouts));
      log(`  ${mode.padEnd(9)} layouts median ${median(layouts)}, max ${Math.max(...layouts)}`);
    }
    const errors = screens.flatMap((s) => s.errors.map((e) => `${s.screenId}: ${e}`));
    for (const error of errors) log(`page error on ${error}`);

    const figures = {
      browser_screens: screens.length,
      browser_changes: CHANGES,
      browser_paint_p50_ms: round2(summary.p50),
      browser_paint_p95_ms: round2(summary.p95),
      browser_paint_max_ms: round2(summary.max),
      browser_paint_all_screens_p95_ms: round2(summary.lastP95),
      browser_request_p50_ms: round2(summary.requestP50),
      browser_message_to_paint_p50_ms: summary.inPageP50 === null ? null : round2(summary.inPageP50),
      browser_late_paints: late.length,
      browser_layouts_per_change: median(takeovers.map((p) => p.layouts)),
      browser_takeover_layouts_max: Math.max(...takeovers.map((p) => p.layouts)),
      browser_takeover_layout_ms_p50: round2(median(takeovers.map((p) => p.layoutMs))),
      browser_all_clear_layouts_per_change: median(clears.map((p) => p.layouts)),
      browser_idle_layouts_per_s: round2(idleLayoutsPerS),
      browser_idle_style_updates_per_s: round2(idleStylesPerS),
      browser_idle_main_thread_ms_per_s: round2(idleTaskMsPerS),
      browser_page_errors: errors.length,
      browser_load_average_1m: round2(load),
    };
    return {
      figures,
      targets: [
        atMost('browser_paint_p95_ms', figures.browser_paint_p95_ms, BROWSER_TARGETS.paint_p95_ms),
        atMost('browser_layouts_per_change', figures.browser_layouts_per_change, BROWSER_TARGETS.layouts_per_change),
        atMost('browser_late_paints', figures.browser_late_paints, BROWSER_TARGETS.late_paints),
      ],
    };
  },
};
