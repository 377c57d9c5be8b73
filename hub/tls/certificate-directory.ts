// The certificate directory made by `npm run cert`: a local authority (ca.crt, ca.key) and the hub's certificate
// (server.crt, server.key). An existing authority is reused, so a renewed hub certificate needs nothing new on kiosks.
import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createCertificateAuthority, issueServerCertificate, serverNamesFrom, type CertificateAndKey } from './certificates.ts';

export const CERTIFICATE_FILES = { caCert: 'ca.crt', caKey: 'ca.key', serverCert: 'server.crt', serverKey: 'server.key' } as const;

export interface CertificateDirectoryRequest {
  outDir: string;
  /** Host names (an IP given here is treated as one). */
  hosts: string[];
  ips: string[];
  days: number;
  /** Replace an existing server.crt / server.key (the authority is always kept). */
  force: boolean;
}

export interface CertificateDirectory {
  outDir: string;
  paths: Record<keyof typeof CERTIFICATE_FILES, string>;
  /** False when an existing authority in the directory signed the new certificate. */
  createdAuthority: boolean;
  names: string[];
  validTo: Date;
  authorityValidTo: Date;
}

/** A refusal the person running the command can act on (wrong name, file in the way…), as opposed to a bug. */
export class CertificateRequestError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export async function makeCertificateDirectory(request: CertificateDirectoryRequest): Promise<CertificateDirectory> {
  const outDir = resolve(request.outDir);
  const paths = {
    caCert: join(outDir, CERTIFICATE_FILES.caCert),
    caKey: join(outDir, CERTIFICATE_FILES.caKey),
    serverCert: join(outDir, CERTIFICATE_FILES.serverCert),
    serverKey: join(outDir, CERTIFICATE_FILES.serverKey),
  };
  const { names, problems } = serverNamesFrom(request.hosts, request.ips);
  const existingServerFiles = [paths.serverCert, paths.serverKey].filter((path) => existsSync(path));
  if (existingServerFiles.length > 0 && !request.force) {
    problems.push(`${existingServerFiles.join(' and ')} already exist${existingServerFiles.length === 1 ? 's' : ''}: add --force to replace the hub certificate (the authority is kept, so kiosks need nothing new)`);
  }
  const authority = readExistingAuthority(paths.caCert, paths.caKey, problems);
  if (problems.length > 0) throw new CertificateRequestError(problems);

  // The authority's key signs every future hub certificate: only its owner may read the directory.
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  const ca = authority ?? (await createCertificateAuthority({ label: names.dnsNames[0] ?? names.ipAddresses[0]! }));
  const server = await issueServerCertificate(ca, names, { days: request.days });
  if (!authority) {
    await writeNewFile(paths.caKey, ca.key, 0o600);
    await writeNewFile(paths.caCert, ca.cert, 0o644);
  }
  // Key first: a certificate without its key would stop the hub, a key without its certificate is ignored.
  await replaceFile(paths.serverKey, server.key, 0o600, request.force);
  await replaceFile(paths.serverCert, server.cert, 0o644, request.force);

  const serverCertificate = new X509Certificate(server.cert);
  return {
    outDir,
    paths,
    createdAuthority: !authority,
    names: [...names.dnsNames, ...names.ipAddresses],
    validTo: new Date(serverCertificate.validTo),
    authorityValidTo: new Date(new X509Certificate(ca.cert).validTo),
  };
}

/** The authority already in the directory, checked; null when there is none. */
export function readExistingAuthority(certPath: string, keyPath: string, problems: string[]): CertificateAndKey | null {
  const hasCert = existsSync(certPath);
  const hasKey = existsSync(keyPath);
  if (!hasCert && !hasKey) return null;
  if (hasCert !== hasKey) {
    problems.push(`${hasCert ? certPath : keyPath} exists without ${hasCert ? keyPath : certPath}: restore it, or remove both to start a new authority (every kiosk then needs the new ca.crt)`);
    return null;
  }
  try {
    const authority = { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
    const certificate = new X509Certificate(authority.cert);
    if (!certificate.ca) throw new Error(`${certPath} is not a certificate authority`);
    if (!certificate.checkPrivateKey(createPrivateKey(authority.key))) throw new Error(`${keyPath} is not the key of ${certPath}`);
    if (new Date(certificate.validTo).getTime() <= Date.now() + 86_400_000) {
      throw new Error(`the authority in ${certPath} expires on ${new Date(certificate.validTo).toISOString().slice(0, 10)}; remove ca.crt and ca.key to start a new one (every kiosk then needs the new ca.crt)`);
    }
    return authority;
  } catch (error) {
    problems.push(`cannot use the existing authority: ${(error as Error).message}`);
    return null;
  }
}

/** Creates a file that must not exist yet, with these permissions from the first byte. */
export async function writeNewFile(path: string, text: string, mode: number): Promise<void> {
  await writeFile(path, text, { flag: 'wx', mode });
  await chmod(path, mode); // the umask may have taken bits away from `mode`; put exactly these
}

/** Writes a file, replacing an existing one only when allowed, and never leaves a half-written one. */
export async function replaceFile(path: string, text: string, mode: number, allowReplace: boolean): Promise<void> {
  if (!allowReplace) return writeNewFile(path, text, mode);
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeNewFile(temporary, text, mode);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
