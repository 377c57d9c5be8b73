// Setting up kiosks, open to anyone (nothing here is secret): /ca.crt, the authority's certificate kiosks and office
// computers trust; /kiosk/, a page saying how; /kiosk/<file>, the launcher files from config/kiosk/ for the
// installer to download (a kiosk has no copy of this repository).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { ApiError } from '../api-error.ts';
import type { HubEnv } from '../auth/middleware.ts';
import type { HubTls } from '../tls/hub-certificate.ts';
import { kioskSetupCommand } from '../tls/kiosk-setup-command.ts';

/** The files install.sh fetches from the hub; nothing else in the directory is served. */
export const KIOSK_FILES = ['install.sh', 'muster-kiosk', 'muster-kiosk.service'] as const;

export interface KioskSetupDeps {
  /** The hub's TLS as served now; null with `tls: off`. */
  tls: () => HubTls | null;
  /** The address kiosks on the school network use, e.g. https://muster.local:8443 (known once the hub listens). */
  networkUrl: () => string;
  /** config/kiosk */
  kioskDir: string;
}

export function kioskSetupRoutes(deps: KioskSetupDeps) {
  return new Hono<HubEnv>()
    .get('/ca.crt', (c) => {
      const tls = deps.tls();
      if (!tls?.authority) {
        throw new ApiError(
          'not_found',
          tls
            ? "This hub serves the school's own certificate: devices trust it as they trust the school's other sites, with nothing to install."
            : 'This hub serves plain HTTP (tls: off): there is no authority to install.',
        );
      }
      c.header('Content-Type', 'application/x-x509-ca-cert');
      c.header('Content-Disposition', 'attachment; filename="muster-ca.crt"');
      c.header('Cache-Control', 'no-cache');
      return c.body(tls.authority.pem);
    })
    .get('/kiosk', (c) => c.redirect('/kiosk/'))
    .get('/kiosk/', (c) => {
      // A page opened over HTTPS shows the address it was opened on (it evidently works from there); one opened on
      // the hub machine's http://localhost shows the school network's.
      const requestUrl = new URL(c.req.url);
      const networkUrl = requestUrl.protocol === 'https:' ? requestUrl.origin : deps.networkUrl();
      c.header('Cache-Control', 'no-cache');
      return c.html(kioskSetupPage(networkUrl, deps.tls()));
    })
    .get('/kiosk/:file', async (c) => {
      const file = KIOSK_FILES.find((name) => name === c.req.param('file'));
      if (!file) throw new ApiError('not_found', `No kiosk file ${c.req.param('file')}; there are ${KIOSK_FILES.join(', ')}.`);
      c.header('Content-Type', 'text/plain; charset=utf-8');
      c.header('Cache-Control', 'no-cache');
      return c.body(await readFile(join(deps.kioskDir, file), 'utf8'));
    });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function kioskSetupPage(networkUrl: string, tls: HubTls | null): string {
  const command = escapeHtml(kioskSetupCommand(networkUrl, tls?.authority ?? null));
  const url = escapeHtml(networkUrl);
  const trust = tls?.authority
    ? `<h2>Other computers and tablets</h2>
<p>Office computers and tablets that open the consoles trust the hub once: download <a href="/ca.crt">ca.crt</a> and add it
as a trusted authority for websites (Windows: open it, <i>Install Certificate</i>, <i>Trusted Root Certification Authorities</i>;
macOS: add it to the System keychain and set it to <i>Always Trust</i>; Android: Settings, Security, <i>Install a certificate</i>,
<i>CA certificate</i>; iPhone and iPad: open it, install the profile, then turn it on in Settings, General, About,
<i>Certificate Trust Settings</i>; Chromebooks and managed devices: push it by policy). Check that its SHA-256 fingerprint is
<code>${escapeHtml(tls.authority.fingerprint256)}</code>.</p>`
    : tls
      ? "<p>This hub serves the school's own certificate: devices trust it as they trust the school's other sites.</p>"
      : `<p><strong>This hub serves plain HTTP to the network (<code>tls: off</code>).</strong> A kiosk reaching it by name or
address cannot cache the screen: reloaded or rebooted while the hub is down, it shows the browser's error page instead of
its last mode, until the hub is back. Set <code>tls</code> to <code>auto</code> (the default) to fix this.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Set up a kiosk · Muster</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #0f172a; }
pre { background: #f1f5f9; padding: 1rem; white-space: pre-wrap; word-break: break-all; }
code { overflow-wrap: anywhere; }
</style>
</head>
<body>
<h1>Set up a kiosk</h1>
<p>On a Debian or Raspberry Pi OS computer with a desktop, logged in as the user that will show the screen, run:</p>
<pre data-test="kiosk-command">${command}</pre>
<p>It ${tls?.authority ? "checks the hub's certificate authority against the hash in the command, trusts it (Chromium's store and the system's), " : ''}installs
Chromium if needed, and starts the screen full screen at every login, starting Chromium again if it stops and bringing the
screen back from the browser's error page when the hub answers again. The screen shows a code to pair it in the admin
console; to set up a given screen instead, put its link from the admin console in place of <code>${url}/screen/</code>.</p>
${tls?.authority ? `<p>Copy the command from the hub's own output (<code>npm start</code> prints it) or from this page opened on the hub machine
(<code>http://localhost:…/kiosk/</code>): the hash in it is what makes the download safe.</p>` : ''}
${trust}
</body>
</html>
`;
}
