// `npm run bench`: runs each section, prints readable figures as it goes, and ends stdout with ONE JSON line
// holding every section's keys. Exits 0 when it ran (1 with --strict and a missed target), non-zero on any failure.
import { performance } from 'node:perf_hooks';
import { browserPaintSection } from './browser-paint.ts';
import { capValidateSection } from './cap-validate.ts';
import { cleanupAll, cleanupMark, cleanupTo } from './cleanup.ts';
import { integrationRatioSection } from './integration-ratio.ts';
import { BenchError } from './deadline.ts';
import { parseOptions, roundsAt, USAGE } from './options.ts';
import { loginFloodSection } from './login-flood.ts';
import { longAuditSection } from './long-audit.ts';
import { realtimeSection } from './realtime.ts';
import { reconnectStormSection } from './reconnect-storm.ts';
import { routingSection } from './routing-section.ts';
import { screenJsSection } from './screen-js-size.ts';
import { slowScreenSection } from './slow-screen.ts';
import { svgSanitiseSection } from './svg-sanitise.ts';
import type { JsonValue, Section, SizeFigures, Target } from './section.ts';

/** Every section's keys join the same JSON line. */
const SECTIONS: Section[] = [realtimeSection, routingSection, reconnectStormSection, longAuditSection, slowScreenSection, loginFloodSection, browserPaintSection, svgSanitiseSection, capValidateSection, integrationRatioSection, screenJsSection];

/** The whole run must end by itself: past this the bench fails rather than hang a terminal or a CI job. */
const HARD_LIMIT_MS = 40 * 60_000;

const log = (line: string) => console.log(line);

let failing = false;

/** Add a section's figures to the line's; `sizes` entries join the entry of the same size another section gave. */
function mergeFigures(into: Record<string, JsonValue>, figures: Record<string, JsonValue>): void {
  for (const [key, value] of Object.entries(figures)) {
    if (key !== 'sizes' || !Array.isArray(into.sizes)) {
      into[key] = value;
      continue;
    }
    const sizes = into.sizes as SizeFigures[];
    for (const entry of value as SizeFigures[]) {
      const same = sizes.find((s) => s.screens === entry.screens);
      if (same) Object.assign(same, entry);
      else sizes.push(entry);
    }
    sizes.sort((a, b) => a.screens - b.screens);
  }
}

async function fail(message: string, code: number): Promise<void> {
  // Tearing down makes the round in flight fail too: only the first cause is reported.
  if (failing) return;
  failing = true;
  console.error(`\nbench FAILED: ${message}`);
  await cleanupAll();
  process.exit(code);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const hardLimit = setTimeout(() => void fail(`still running after ${HARD_LIMIT_MS / 60_000} minutes`, 1), HARD_LIMIT_MS);
  hardLimit.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void fail(`interrupted (${signal})`, 130));

  log(
    `Muster bench: ${options.sizes.join(' and ')} screens (${options.runs} realtime run(s) per size, ${options.sizes.map((n) => roundsAt(options, n)).join(' and ')} measured rounds each after ` +
      `${options.warmup} warm-up rounds; single-size sections at ${options.screens}), ${options.consoles} office console(s), loopback 127.0.0.1`,
  );
  if (options.sizes.some((n) => roundsAt(options, n) < 20)) log(`note: fewer than 20 rounds; the published figures use at least 20`);
  const started = performance.now();
  const figures: Record<string, JsonValue> = {};
  const targets: Target[] = [];
  const sections = SECTIONS.filter((section) => options.only === null || section.name.includes(options.only));
  if (sections.length === 0) throw new BenchError(`no section's name contains "${options.only}"\n${USAGE}`);
  for (const section of sections) {
    log(`\n── ${section.name} ──`);
    const mark = cleanupMark();
    const result = await section.run(options, (line) => log(`  ${line}`));
    // This section's hubs, sockets and temp dirs go now: idle, they would still use memory and wake up
    // (heartbeats, GC) while the next section is measured.
    await cleanupTo(mark);
    mergeFigures(figures, result.figures);
    targets.push(...result.targets);
  }
  // Stop the children before the JSON line, so nothing they print can come after it.
  await cleanupAll();

  log('\ntargets:');
  for (const t of targets) log(`  ${t.met ? 'ok  ' : 'MISS'} ${t.key} = ${t.value} (≤ ${t.limit})`);
  const met = targets.every((t) => t.met);
  figures.targets_met = met;
  figures.elapsed_s = Math.round((performance.now() - started) / 100) / 10;
  clearTimeout(hardLimit);
  // The last line of stdout: machine-readable, one object.
  log(JSON.stringify(figures));
  if (options.strict && !met) process.exitCode = 1;
}

process.on('unhandledRejection', (reason) => void fail(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`, 1));
main().then(
  () => {
    // Sockets or timers left by a library must not keep the process alive once the report is out.
    setTimeout(() => process.exit(), 100).unref();
  },
  (error: unknown) => void fail(error instanceof BenchError ? error.message : ((error as Error)?.stack ?? String(error)), 1),
);
