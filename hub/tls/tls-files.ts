// Reads and checks the hub's certificate and key (MUSTER_TLS_CERT, MUSTER_TLS_KEY) before anything listens.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';

const CERT_SETTING = 'tlsCert (MUSTER_TLS_CERT)';
const KEY_SETTING = 'tlsKey (MUSTER_TLS_KEY)';

/** What the HTTPS listener needs, plus what is worth telling the person starting the hub. */
export interface TlsCredentials {
  cert: string;
  key: string;
  /** The names the certificate is valid for (subjectAltName), e.g. ["muster.school.lan", "192.168.1.10"]. */
  names: string[];
  validTo: Date;
}

/** Reads both files and lists every problem with them; credentials only when there is none. */
export function inspectTlsFiles(certPath: string, keyPath: string): { credentials: TlsCredentials | null; problems: string[] } {
  const problems: string[] = [];
  const certText = readText(certPath, CERT_SETTING, problems);
  let certificate: X509Certificate | null = null;
  if (certText !== null) {
    try {
      if (!certText.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate');
      certificate = new X509Certificate(certText);
      if (certificate.ca) {
        problems.push(`${CERT_SETTING}: ${certPath} is a certificate authority's certificate (ca.crt); use the hub's own certificate (server.crt)`);
      }
    } catch {
      problems.push(`${CERT_SETTING}: ${certPath} is not a PEM certificate`);
      certificate = null;
    }
  }
  const keyText = readText(keyPath, KEY_SETTING, problems);
  let privateKey: KeyObject | null = null;
  if (keyText !== null) {
    try {
      if (!keyText.includes('PRIVATE KEY-----')) throw new Error('no PEM private key');
      privateKey = createPrivateKey(keyText);
    } catch {
      problems.push(`${KEY_SETTING}: ${keyPath} is not an unencrypted PEM private key`);
    }
  }
  if (certificate && privateKey && !certificate.checkPrivateKey(privateKey)) {
    problems.push(`${KEY_SETTING}: ${keyPath} is not the private key of the certificate in ${certPath}`);
  }
  if (problems.length === 0) {
    try {
      // What https.createServer will do with them: the last word on whether they are usable.
      createSecureContext({ cert: certText!, key: keyText! });
    } catch (error) {
      problems.push(`${CERT_SETTING}, ${KEY_SETTING}: cannot use ${certPath} with ${keyPath}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0 || !certificate) return { credentials: null, problems };
  return {
    credentials: { cert: certText!, key: keyText!, names: subjectNames(certificate), validTo: new Date(certificate.validTo) },
    problems,
  };
}

/** The credentials, or an Error listing every problem (for callers past config validation). */
export function readTlsFiles(certPath: string, keyPath: string): TlsCredentials {
  const { credentials, problems } = inspectTlsFiles(certPath, keyPath);
  if (!credentials) throw new Error(`Cannot serve HTTPS:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return credentials;
}

function readText(path: string, setting: string, problems: string[]): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(code === 'ENOENT' ? `${setting}: ${path} does not exist` : `${setting}: cannot read ${path}: ${(error as Error).message}`);
    return null;
  }
}

/** "DNS:a, IP Address:1.2.3.4" → ["a", "1.2.3.4"]. */
export function subjectNames(certificate: X509Certificate): string[] {
  return (certificate.subjectAltName ?? '')
    .split(', ')
    .map((entry) => entry.slice(entry.indexOf(':') + 1))
    .filter((name) => name !== '');
}
