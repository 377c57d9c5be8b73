// Section "login flood": how long the office waits for a Lockdown (request → the hub's answer, which comes after the
// change is on disk and sent to screens) while 200 wrong passwords arrive at once from 200 addresses (127.1.0.0/16,
// all loopback), sent by a process of its own as an attacker's machine would. Measured against the same requests
// with the hub idle. The hub hashes passwords on one thread of its own and refuses the excess at once (issue 11),
// so a flood of logins must not hold a mode change up.
import { fork } from 'node:child_process';
import { constants, setPriority } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AllClearRequest, ModeRequest } from '../shared/model.ts';
import { onCleanup } from './cleanup.ts';
import { sleep } from './deadline.ts';
import { OfficeClient } from './office-client.ts';
import type { BenchOptions } from './options.ts';
import { atMost, type Section, type SectionResult } from './section.ts';
import { ServerChild } from './server-child.ts';
import { generateSite, writeSiteFile } from './site-file.ts';
import { ms, round2, summarize } from './stats.ts';
import type { FloodReport, FloodRequest } from './login-flooder.ts';

const PASSWORDS = { admin: 'bench-admin-password', office: 'bench-office-password' } as const;
const FLOOD = 200;
const FLOODS = 5;
const IDLE_CHANGES = 40;
/** Mode changes during each flood, one after another, starting with the flood. */
const CHANGES_PER_FLOOD = 4;
const TARGETS = { mode_under_login_flood_max_ms: 250 };

const site = { kind: 'site' } as const;
const LOCKDOWN = OfficeClient.body({ mode: 'lockdown', scope: site, drill: true } satisfies ModeRequest);
const ALL_CLEAR = OfficeClient.body({ scope: site, drill: true } satisfies AllClearRequest);

/** The attacker's process (login-flooder.ts): one burst of `count` wrong logins at a time. */
async function startFlooder(): Promise<{ flood: (origin: string, first: number, count: number) => Promise<{ answered: Promise<number[]> }> }> {
  const child = fork(resolve(import.meta.dirname, 'login-flooder.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: resolve(import.meta.dirname, '..'),
  });
  // The attacker's CPU is not the hub's in a school (the flood comes over the network); on this one machine the
  // flooder runs at the lowest priority, so it takes only CPU the hub and the office leave, as a remote machine would.
  if (child.pid !== undefined) setPriority(child.pid, constants.priority.PRIORITY_LOW);
  onCleanup('login flooder process', () => {
    child.kill('SIGKILL');
  });
  return {
    /** Resolves once every request is sent, with the promise of their statuses (wrapped: a promise would be awaited). */
    flood: (origin, first, count) =>
      new Promise((sent) => {
        const answered = new Promise<number[]>((done) => {
          const listen = (message: FloodReport) => {
            if (message.type === 'sent') sent({ answered });
            else {
              child.off('message', listen);
              done(message.statuses);
            }
          };
          child.on('message', listen);
        });
        child.send({ type: 'flood', origin, first, count } satisfies FloodRequest);
      }),
  };
}

export const loginFloodSection: Section = {
  name: `login flood: Lockdown requests during ${FLOOD} concurrent bad logins from ${FLOOD} addresses`,
  async run(options: BenchOptions, log): Promise<SectionResult> {
    const temp = await mkdtemp(join(tmpdir(), 'muster-bench-flood-'));
    onCleanup(`temp dir ${temp}`, () => rm(temp, { recursive: true, force: true }));
    const generated = generateSite(Math.min(options.screens, 50));
    const hub = await ServerChild.start('hub', 'hub-process.ts', {
      dataDir: join(temp, 'data'),
      siteFile: await writeSiteFile(temp, generated),
      adminPassword: PASSWORDS.admin,
      officePassword: PASSWORDS.office,
    }, { profileDir: options.profileDir });
    const origin = `http://127.0.0.1:${hub.port}`;
    const office = new OfficeClient(origin);
    const flooder = await startFlooder();
    await hub.guard(office.login('office', PASSWORDS.office));
    let set = false;
    /** One change (Lockdown or All Clear, in turn): request sent → answer. */
    const change = async (): Promise<number> => {
      set = !set;
      const t0 = performance.now();
      await hub.guard(office.change(set ? '/api/modes' : '/api/all-clear', set ? LOCKDOWN : ALL_CLEAR));
      return performance.now() - t0;
    };

    const idle: number[] = [];
    for (let i = 0; i < IDLE_CHANGES; i++) {
      idle.push(await change());
      await sleep(20);
    }
    const idleSummary = summarize(idle);
    log(`idle: p50 ${ms(idleSummary.p50)}  p99 ${ms(idleSummary.p99)}  max ${ms(idleSummary.max)}`);

    const during: number[] = [];
    const statuses = new Map<number, number>();
    for (let f = 0; f < FLOODS; f++) {
      const { answered } = await hub.guard(flooder.flood(origin, f * FLOOD, FLOOD));
      for (let c = 0; c < CHANGES_PER_FLOOD; c++) during.push(await change());
      for (const status of await hub.guard(answered)) statuses.set(status, (statuses.get(status) ?? 0) + 1);
      // Let the hashing thread and the failure delays drain before the next flood.
      await sleep(4500);
    }
    const flooded = summarize(during);
    log(`  each change, in order (ms): ${during.map((d) => d.toFixed(0)).join(" ")}`);
    const answers = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${count}× ${status}`).join(', ');
    log(`during the floods: p50 ${ms(flooded.p50)}  max ${ms(flooded.max)} over ${flooded.count} changes; the logins got ${answers}`);
    const figures = {
      mode_idle_p99_ms: round2(idleSummary.p99),
      mode_under_login_flood_p50_ms: round2(flooded.p50),
      mode_under_login_flood_max_ms: round2(flooded.max),
      mode_under_login_flood_ratio: round2(flooded.max / idleSummary.p99),
      login_flood_refused_at_once: statuses.get(429) ?? 0,
    };
    return { figures, targets: [atMost('mode_under_login_flood_max_ms', figures.mode_under_login_flood_max_ms, TARGETS.mode_under_login_flood_max_ms)] };
  },
};
