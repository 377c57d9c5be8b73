// A small local certificate authority and the hub certificates it signs, for HTTPS on a school network.
// Kiosks trust the authority once; a hub certificate can then be renewed without touching any kiosk.
import { KeyObject, createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

/** Longest validity of a hub certificate: Apple devices refuse TLS certificates valid for longer, even from a local authority. */
export const MAX_SERVER_CERTIFICATE_DAYS = 825;
/** The authority outlives many hub certificates, so kiosks install it once. */
export const CERTIFICATE_AUTHORITY_DAYS = 3650;

const DAY_MS = 86_400_000;
// Kiosk clocks drift; a certificate that starts an hour ago is not refused by a slow one.
const CLOCK_SKEW_MS = 3_600_000;
// P-256 with SHA-256: small, fast, and accepted by every browser a kiosk runs.
const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

const subtle = webcrypto.subtle as SubtleCrypto;
x509.cryptoProvider.set(webcrypto as Crypto);

/** A certificate and its private key, both PEM (the key unencrypted PKCS #8). */
export interface CertificateAndKey {
  cert: string;
  key: string;
}

/** The names a hub certificate is valid for. */
export interface ServerNames {
  dnsNames: string[];
  ipAddresses: string[];
}

// Letters, digits and hyphens per label (RFC 1123); a single leading "*." for a wildcard.
const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Sorts names into DNS names and IP addresses, and lists what is wrong with any of them. */
export function serverNamesFrom(hosts: string[], ips: string[]): { names: ServerNames; problems: string[] } {
  const names: ServerNames = { dnsNames: [], ipAddresses: [] };
  const problems: string[] = [];
  for (const host of hosts) {
    // An IP given as --host is still an IP: browsers match it only against IP entries.
    if (isIP(host)) names.ipAddresses.push(host);
    else if (HOST_NAME.test(host) && host.length <= 253) names.dnsNames.push(host.toLowerCase());
    else problems.push(`"${host}" is not a host name`);
  }
  for (const ip of ips) {
    if (isIP(ip)) names.ipAddresses.push(ip);
    else problems.push(`"${ip}" is not an IP address`);
  }
  names.dnsNames = [...new Set(names.dnsNames)];
  names.ipAddresses = [...new Set(names.ipAddresses)];
  if (names.dnsNames.length + names.ipAddresses.length === 0) problems.push('give at least one host name or IP address');
  return { names, problems };
}

/** Creates a new certificate authority: a self-signed certificate that may only sign hub certificates. */
export async function createCertificateAuthority(options: { label: string; now?: Date; days?: number }): Promise<CertificateAndKey> {
  const keys = await generateKeys();
  const notBefore = new Date((options.now ?? new Date()).getTime() - CLOCK_SKEW_MS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: [{ CN: [`Muster local CA (${options.label})`] }, { O: ['Muster'] }],
    notBefore,
    notAfter: new Date(notBefore.getTime() + (options.days ?? CERTIFICATE_AUTHORITY_DAYS) * DAY_MS),
    signingAlgorithm: SIGNING_ALGORITHM,
    keys,
    extensions: [
      // pathLength 0: it signs hub certificates directly, never another authority.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey) };
}

/** Issues a hub certificate for these names, signed by the authority. Its validity never outlasts the authority's. */
export async function issueServerCertificate(
  authority: CertificateAndKey,
  names: ServerNames,
  options: { days: number; now?: Date },
): Promise<CertificateAndKey> {
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > MAX_SERVER_CERTIFICATE_DAYS) {
    throw new Error(`a hub certificate is valid for 1 to ${MAX_SERVER_CERTIFICATE_DAYS} days, not ${options.days}`);
  }
  const { names: checked, problems } = serverNamesFrom(names.dnsNames, names.ipAddresses);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const caCert = new x509.X509Certificate(authority.cert);
  const caKey = await subtle.importKey('pkcs8', pkcs8Der(authority.key), KEY_ALGORITHM, false, ['sign']);
  const keys = await generateKeys();
  const notBefore = new Date((options.now ?? new Date()).getTime() - CLOCK_SKEW_MS);
  const notAfter = new Date(Math.min(notBefore.getTime() + options.days * DAY_MS, caCert.notAfter.getTime()));
  const commonName = checked.dnsNames[0] ?? checked.ipAddresses[0]!;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: [{ CN: [commonName] }, { O: ['Muster'] }],
    issuer: caCert.subject,
    notBefore,
    notAfter,
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      // Browsers match only the subjectAltName, never the common name.
      new x509.SubjectAlternativeNameExtension([
        ...checked.dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...checked.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey) };
}

async function generateKeys(): Promise<CryptoKeyPair> {
  // Extractable so the private key can be written to disk; it never leaves this process otherwise.
  return (await subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }) as string;
}

function pkcs8Der(pem: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' }));
}

/** 16 random bytes, kept positive as X.509 requires. */
function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString('hex');
}
