// `npm run cert -- --host muster.school.lan [--ip 192.168.1.10] [--out data/tls] [--days 825] [--force]`:
// makes a local certificate authority and a hub certificate signed by it, and says how to use them. The hub does the
// same by itself at start (tls: auto); this is for a certificate made ahead of time, or for another machine.
import { parseArgs } from 'node:util';
import { CertificateRequestError, makeCertificateDirectory } from '../hub/tls/certificate-directory.ts';
import { MAX_SERVER_CERTIFICATE_DAYS, serverNamesFrom } from '../hub/tls/certificates.ts';

const USAGE = `Usage: npm run cert -- --host NAME [--host NAME…] [--ip ADDRESS…] [--out DIR] [--days N] [--force]

  Not needed with the default tls: auto: the hub makes and renews its own certificate in data/tls/ at start, for the
  machine's names and addresses plus MUSTER_TLS_NAMES. Use this for a certificate served through MUSTER_TLS_CERT.

  --host   a name kiosks use to reach the hub, e.g. muster.school.lan (repeat, or separate with commas)
  --ip     an IP address kiosks use to reach the hub, e.g. 192.168.1.10 (repeat, or separate with commas)
  --out    where to write ca.crt, ca.key, server.crt and server.key (default data/tls)
  --days   how long the hub certificate is valid, at most ${MAX_SERVER_CERTIFICATE_DAYS} (default ${MAX_SERVER_CERTIFICATE_DAYS})
  --force  replace an existing server.crt and server.key; an existing ca.crt and ca.key are always kept`;

function fail(problems: string[]): never {
  console.error(`npm run cert: ${problems.length === 1 ? problems[0] : `\n${problems.map((p) => `  - ${p}`).join('\n')}`}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        host: { type: 'string', multiple: true, default: [] },
        ip: { type: 'string', multiple: true, default: [] },
        out: { type: 'string', default: 'data/tls' },
        days: { type: 'string', default: String(MAX_SERVER_CERTIFICATE_DAYS) },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    fail([(error as Error).message]);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const split = (list: string[]) => list.flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
  const hosts = split(values.host);
  const ips = split(values.ip);
  const days = Number(values.days);
  const problems: string[] = [];
  if (hosts.length === 0) problems.push('--host is required: the name kiosks use to reach the hub');
  else problems.push(...serverNamesFrom(hosts, ips).problems);
  if (!Number.isInteger(days) || days < 1 || days > MAX_SERVER_CERTIFICATE_DAYS) problems.push(`--days must be a whole number from 1 to ${MAX_SERVER_CERTIFICATE_DAYS}`);
  if (problems.length > 0) fail(problems);

  let made;
  try {
    made = await makeCertificateDirectory({ outDir: values.out, hosts, ips, days, force: values.force });
  } catch (error) {
    if (error instanceof CertificateRequestError) fail(error.problems);
    throw error;
  }
  const date = (d: Date) => d.toISOString().slice(0, 10);
  const firstName = made.names[0]!;
  console.log(
    [
      made.createdAuthority
        ? `Made a new local certificate authority and a hub certificate in ${made.outDir}:`
        : `Made a new hub certificate in ${made.outDir}, signed by the authority already there (kiosks that trust its ca.crt need nothing new):`,
      `  ca.crt      the authority's certificate (valid until ${date(made.authorityValidTo)}): install it on every kiosk and office computer`,
      `  ca.key      the authority's private key: keep it here and private; it signs renewed hub certificates`,
      `  server.crt  the hub's certificate for ${made.names.join(', ')}, valid until ${date(made.validTo)}`,
      `  server.key  the hub's private key`,
      '',
      'Start the hub with these two settings (for a service, put them in its environment file):',
      `  MUSTER_TLS_CERT=${made.paths.serverCert}`,
      `  MUSTER_TLS_KEY=${made.paths.serverKey}`,
      `e.g.  MUSTER_TLS_CERT=${made.paths.serverCert} MUSTER_TLS_KEY=${made.paths.serverKey} npm start`,
      `Restart the hub; kiosks then use https://${firstName.includes(':') ? `[${firstName}]` : firstName}:8443/… (8443 unless MUSTER_HTTPS_PORT is set),`,
      'and plain HTTP stays available on the hub machine itself at http://localhost:8080 (PORT).',
      '',
      `Trust the authority on each kiosk, once: copy ${made.paths.caCert} to it, then there (Debian / Raspberry Pi OS with Chromium):`,
      '  sudo cp ca.crt /usr/local/share/ca-certificates/muster-ca.crt && sudo update-ca-certificates',
      '  sudo apt-get install libnss3-tools',
      '  certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n muster -i ca.crt     # as the user that runs Chromium; restart Chromium',
      'ChromeOS and managed devices: push ca.crt as a trusted HTTPS authority by policy. See "HTTPS on the school network" in README.md.',
      '',
      `Before ${date(made.validTo)}, renew with the same command plus --force: the authority is kept, so kiosks need nothing new.`,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
