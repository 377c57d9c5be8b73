// How busy the machine was with OTHER work during a measurement: on a shared 2-core box a test run in another
// terminal doubles the tail latencies, and the report must say so rather than blame (or credit) the hub.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';

/** Busy CPU time of the whole machine so far, in ms (Linux /proc/stat); null elsewhere. */
function machineBusyMs(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    // cpu user nice system idle iowait irq softirq steal ...; counted in USER_HZ, which is 100 on Linux.
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 10;
  } catch {
    return null;
  }
}

export interface LoadWindow {
  /** Close the window: `ownCpuMs` is the CPU our own processes (bench + servers) used inside it. */
  end(ownCpuMs: number): { otherPct: number | null };
}

/** Start watching: the share of the machine's total capacity used by processes other than ours. */
export function watchMachineLoad(): LoadWindow {
  const busy0 = machineBusyMs();
  const wall0 = performance.now();
  return {
    end(ownCpuMs) {
      const busy1 = machineBusyMs();
      if (busy0 === null || busy1 === null) return { otherPct: null };
      const capacity = (performance.now() - wall0) * availableParallelism();
      // /proc/stat ticks are 10 ms coarse: clamp the small negative values that rounding produces.
      return { otherPct: Math.max(0, ((busy1 - busy0 - ownCpuMs) / capacity) * 100) };
    },
  };
}

/** CPU time this process has used, in ms. */
export function ownProcessCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
