// HTTPS for the school network with nothing to set up: on start the hub keeps its own authority in dataDir/tls/
// (made once, kept for good, so kiosks trust it once) and a certificate it signs for every name the hub can be
// reached by, issued again when those names change or it nears its end. A school's own certificate
// (tlsCert/tlsKey) takes precedence; `tls: off` serves plain HTTP.
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import type { Config } from '../config.ts';
import { CERTIFICATE_FILES, readExistingAuthority, replaceFile, writeNewFile } from './certificate-directory.ts';
import { MAX_SERVER_CERTIFICATE_DAYS, createCertificateAuthority, issueServerCertificate, type CertificateAndKey, type ServerNames } from './certificates.ts';
import { canonicalIp, machineNames, preferredNetworkName, type MachineFacts } from './machine-names.ts';
import { readTlsFiles, subjectNames, type TlsCredentials } from './tls-files.ts';

/** A certificate this close to its end is issued again at the next start (and by the running hub's daily check). */
export const RENEW_WITHIN_DAYS = 30;
const DAY_MS = 86_400_000;

/** The authority kiosks trust: served at /ca.crt. */
export interface Authority {
  path: string;
  pem: string;
  /** SHA-256 of the file as served, for `sha256sum -c` in the kiosk set-up command. */
  fileSha256: string;
  /** The certificate's SHA-256 fingerprint, as certificate viewers show it. */
  fingerprint256: string;
  validTo: Date;
}

export interface HubTls {
  credentials: TlsCredentials;
  /** `own`: the hub's authority and certificate in dataDir/tls/; `files`: the school's tlsCert/tlsKey. */
  source: 'own' | 'files';
  /** The authority to install on kiosks, when the hub knows it (its own, or a ca.crt beside tlsCert from `npm run cert`). */
  authority: Authority | null;
  /** What this start did to the hub's own certificate, to say at start; null for the school's own files. */
  change: CertificateChange | null;
  /** The school network's address to show first (URL host, without brackets). */
  networkName: string;
}

export interface CertificateChange {
  createdAuthority: boolean;
  /** Why a certificate was issued on this start, or null when the existing one was kept. */
  issuedBecause: string | null;
}

/** What node:os says about this machine, with the names the configuration adds. */
export function currentMachine(config: Pick<Config, 'publicUrl' | 'tlsNames'>): MachineFacts {
  return {
    hostname: hostname(),
    interfaces: networkInterfaces(),
    publicHost: config.publicUrl ? new URL(config.publicUrl).hostname : null,
    extraNames: config.tlsNames,
  };
}

/** The TLS the hub serves with this configuration, made or renewed as needed; null with `tls: off`. */
export async function prepareHubTls(config: Config, machine: MachineFacts = currentMachine(config), now = new Date()): Promise<HubTls | null> {
  if (config.tls === 'off') return null;
  const names = machineNames(machine);
  const networkName = preferredNetworkName(machine, names);
  if (config.tlsCert && config.tlsKey) {
    const credentials = readTlsFiles(config.tlsCert, config.tlsKey);
    const besideCert = join(dirname(config.tlsCert), CERTIFICATE_FILES.caCert);
    return {
      credentials,
      source: 'files',
      authority: existsSync(besideCert) ? authorityThatSigned(besideCert, credentials.cert) : null,
      change: null,
      // The school's certificate decides which names work: show one of them.
      networkName: machine.publicHost ?? credentials.names.find((name) => !name.startsWith('*') && name !== 'localhost') ?? networkName,
    };
  }
  const own = await ensureOwnCertificate(join(config.dataDir, 'tls'), names, now);
  return { ...own, source: 'own', networkName };
}

/**
 * The hub's own authority and certificate in `directory`, made or issued again when needed. An authority that
 * exists but cannot be used (half missing, damaged, expiring) stops the hub: replacing it silently would break
 * every kiosk that trusts it.
 */
