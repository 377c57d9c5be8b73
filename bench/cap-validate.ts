// Section "cap validate": how long the hub takes to check a CAP 1.2 alert against the schema (issue 13), called
// exactly as the CAP route calls it (hub/integrations/cap/cap-validator.ts: libxml2 on a checking thread), and how
// long its event loop stalls meanwhile. Three alerts, from the CAP tests' messages (test/helpers/cap-messages.ts): a
// panic button's, an NWS-style tornado warning in two languages, and one carrying a recorded announcement (~100 KB,
// as IPAWS's monthly test does). The figure is the slowest alert's p99: a CAP message waits for it before it starts
// a mode.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { checkCapMessage } from '../hub/integrations/cap/cap-validator.ts';
import { capAlert, srpInfo, TORNADO_INFO } from '../test/helpers/cap-messages.ts';
import { BenchError } from './deadline.ts';
import { type Section, type SectionResult } from './section.ts';
import { ms, percentile, round2 } from './stats.ts';

const RUNS = 40;

/** The test's tornado warning in `language`, with `extra` before its area (a resource). */
const info = (language: string, extra = '') => TORNADO_INFO.replace('<language>en-US</language>', `<language>${language}</language>`).replace('\n    <area>', `${extra}\n    <area>`);
const alert = (infos: string) => capAlert({ identifier: 'BENCH-1', info: infos });

const ALERTS: Record<string, string> = {
  'panic button': alert(srpInfo('LOCKDOWN')),
  'tornado warning, English and Spanish': alert(info('en-US') + info('es-US')),
  'with a recorded announcement': alert(
    info('en-US', `\n    <resource><resourceDesc>Audio</resourceDesc><mimeType>audio/mpeg</mimeType><derefUri>${'QUJD'.repeat(25_000)}</derefUri></resource>`),
  ),
};

export const capValidateSection: Section = {
  name: 'cap validate',
  async run(_options, log): Promise<SectionResult> {
    const figures: Record<string, number> = {};
    let slowest = 0;
    let worstStall = 0;
    for (const [name, xml] of Object.entries(ALERTS)) {
      const times: number[] = [];
      const loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const check = await checkCapMessage(xml);
        times.push(performance.now() - started);
        if (!check.ok) throw new BenchError(`the "${name}" alert does not validate: ${check.message}`);
      }
      loop.disable();
      times.sort((a, b) => a - b);
      const p99 = percentile(times, 99);
      const stall = loop.max / 1e6;
      slowest = Math.max(slowest, p99);
      worstStall = Math.max(worstStall, stall);
      log(`${name} (${(Buffer.byteLength(xml) / 1024).toFixed(1)} KiB): p50 ${ms(percentile(times, 50))}, p99 ${ms(p99)}; event loop stalled at most ${ms(stall)}`);
    }
    figures.cap_validate_p99_ms = round2(slowest);
    figures.cap_validate_max_loop_stall_ms = round2(worstStall);
    return { figures, targets: [] };
  },
};
