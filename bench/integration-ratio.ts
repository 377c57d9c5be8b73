// Section "integration": the same changes sent by a panic button's signed event and by the office console, at the
// single size (1,000 screens by default), on one hub: request → the last simulated screen's render receipt, as the
// realtime section measures it (realtime-run.ts). Issue 13: an alarm from an integration goes through the signature
// check, the integration's limits and its idempotency record, and must reach the screens as fast as a click in the
// office: `integration_ratio_p99` (target ≤ 1.1) is the integration's p99 over the console's.
//
// The two sides take turns, a mode and its All Clear each, so both see the same machine over time. The integration
// signs each event the Standard Webhooks way (hub/integrations/webhook-signature.ts) with a fresh event id.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { webhookSignature } from '../hub/integrations/webhook-signature.ts';
import { integrationEventsPath } from '../shared/integrations.ts';
import { onCleanup } from './cleanup.ts';
import { BenchError, sleep } from './deadline.ts';
import { OfficeClient } from './office-client.ts';
import type { BenchOptions } from './options.ts';
import { roundStep, type RoundStep } from './round-plan.ts';
import { shownKey } from './screen-fleet.ts';
import { atMost, type Section, type SectionResult } from './section.ts';
import { ServerChild } from './server-child.ts';
import { generateSite, writeSiteFile } from './site-file.ts';
import { SplitFleet } from './split-fleet.ts';
import { ms, round2, summarize } from './stats.ts';

const PASSWORDS = { admin: 'bench-admin-password', office: 'bench-office-password' } as const;
export const INTEGRATION_TARGETS = { ratio_p99: 1.1 } as const;
/** Timed changes per side (a mode and its All Clear are two): with 100, p99 was the second-slowest change, and the
 * ratio went from 0.76 to 1.43 between runs of the same build; with 300 it is the third-slowest of three times more. */
const CHANGES_PER_SIDE = 300;
const WARMUP_PAIRS = 2;
const ROUND_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** After each change, so one's leftovers (audit fsync, receipts, the integration's record) do not land in the next. */
const SETTLE_MS = 50;
const HUB_START_TIMEOUT_MS = 120_000;

type Side = 'console' | 'integration';

/** A panic button's side: one signing integration, created by the admin. */
class SigningSender {
  constructor(
    readonly origin: string,
    readonly id: string,
    readonly secret: string,
  ) {}

  static async create(origin: string, admin: OfficeClient): Promise<SigningSender> {
    const created = (await admin.call('POST', '/api/integrations', {
      name: 'Bench panic button',
      auth: 'signature',
      modes: ['hold', 'secure', 'lockdown', 'evacuate', 'shelter'],
      ceiling: { kind: 'site' },
      drillOnly: true,
      allowedAddresses: [],
    })) as { integration?: { id: string }; secret?: string };
    if (!created.integration || !created.secret) throw new BenchError(`creating the bench integration answered ${JSON.stringify(created)}`);
    return new SigningSender(origin, created.integration.id, created.secret);
  }

  /** The event for `step`, signed now; the clock starts after this, as the console's body is encoded ahead too. */
  sign(step: RoundStep): { body: string; headers: Record<string, string> } {
    const body = JSON.stringify({ type: step.path === '/api/modes' ? 'start' : 'all-clear', ...step.request });
    const id = `bench_${randomUUID()}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    return { body, headers: { 'Content-Type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': webhookSignature(id, timestamp, body, this.secret) } };
  }

  async send(request: { body: string; headers: Record<string, string> }): Promise<number> {
    const response = await fetch(`${this.origin}${integrationEventsPath(this.id)}`, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    if (response.status !== 200) throw new BenchError(`the integration's event was refused: ${response.status} ${text}`);
    const seq = (JSON.parse(text) as { seq?: unknown }).seq;
    if (typeof seq !== 'number') throw new BenchError(`the integration's event answered without a seq: ${text}`);
    return seq;
  }
}