export async function ensureOwnCertificate(
  directory: string,
  names: ServerNames,
  now = new Date(),
): Promise<{ credentials: TlsCredentials; authority: Authority; change: CertificateChange }> {
  const paths = {
    caCert: join(directory, CERTIFICATE_FILES.caCert),
    caKey: join(directory, CERTIFICATE_FILES.caKey),
    serverCert: join(directory, CERTIFICATE_FILES.serverCert),
    serverKey: join(directory, CERTIFICATE_FILES.serverKey),
  };
  const problems: string[] = [];
  let authority = readExistingAuthority(paths.caCert, paths.caKey, problems);
  if (problems.length > 0) throw new Error(`Cannot serve HTTPS with the hub's own authority in ${directory}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const createdAuthority = authority === null;
  // The authority's key signs every later certificate: only the hub's user may read the directory.
  await mkdir(directory, { recursive: true, mode: 0o700 });
  if (!authority) {
    authority = await createCertificateAuthority({ label: names.dnsNames.find((name) => name !== 'localhost') ?? 'hub', now });
    await writeNewFile(paths.caKey, authority.key, 0o600);
    await writeNewFile(paths.caCert, authority.cert, 0o644);
  }
  const issuedBecause = createdAuthority ? 'new authority' : reasonToIssue(paths, authority, names, now);
  if (issuedBecause) {
    const server = await issueServerCertificate(authority, names, { days: MAX_SERVER_CERTIFICATE_DAYS, now });
    // Key first: a certificate without its key would stop the hub, a key without its certificate is replaced next time.
    await replaceFile(paths.serverKey, server.key, 0o600, true);
    await replaceFile(paths.serverCert, server.cert, 0o644, true);
  }
  return {
    credentials: readTlsFiles(paths.serverCert, paths.serverKey),
    authority: readAuthority(paths.caCert),
    change: { createdAuthority, issuedBecause },
  };
}

/** The address for kiosks and computers on the school network, once the hub listens on `port`. */
export function networkUrlOf(config: Pick<Config, 'publicUrl' | 'tlsNames'>, tls: HubTls | null, port: number): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  const machine = currentMachine(config);
  const name = tls?.networkName ?? preferredNetworkName(machine, machineNames(machine));
  // An IPv6 address needs brackets in a URL.
  return `${tls ? 'https' : 'http'}://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

/**
 * Checks the hub's own certificate once a day and issues it again when due (its end is near, or the machine has
 * a new name or address), so a hub that runs for years never serves an expired one. Returns a stop function.
 */
export function renewDaily(config: Config, onIssued: (credentials: TlsCredentials) => void): () => void {
  const timer = setInterval(() => {
    ensureOwnCertificate(join(config.dataDir, 'tls'), machineNames(currentMachine(config)))
      .then((own) => {
        if (!own.change.issuedBecause) return;
        console.log(`Issued the hub certificate again (${own.change.issuedBecause}); valid until ${own.credentials.validTo.toISOString().slice(0, 10)}.`);
        onIssued(own.credentials);
      })
      .catch((error: unknown) => console.error('Could not renew the hub certificate:', error instanceof Error ? error.message : error));
  }, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Why the certificate in the directory will not do, or null when it will. */
function reasonToIssue(paths: Record<keyof typeof CERTIFICATE_FILES, string>, authority: CertificateAndKey, names: ServerNames, now: Date): string | null {
  if (!existsSync(paths.serverCert) || !existsSync(paths.serverKey)) return 'no certificate yet';
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(readFileSync(paths.serverCert, 'utf8'));
    if (!certificate.checkPrivateKey(createPrivateKey(readFileSync(paths.serverKey, 'utf8')))) return 'its key did not match';
  } catch {
    return 'the old one could not be read';
  }
  const ca = new X509Certificate(authority.cert);
  if (!certificate.checkIssued(ca) || !certificate.verify(ca.publicKey)) return 'the old one was not signed by this authority';
  if (new Date(certificate.validTo).getTime() - now.getTime() < RENEW_WITHIN_DAYS * DAY_MS) return `the old one ended on ${certificate.validTo}`;
  const covered = new Set(subjectNames(certificate).map((name) => (name.includes(':') ? canonicalIp(name) : name.toLowerCase())));
  const missing = [...names.dnsNames, ...names.ipAddresses].filter((name) => !covered.has(name));
  // Extra names (an address the machine no longer has) do no harm; a missing one leaves a kiosk refusing the hub.
  return missing.length > 0 ? `new names: ${missing.join(', ')}` : null;
}

/** The authority beside a school's certificate, or null when it did not sign it (a leftover from another certificate). */
function authorityThatSigned(path: string, serverCert: string): Authority | null {
  try {
    const authority = readAuthority(path);
    const certificate = new X509Certificate(authority.pem);
    const server = new X509Certificate(serverCert);
    return certificate.ca && server.checkIssued(certificate) && server.verify(certificate.publicKey) ? authority : null;
  } catch {
    return null; // not a certificate: nothing to offer kiosks, and no reason to stop the hub
  }
}

function readAuthority(path: string): Authority {
  const pem = readFileSync(path, 'utf8');
  const certificate = new X509Certificate(pem);
  return {
    path,
    pem,
    fileSha256: createHash('sha256').update(pem).digest('hex'),
    fingerprint256: certificate.fingerprint256,
    validTo: new Date(certificate.validTo),
  };
}
