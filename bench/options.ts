// Command-line flags and environment variables of `npm run bench`; flags win over the environment.
import { BenchError } from './deadline.ts';

export interface BenchOptions {
  /** The fleet sizes the realtime and reconnect-storm sections run at, smallest first. */
  sizes: number[];
  /** Simulated screens for the sections that run at one size (slow screen, routing): the smallest of `sizes`. */
  screens: number;
  /** Measured rounds per run (each a timed hub change and a timed bare broadcast of the same frame); null: by size
   * (roundsAt). */
  rounds: number | null;
  /** Realtime runs per size, each on a fresh hub, bare server and fleet: their spread shows how steady the figures are. */
  runs: number;
  /** Office consoles watching the roll-call during the realtime rounds, each on a throttled link. */
  consoles: number;
  /** Untimed rounds first: JIT, connection pools and caches settle. */
  warmup: number;
  /** Exit with code 1 when a target is missed (for CI); otherwise missed targets are only reported. */
  strict: boolean;
  /** When set, the server children write V8 CPU profiles there (open them in Chrome DevTools) to find hot spots. */
  profileDir: string | null;
  /** Run only the sections whose name contains this text (e.g. "storm"); null runs them all. */
  only: string | null;
}

export const USAGE = `Usage: npm run bench -- [--screens N[,N…]] [--rounds N] [--runs N] [--consoles N] [--warmup N] [--strict]
  --screens N,… simulated screens: one size or several, comma-separated (env MUSTER_BENCH_SCREENS, default 1000,10000);
                the realtime and storm sections run at each size, the others at the smallest
  --rounds N    measured rounds per run, at least 20 for the published figures (env MUSTER_BENCH_ROUNDS; default 100
                up to 3,000 screens, so p99 is not simply the slowest round, and 20 above, where one round takes seconds)
  --runs N      realtime runs per size, each on fresh processes, for the spread (env MUSTER_BENCH_RUNS, default 3)
  --consoles N  office consoles on 20 Mbit/s links during the realtime rounds (env MUSTER_BENCH_CONSOLES, default 1)
  --warmup N    untimed warm-up rounds (env MUSTER_BENCH_WARMUP, default 4)
  --strict      exit 1 when a target is missed
  --only TEXT   run only the sections whose name contains TEXT (realtime, routing, storm, audit, slow, browser, svg, cap, integration, screen js)
  env MUSTER_BENCH_PROFILE_DIR=DIR   the hub and bare server write CPU profiles (.cpuprofile) into DIR`;

const DEFAULTS: BenchOptions = { sizes: [1000, 10_000], screens: 1000, rounds: null, runs: 3, consoles: 1, warmup: 4, strict: false, profileDir: null, only: null };
/** 10,000 screens take 20,000 client sockets, split over processes (split-fleet.ts); more is not planned for. */
const MAX_SCREENS = 10_000;

/** Measured rounds per run at `screens` screens. */
export function roundsAt(options: BenchOptions, screens: number): number {
  return options.rounds ?? (screens <= 3000 ? 100 : 20);
}

/** "1000,10000" → [1000, 10000], sorted, each within limits. */
function sizeList(name: string, text: string): number[] {
  const sizes = text.split(',').map((part) => integer(name, part, 1, MAX_SCREENS));
  return [...new Set(sizes)].sort((a, b) => a - b);
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new BenchError(`${name} must be a whole number from ${min} to ${max}, got "${text}"\n${USAGE}`);
  }
  return value;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' {
  const options = { ...DEFAULTS, profileDir: env.MUSTER_BENCH_PROFILE_DIR || null };
  const limits = { rounds: [1, 10_000], runs: [1, 100], consoles: [0, 10], warmup: [0, 1000] } as const;
  if (env.MUSTER_BENCH_SCREENS) options.sizes = sizeList('MUSTER_BENCH_SCREENS', env.MUSTER_BENCH_SCREENS);
  if (env.MUSTER_BENCH_ROUNDS) options.rounds = integer('MUSTER_BENCH_ROUNDS', env.MUSTER_BENCH_ROUNDS, ...limits.rounds);
  if (env.MUSTER_BENCH_RUNS) options.runs = integer('MUSTER_BENCH_RUNS', env.MUSTER_BENCH_RUNS, ...limits.runs);
  if (env.MUSTER_BENCH_CONSOLES) options.consoles = integer('MUSTER_BENCH_CONSOLES', env.MUSTER_BENCH_CONSOLES, ...limits.consoles);
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
    if (flag === '--screens') {
      const text = inline ?? argv[++i];
      if (!text) throw new BenchError(`--screens needs a value\n${USAGE}`);
      options.sizes = sizeList('--screens', text);
      continue;
    }
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
  options.screens = options.sizes[0]!;
  return options;
}