export const integrationRatioSection: Section = {
  name: 'integration: a signed event → last render receipt, against the console',
  async run(options: BenchOptions, log): Promise<SectionResult> {
    const n = options.screens;
    const temp = await mkdtemp(join(tmpdir(), 'muster-bench-integration-'));
    onCleanup(`temp dir ${temp}`, () => rm(temp, { recursive: true, force: true }));
    const siteFile = await writeSiteFile(temp, generateSite(n));
    const hub = await ServerChild.start('hub', 'hub-process.ts', { dataDir: join(temp, 'data'), siteFile, adminPassword: PASSWORDS.admin, officePassword: PASSWORDS.office }, { profileDir: options.profileDir, startTimeoutMs: HUB_START_TIMEOUT_MS });
    const origin = `http://127.0.0.1:${hub.port}`;
    // No bare server in this section: the fleet's bare side is never connected.
    const fleet = await SplitFleet.start({ hubOrigin: origin, bareOrigin: origin, siteFile, screens: n });
    const office = new OfficeClient(origin);
    await hub.guard(office.login('office', PASSWORDS.office));
    const admin = new OfficeClient(origin);
    await hub.guard(admin.login('admin', PASSWORDS.admin));
    const sender = await hub.guard(SigningSender.create(origin, admin));
    await hub.guard(fleet.connect('hub'));
    await fleet.forget('hub', null);
    log(`hub pid ${hub.pid}; ${n} screens in ${fleet.children.length} fleet process(es); integration ${sender.id} signs its events`);

    const change = async (side: Side, step: RoundStep): Promise<number> => {
      const signed = side === 'integration' ? sender.sign(step) : null;
      const body = OfficeClient.body(step.request);
      const t0 = performance.now();
      const seq = await hub.guard(signed ? sender.send(signed) : office.change(step.path, body));
      const record = await hub.guard(fleet.waitForReceipts('hub', seq, ROUND_TIMEOUT_MS));
      const elapsed = record.lastSentAt - t0;
      const want = shownKey(step.expectMode, step.expectMode === 'normal' ? 0 : seq, step.expectDrill);
      if (record.shown.get(want) !== n) throw new BenchError(`after seq ${seq} (${step.label}, ${side}) screens showed ${JSON.stringify([...record.shown])}, expected ${n} × ${want}`);
      await fleet.forget('hub', seq);
      await sleep(SETTLE_MS);
      return elapsed;
    };

    const times: Record<Side, number[]> = { console: [], integration: [] };
    const pairs = WARMUP_PAIRS * 2 + CHANGES_PER_SIDE;
    for (let pair = 0; pair < pairs; pair++) {
      // Console, integration, integration, console...: neither side always goes first after the other.
      const side: Side = pair % 4 === 0 || pair % 4 === 3 ? 'console' : 'integration';
      for (const i of [pair * 2, pair * 2 + 1]) {
        const elapsed = await change(side, roundStep(i));
        if (pair >= WARMUP_PAIRS * 2) times[side].push(elapsed);
      }
    }

    const consoleTimes = summarize(times.console);
    const integrationTimes = summarize(times.integration);
    const ratio = integrationTimes.p99 / consoleTimes.p99;
    log(`  console:     ${times.console.length} changes, p50 ${ms(consoleTimes.p50)}, p99 ${ms(consoleTimes.p99)}, max ${ms(consoleTimes.max)}`);
    log(`  integration: ${times.integration.length} changes, p50 ${ms(integrationTimes.p50)}, p99 ${ms(integrationTimes.p99)}, max ${ms(integrationTimes.max)}`);
    log(`  integration / console: p50 ${(integrationTimes.p50 / consoleTimes.p50).toFixed(2)}, p99 ${ratio.toFixed(2)}`);
    return {
      figures: {
        integration_screens: n,
        integration_ratio_p99: round2(ratio),
        integration_ratio_p50: round2(integrationTimes.p50 / consoleTimes.p50),
        integration_p99_ms: round2(integrationTimes.p99),
        integration_console_p99_ms: round2(consoleTimes.p99),
      },
      targets: [atMost('integration_ratio_p99', round2(ratio), INTEGRATION_TARGETS.ratio_p99)],
    };
  },
};
