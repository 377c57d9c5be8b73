// Process entry: load config → start the hub → print where to go; close cleanly on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { writeFirstStartSecrets } from './auth/first-start-secrets.ts';
import { ConfigError, loadConfig } from './config.ts';
import { STATIC_ROOT, startHub, type RunningHub } from './server.ts';
import { kioskSetupCommand } from './tls/kiosk-setup-command.ts';
import { canonicalIp } from './tls/machine-names.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  }
  if (!existsSync(STATIC_ROOT)) console.warn('The browser apps are not built: run `npm run build` (npm start does it).');

  const hub = await startHub(config);
  const localBase = hub.localUrl ? `http://localhost:${new URL(hub.localUrl).port}` : hub.url;
  // Links work as printed on the hub machine itself, unless the school said which address to use.
  const base = config.publicUrl?.replace(/\/+$/, '') ?? localBase;
  const lines = [
    `Muster hub ${hub.build} listening on ${config.host}:${hub.port} over ${hub.tls ? `HTTPS, and on 127.0.0.1:${new URL(hub.localUrl!).port} over HTTP` : 'HTTP'} (data in ${config.dataDir})`,
    ...networkLines(hub, localBase),
  ];
  lines.push(
    '',
    `  Office console:  ${base}/console/`,
    `  Admin console:   ${base}/admin/`,
    `  Health:          ${base}/healthz`,
  );
  const site = hub.site();
  if (site.buildings.length === 0) {
    lines.push('', `  ${site.name} has no buildings yet: log in to the admin console, whose set-up checklist walks you through it.`);
  }
  // Generated passwords and device-token links are secrets: stdout goes to the system journal, which many can read,
  // so they go once to a file only the hub's user may read, and stdout says where it is.
  const secrets = firstStartSecrets(hub, base);
  if (secrets.length > 0) {
    const path = await writeFirstStartSecrets(config.dataDir, secrets);
    lines.push(
      '',
      `  This first start wrote ${secretsSummary(hub)} to ${path}`,
      '    (readable only by this user; they are never printed). Read it, keep them somewhere safe, then delete the file.',
    );
  }
  if (hub.createdScreenTokens.length === 0) {
    lines.push('', `  Screens (${site.screens.length} on ${site.name}): a kiosk opened once on its link remembers it. To add a screen, open`);
    lines.push(`    ${base}/screen/ on it and pair it in the admin console (Screens → Pair a screen), which also makes new links.`);
  }
  if (hub.createdUsers.length > 0) {
    const users = hub.createdUsers.map((user) => `${user.username} (${user.generated ? 'password generated, in that file' : 'password from the environment'})`);
    lines.push('', `  Users created on this first start: ${users.join(', ')}.`);
  } else {
    lines.push('', '  Log in as `office` or `admin` with the passwords set on first start.');
  }
  lines.push('', '  Muster is a supplementary visual channel; it does not replace the fire alarm, mass notification or PA.');
  console.log(lines.join('\n'));

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: closing; screens keep showing their last state and reconnect to the next hub.`);
    hub.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** The lines of the first-start secrets file: the links of the pre-paired screens and the users' generated passwords. */
function firstStartSecrets(hub: RunningHub, base: string): string[] {
  const site = hub.site();
  const lines: string[] = [];
  if (hub.createdScreenTokens.length > 0) {
    // Each link carries the screen's device token (the hub keeps only a hash). A kiosk opened on it once remembers
    // it; the admin console makes a new link for a screen at any time.
    const tokens = new Map(hub.createdScreenTokens.map((t) => [t.screenId, t.token]));
    lines.push(`Screens of ${site.name}, pre-paired (each link carries the screen's device token):`);
    for (const screen of site.screens) {
      const token = tokens.get(screen.id);
      if (token) lines.push(`  ${screen.name.padEnd(28)} ${base}/screen/?id=${screen.id}#token=${token}`);
    }
  }
  const generated = hub.createdUsers.filter((user) => user.generated);
  if (generated.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push('Users created on the first start, with the passwords the hub generated (change them after the first login):');
    for (const user of generated) lines.push(`  ${user.username.padEnd(8)} (${user.role}) password: ${user.password}`);
  }
  return lines;
}

/** "the generated passwords and the links of the 12 pre-paired screens", or either alone. */
function secretsSummary(hub: RunningHub): string {
  const parts: string[] = [];
  if (hub.createdUsers.some((user) => user.generated)) parts.push('the generated passwords');
  if (hub.createdScreenTokens.length > 0) parts.push(`the links of the ${hub.createdScreenTokens.length} pre-paired screens (with their device tokens)`);
  return parts.join(' and ');
}

/** How the school network reaches the hub, what a kiosk must trust, and the one line that sets a kiosk up. */
function networkLines(hub: RunningHub, localBase: string): string[] {
  const tls = hub.tls;
  if (!tls) {
    return [
      `  On the school network: ${hub.networkUrl}/ over plain HTTP (tls: off). Screens there cannot cache themselves:`,
      '    reloaded or rebooted while the hub is down, they show the browser\'s error page, not their last mode.',
    ];
  }
  const lines = [
    `  On this machine:       ${localBase}/  (plain HTTP, 127.0.0.1 only; screens here work offline too)`,
    `  On the school network: ${hub.networkUrl}/  (HTTPS)`,
  ];
  const { credentials, authority, change } = tls;
  const networkHost = new URL(hub.networkUrl).hostname.replace(/^\[|\]$/g, '');
  const others = credentials.names
    .map((name) => (name.includes(':') ? canonicalIp(name) : name))
    .filter((name) => !['localhost', '127.0.0.1', '::1', networkHost].includes(name));
  if (others.length > 0) lines.push(`    the certificate also covers ${others.join(', ')}; add names with MUSTER_TLS_NAMES`);
  if (tls.source === 'files') {
    lines.push(`  Certificate: your own (MUSTER_TLS_CERT), ${validity(credentials.validTo)}`);
  } else if (change?.issuedBecause) {
    lines.push(`  Certificate: issued now by the hub's own authority (${change.issuedBecause}), valid until ${day(credentials.validTo)}; renewed by itself`);
  }
  if (authority) {
    lines.push(
      `  Kiosks and office computers trust the hub's authority once: ${authority.path}, also at ${hub.networkUrl}/ca.crt`,
      change?.createdAuthority ? '    (a NEW authority, made on this start: devices that trusted an earlier one need this one)' : `    (SHA-256 fingerprint ${authority.fingerprint256})`,
      '  Set up a kiosk (Debian / Raspberry Pi OS, as the user that shows the screen), one line:',
      `    ${kioskSetupCommand(hub.networkUrl, authority)}`,
      `  Other devices, and what each step does: ${localBase}/kiosk/`,
    );
  }
  if (!hub.networkUrl.startsWith(localBase)) lines.push(`  The links below work on this machine; elsewhere put ${hub.networkUrl} in place of ${localBase}.`);
  return lines;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** A school's own certificate near its end is said loudly: kiosks refuse an expired one (the hub's own renews itself). */
function validity(validTo: Date): string {
  const daysLeft = Math.floor((validTo.getTime() - Date.now()) / 86_400_000);
  if (daysLeft < 0) return `EXPIRED on ${day(validTo)}: kiosks refuse it; renew it (see "HTTPS on the school network" in README.md)`;
  if (daysLeft < 30) return `valid until ${day(validTo)}, only ${daysLeft} days more: renew it (see "HTTPS on the school network" in README.md)`;
  return `valid until ${day(validTo)}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
