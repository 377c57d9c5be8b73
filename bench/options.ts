// Command-line flags and environment variables of `npm run bench`; flags win over the environment.
import { BenchError } from './deadline.ts';

export interface BenchOptions {
  /** Simulated screens connected at once. */
  screens: number;
  /** Measured rounds (each a timed hub change and a timed bare broadcast of the same frame). */
  rounds: number;
  /** Untimed rounds first: JIT, connection pools and caches settle. */
  warmup: number;
  /** Exit with code 1 when a target is missed (for CI); otherwise missed targets are only reported. */
  strict: boolean;
  /** When set, the server children write V8 CPU profiles there (open them in Chrome DevTools) to find hot spots. */
  profileDir: string | null;
  /** Run only the sections whose name contains this text (e.g. "storm"); null runs them all. */
  only: string | null;
}

export const USAGE = `Usage: npm run bench -- [--screens N] [--rounds N] [--warmup N] [--strict]
  --screens N   simulated screens (env MUSTER_BENCH_SCREENS, default 1000)
  --rounds N    measured rounds, at least 20 for the published figures (env MUSTER_BENCH_ROUNDS, default 100)
  --warmup N    untimed warm-up rounds (env MUSTER_BENCH_WARMUP, default 4)
  --strict      exit 1 when a target is missed
  --only TEXT   run only the sections whose name contains TEXT (realtime, routing, storm, audit, slow, browser, svg)
  env MUSTER_BENCH_PROFILE_DIR=DIR   the hub and bare server write CPU profiles (.cpuprofile) into DIR`;

const DEFAULTS: BenchOptions = { screens: 1000, rounds: 100, warmup: 4, strict: false, profileDir: null, only: null };

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new BenchError(`${name} must be a whole number from ${min} to ${max}, got "${text}"\n${USAGE}`);
  }
  return value;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' {
  const options = { ...DEFAULTS, profileDir: env.MUSTER_BENCH_PROFILE_DIR || null };
  const limits = { screens: [1, 10_000], rounds: [1, 10_000], warmup: [0, 1000] } as const;
  if (env.MUSTER_BENCH_SCREENS) options.screens = integer('MUSTER_BENCH_SCREENS', env.MUSTER_BENCH_SCREENS, ...limits.screens);
  if (env.MUSTER_BENCH_ROUNDS) options.rounds = integer('MUSTER_BENCH_ROUNDS', env.MUSTER_BENCH_ROUNDS, ...limits.rounds);
  if (env.MUSTER_BENCH_WARMUP) options.warmup = integer('MUSTER_BENCH_WARMUP', env.MUSTER_BENCH_WARMUP, ...limits.warmup);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--strict') {
      options.strict = true;
      continue;
    }
    // Both "--screens 200" and "--screens=200".
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    if (flag === '--only') {
      const text = inline ?? argv[++i];
      if (!text) throw new BenchError(`--only needs a value\n${USAGE}`);
      options.only = text;
      continue;
    }
    const name = flag.replace(/^--/, '');
    if (!(name in limits) || !flag.startsWith('--')) throw new BenchError(`unknown argument "${arg}"\n${USAGE}`);
    const text = inline ?? argv[++i];
    if (text === undefined) throw new BenchError(`${flag} needs a value\n${USAGE}`);
    const key = name as keyof typeof limits;
    const [min, max] = limits[key];
    options[key] = integer(flag, text, min, max);
  }
  return options;
}
