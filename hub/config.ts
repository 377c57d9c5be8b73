// Layered configuration: config/defaults.json ← optional local file (MUSTER_CONFIG) ← environment.
// Validated at start; every problem is listed and the hub exits instead of running half-configured.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { NewPasswordSchema } from '../shared/users.ts';
import { serverNamesFrom } from './tls/certificates.ts';
import { inspectTlsFiles } from './tls/tls-files.ts';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');

const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  dataDir: z.string().min(1),
  /** What an empty data directory starts with: the demo school (from siteFile and wayfindingFile), or an empty site for a real school. */
  seed: z.enum(['demo', 'empty'], { error: 'use demo or empty' }),
  siteFile: z.string().min(1),
  /** Floor plans, POIs and the walkable graph seeded with the site; map images are looked up beside it in maps/. */
  wayfindingFile: z.string().min(1),
  heartbeatMs: z.coerce.number().int().min(1000).max(60_000),
  sessionIdleMinutes: z.coerce.number().int().min(5),
  sessionMaxHours: z.coerce.number().int().min(1),
  /** The office's sessions last a school day (hours from login; fractions allowed), whatever sessionMaxHours says. */
  officeSessionHours: z.coerce.number().positive().max(168),
  /** The URL people use to reach the hub, when it differs from http://localhost:PORT (shown at start). */
  publicUrl: z.string().url().nullable(),
  /** `auto`: the school network gets HTTPS on httpsPort, with a certificate the hub makes and renews itself under its own
   * authority (dataDir/tls/), or with tlsCert/tlsKey when both are set; the hub machine keeps plain HTTP on
   * 127.0.0.1:port. `off`: plain HTTP on host:port for everyone (screens off the hub machine then cannot work offline). */
  tls: z.enum(['auto', 'off'], { error: 'use auto or off' }),
  /** With TLS, the port of the HTTPS listener on host. */
  httpsPort: z.coerce.number().int().min(0).max(65535),
  /** Names people use for the hub besides the machine's own (host names or IP addresses): its certificate covers them, and
   * the hub answers to no other name (auth/hub-names.ts). */
  tlsNames: z.preprocess(commaSeparated, z.array(z.string().min(1))),
  /** A certificate and private key of the school's own (PEM files): both set, the hub serves them instead of making its own. */
  tlsCert: z.string().min(1).nullable(),
  tlsKey: z.string().min(1).nullable(),
  /** Secrets come only from the environment and are used once, to create the first users. */
  adminPassword: NewPasswordSchema.nullable(),
  officePassword: NewPasswordSchema.nullable(),
});
export type Config = z.infer<typeof ConfigSchema>;

/** "a.lan, 10.0.0.5" (an environment variable) or ["a.lan", "10.0.0.5"] (a config file). */
function commaSeparated(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.split(',').map((name) => name.trim()).filter((name) => name !== '');
}

/** The part of the configuration a browser may see. */
export type PublicConfig = Pick<Config, 'heartbeatMs'>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function readJson(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError([`cannot read ${path}: ${(error as Error).message}`]);
  }
}

