// Layered configuration: config/defaults.json ← optional local file (MUSTER_CONFIG) ← environment.
// Validated at start; every problem is listed and the hub exits instead of running half-configured.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { NewPasswordSchema } from '../shared/users.ts';
import { inspectTlsFiles } from './tls/tls-files.ts';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');

const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  dataDir: z.string().min(1),
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
  /** The hub's certificate and private key (PEM files, e.g. from `npm run cert`). Both set: the hub serves HTTPS. */
  tlsCert: z.string().min(1).nullable(),
  tlsKey: z.string().min(1).nullable(),
  /** With HTTPS on, plain HTTP is also served on 127.0.0.1 at this port, for a screen or console on the hub machine itself. */
  httpLocalPort: z.coerce.number().int().min(0).max(65535),
  /** Secrets come only from the environment and are used once, to create the first users. */
  adminPassword: NewPasswordSchema.nullable(),
  officePassword: NewPasswordSchema.nullable(),
});
export type Config = z.infer<typeof ConfigSchema>;

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
  MUSTER_SITE_FILE: 'siteFile',
  MUSTER_WAYFINDING_FILE: 'wayfindingFile',
  MUSTER_HEARTBEAT_MS: 'heartbeatMs',
  MUSTER_OFFICE_SESSION_HOURS: 'officeSessionHours',
  MUSTER_PUBLIC_URL: 'publicUrl',
  MUSTER_TLS_CERT: 'tlsCert',
  MUSTER_TLS_KEY: 'tlsKey',
  MUSTER_HTTP_LOCAL_PORT: 'httpLocalPort',
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
  problems.push(...tlsProblems(tlsCert, tlsKey, Number(layers.port), Number(layers.httpLocalPort)));
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

/** HTTPS needs both files, readable, parseable and belonging together; checked here so the hub never starts half-secured. */
function tlsProblems(certPath: string | null, keyPath: string | null, port: number, httpLocalPort: number): string[] {
  if (certPath === null && keyPath === null) return [];
  if (certPath === null || keyPath === null) {
    const [set, missing] = certPath === null ? ['tlsKey (MUSTER_TLS_KEY)', 'tlsCert (MUSTER_TLS_CERT)'] : ['tlsCert (MUSTER_TLS_CERT)', 'tlsKey (MUSTER_TLS_KEY)'];
    return [`${set} is set but ${missing} is not: set both for HTTPS, or neither for plain HTTP`];
  }
  const { problems } = inspectTlsFiles(certPath, keyPath);
  if (port !== 0 && port === httpLocalPort) {
    problems.push(`httpLocalPort (MUSTER_HTTP_LOCAL_PORT): ${httpLocalPort} is also PORT; the localhost HTTP listener needs a port of its own`);
  }
  return problems;
}

export { PROJECT_ROOT };
