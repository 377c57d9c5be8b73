// Process entry: load config → start the hub → print where to go; close cleanly on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.ts';
import { STATIC_ROOT, startHub } from './server.ts';
import { readTlsFiles } from './tls/tls-files.ts';

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
  const tls = config.tlsCert && config.tlsKey ? readTlsFiles(config.tlsCert, config.tlsKey) : null;
  // Over HTTPS, "localhost" would not match the certificate: show the name the certificate is for.
  const certificateName = tls?.names.find((name) => !name.startsWith('*'));
  const base = config.publicUrl ?? (certificateName ? `https://${urlHost(certificateName)}:${hub.port}` : hub.url);
  const lines = [
    `Muster hub ${hub.build} listening on ${config.host}:${hub.port} over ${tls ? 'HTTPS' : 'HTTP'} (data in ${config.dataDir})`,
  ];
  if (tls) {
    lines.push(`  Certificate for ${tls.names.join(', ')}; ${validity(tls.validTo)}`, `  On this machine only, plain HTTP: ${hub.localUrl}/`);
  }
  lines.push(
    '',
    `  Office console:  ${base}/console/`,
    `  Admin console:   ${base}/admin/`,
    `  Health:          ${base}/healthz`,
  );
  const site = hub.site();
  if (hub.createdScreenTokens.length > 0) {
    // Shown once: each link carries the screen's device token (the hub keeps only a hash). A kiosk opened on it
    // once remembers it; the admin console makes a new link for a screen at any time.
    const tokens = new Map(hub.createdScreenTokens.map((t) => [t.screenId, t.token]));
    lines.push('', `  Screens of ${site.name}, pre-paired (these links carry each screen's device token and are shown only now):`);
    for (const screen of site.screens.slice(0, 50)) {
      const token = tokens.get(screen.id);
      if (token) lines.push(`    ${screen.name.padEnd(28)} ${base}/screen/?id=${screen.id}#token=${token}`);
    }
    if (site.screens.length > 50) lines.push(`    … and ${site.screens.length - 50} more (the admin console makes a link for any screen)`);
  } else {
    lines.push('', `  Screens (${site.screens.length} on ${site.name}): a kiosk opened once on its link remembers it. To add a screen, open`);
    lines.push(`    ${base}/screen/ on it and pair it in the admin console (Screens → Pair a screen), which also makes new links.`);
  }
  if (hub.createdUsers.length > 0) {
    lines.push('', '  Users created on this first start:');
    for (const user of hub.createdUsers) {
      lines.push(`    ${user.username.padEnd(8)} (${user.role}) password: ${user.generated ? `${user.password}   <- generated; shown only now` : '(from the environment)'}`);
    }
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

/** An expired or nearly expired certificate is said loudly: kiosks refuse it, and the hub still starts for localhost. */
function validity(validTo: Date): string {
  const date = validTo.toISOString().slice(0, 10);
  const daysLeft = Math.floor((validTo.getTime() - Date.now()) / 86_400_000);
  if (daysLeft < 0) return `EXPIRED on ${date}: kiosks refuse it; renew it with npm run cert -- --force (see README)`;
  if (daysLeft < 30) return `valid until ${date}, only ${daysLeft} days more: renew it with npm run cert -- --force (see README)`;
  return `valid until ${date}`;
}

/** An IPv6 address needs brackets in a URL. */
function urlHost(name: string): string {
  return name.includes(':') ? `[${name}]` : name;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
