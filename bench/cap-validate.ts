// Section "cap validate": how long the hub takes to check a CAP 1.2 alert against the schema (issue 13), called
// exactly as the CAP route calls it (hub/integrations/cap/cap-validator.ts: libxml2 in a worker thread), and how long
// its event loop stalls meanwhile. Three alerts: a panic button's (1 KB), an NWS-style tornado warning in two
// languages (8 KB) and one carrying a recorded announcement (~100 KB, as IPAWS's monthly test does). The figure is
// the slowest alert's p99. A CAP message waits for it before it starts a mode.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { checkCapMessage } from '../hub/integrations/cap/cap-validator.ts';
import { BenchError } from './deadline.ts';
import { type Section, type SectionResult } from './section.ts';
import { ms, percentile, round2 } from './stats.ts';

const RUNS = 40;

const info = (language: string, extra = '') => `
  <info>
    <language>${language}</language>
    <category>Met</category>
    <event>Tornado Warning</event>
    <responseType>Shelter</responseType>
    <urgency>Immediate</urgency>
    <severity>Extreme</severity>
    <certainty>Observed</certainty>
    <eventCode><valueName>SAME</valueName><value>TOR</value></eventCode>
    <effective>2026-11-26T14:05:00-06:00</effective>
    <expires>2026-11-26T14:45:00-06:00</expires>
    <headline>Tornado Warning issued November 26 at 2:05PM CST until 2:45PM CST</headline>
    <description>${'At 205 PM CST, a severe thunderstorm capable of producing a tornado was located near the school. '.repeat(12)}</description>
    <instruction>TAKE COVER NOW! Move to an interior room on the lowest floor of a sturdy building.</instruction>${extra}
    <area>
      <areaDesc>Caddo, LA</areaDesc>
      <polygon>32.58,-93.86 32.69,-93.66 32.52,-93.55 32.45,-93.79 32.58,-93.86</polygon>
      <geocode><valueName>SAME</valueName><value>022017</value></geocode>
      <geocode><valueName>UGC</valueName><value>LAC017</value></geocode>
    </area>
  </info>`;

const alert = (infos: string) => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>BENCH-1</identifier>
  <sender>bench@example.org</sender>
  <sent>2026-11-26T14:05:00-06:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>${infos}
</alert>`;

const ALERTS: Record<string, string> = {
  'panic button': alert(`
  <info><category>Security</category><event>Panic button</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
    <eventCode><valueName>SRP</valueName><value>LOCKDOWN</value></eventCode><area><areaDesc>School</areaDesc></area></info>`),
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