/** Environment variable → config key. Only these are read. */
const ENV_KEYS: Record<string, keyof Config> = {
  PORT: 'port',
  HOST: 'host',
  MUSTER_DATA: 'dataDir',
  MUSTER_SEED: 'seed',
  MUSTER_SITE_FILE: 'siteFile',
  MUSTER_WAYFINDING_FILE: 'wayfindingFile',
  MUSTER_HEARTBEAT_MS: 'heartbeatMs',
  MUSTER_OFFICE_SESSION_HOURS: 'officeSessionHours',
  MUSTER_PUBLIC_URL: 'publicUrl',
  MUSTER_TLS: 'tls',
  MUSTER_HTTPS_PORT: 'httpsPort',
  MUSTER_TLS_NAMES: 'tlsNames',
  MUSTER_TLS_CERT: 'tlsCert',
  MUSTER_TLS_KEY: 'tlsKey',
  MUSTER_ADMIN_PASSWORD: 'adminPassword',
  MUSTER_OFFICE_PASSWORD: 'officePassword',
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const layers: Record<string, unknown> = {
    ...readJson(resolve(PROJECT_ROOT, 'config/defaults.json')),
    adminPassword: null,
    officePassword: null,
  };
  if (env.MUSTER_CONFIG) Object.assign(layers, readJson(resolve(env.MUSTER_CONFIG)));
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') layers[key] = value;
  }
  Object.assign(layers, overrides);
  const result = ConfigSchema.safeParse(layers);
  const problems = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`);
  const tlsCert = typeof layers.tlsCert === 'string' && layers.tlsCert !== '' ? resolve(layers.tlsCert) : null;
  const tlsKey = typeof layers.tlsKey === 'string' && layers.tlsKey !== '' ? resolve(layers.tlsKey) : null;
  problems.push(...tlsProblems(layers, env, tlsCert, tlsKey));
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const config = result.data;
  return {
    ...config,
    dataDir: resolve(config.dataDir),
    siteFile: resolve(PROJECT_ROOT, config.siteFile),
    wayfindingFile: resolve(PROJECT_ROOT, config.wayfindingFile),
    tlsCert,
    tlsKey,
  };
}

/** HTTPS settings that cannot work together, and the hub's own files when given: checked here so the hub never starts half-secured. */
function tlsProblems(layers: Record<string, unknown>, env: NodeJS.ProcessEnv, certPath: string | null, keyPath: string | null): string[] {
  const problems: string[] = [];
  // Before tls: auto, HTTPS was on PORT and plain HTTP on MUSTER_HTTP_LOCAL_PORT; a setting that silently did nothing would leave a school guessing.
  if ('httpLocalPort' in layers || (env.MUSTER_HTTP_LOCAL_PORT ?? '') !== '') {
    problems.push(
      'httpLocalPort (MUSTER_HTTP_LOCAL_PORT) is no longer used: with TLS, HTTPS is on httpsPort (MUSTER_HTTPS_PORT, default 8443) and plain HTTP for the hub machine on 127.0.0.1:port (PORT, default 8080); to keep kiosks on https://…:8080, set MUSTER_HTTPS_PORT=8080 and PORT=8081',
    );
  }
  const tlsNames = commaSeparated(layers.tlsNames);
  if (Array.isArray(tlsNames)) {
    const names = tlsNames.filter((name): name is string => typeof name === 'string');
    problems.push(...serverNamesFrom(names, []).problems.filter((problem) => !problem.startsWith('give at least')).map((problem) => `tlsNames (MUSTER_TLS_NAMES): ${problem}`));
  }
  const tlsOn = layers.tls !== 'off';
  if (tlsOn && Number(layers.port) !== 0 && Number(layers.port) === Number(layers.httpsPort)) {
    problems.push(`httpsPort (MUSTER_HTTPS_PORT): ${layers.httpsPort} is also PORT, which serves plain HTTP to the hub machine; give HTTPS a port of its own`);
  }
  if (certPath === null && keyPath === null) return problems;
  if (!tlsOn) {
    return [...problems, 'tlsCert and tlsKey (MUSTER_TLS_CERT, MUSTER_TLS_KEY) are set but tls (MUSTER_TLS) is off: remove them, or set tls to auto to serve them'];
  }
  if (certPath === null || keyPath === null) {
    const [set, missing] = certPath === null ? ['tlsKey (MUSTER_TLS_KEY)', 'tlsCert (MUSTER_TLS_CERT)'] : ['tlsCert (MUSTER_TLS_CERT)', 'tlsKey (MUSTER_TLS_KEY)'];
    return [...problems, `${set} is set but ${missing} is not: set both to serve your own certificate, or neither for the hub's own`];
  }
  return [...problems, ...inspectTlsFiles(certPath, keyPath).problems];
}

export { PROJECT_ROOT };
