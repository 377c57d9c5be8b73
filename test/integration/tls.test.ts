// HTTPS on the school network with a certificate of the school's own: certificates from `npm run cert`, a hub
// serving them, wss, Secure cookies, the localhost HTTP listener, and the start-up checks of the TLS settings.
// The hub's own certificate (tls: auto with no files) is in tls-auto.test.ts.
import { X509Certificate } from 'node:crypto';
import { readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { ConfigError, loadConfig } from '../../hub/config.ts';
import { CertificateRequestError, makeCertificateDirectory, type CertificateDirectory } from '../../hub/tls/certificate-directory.ts';
import { MAX_SERVER_CERTIFICATE_DAYS } from '../../hub/tls/certificates.ts';
import { PASSWORDS, startTestHub, type TestHub, screenToken } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let dir: string;
let made: CertificateDirectory;
let ca: string;
let hub: TestHub;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'muster-tls-'));
  // The same code `npm run cert -- --host localhost --ip 127.0.0.1` runs.
  made = await makeCertificateDirectory({ outDir: join(dir, 'tls'), hosts: ['localhost'], ips: ['127.0.0.1'], days: MAX_SERVER_CERTIFICATE_DAYS, force: false });
  ca = await readFile(made.paths.caCert, 'utf8');
  hub = await startTestHub({ overrides: { tls: 'auto', tlsCert: made.paths.serverCert, tlsKey: made.paths.serverKey } });
});
afterAll(async () => {
  await hub?.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** An HTTPS request that trusts only the generated authority (verification stays on). */
function httpsFetch(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; ca?: string } = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = httpsRequest(url, { method: init.method ?? 'GET', headers: init.headers, ca: init.ca ?? ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function login(url: string, origin: string, username: keyof typeof PASSWORDS) {
  return httpsFetch(`${url}/api/session`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORDS[username] }),
  });
}

describe('npm run cert', () => {
  it('makes an authority and a hub certificate it signed, for the given names, with private keys', async () => {
    const authority = new X509Certificate(ca);
    const server = new X509Certificate(await readFile(made.paths.serverCert, 'utf8'));
    expect(authority.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(authority) && server.verify(authority.publicKey)).toBe(true);
    expect(server.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // Node lists the extended key usages here: serverAuth only
    const days = (Date.parse(server.validTo) - Date.parse(server.validFrom)) / 86_400_000;
    expect(days).toBeLessThanOrEqual(MAX_SERVER_CERTIFICATE_DAYS);
    expect(days).toBeGreaterThan(MAX_SERVER_CERTIFICATE_DAYS - 1);
    for (const key of [made.paths.caKey, made.paths.serverKey]) expect((await stat(key)).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite the hub certificate without --force, and renews it under the same authority with it', async () => {
    const outDir = join(dir, 'renewal');
    const first = await makeCertificateDirectory({ outDir, hosts: ['muster.school.lan'], ips: [], days: 30, force: false });
    const again = makeCertificateDirectory({ outDir, hosts: ['muster.school.lan'], ips: [], days: 30, force: false });
    await expect(again).rejects.toThrow(CertificateRequestError);
    await expect(again).rejects.toThrow(/already exist.*--force/);
    const caBefore = await readFile(first.paths.caCert, 'utf8');
    const certBefore = await readFile(first.paths.serverCert, 'utf8');
    const renewed = await makeCertificateDirectory({ outDir, hosts: ['muster.school.lan'], ips: ['192.168.1.10'], days: 30, force: true });
    expect(renewed.createdAuthority).toBe(false);
    expect(await readFile(first.paths.caCert, 'utf8')).toBe(caBefore);
    const certAfter = await readFile(first.paths.serverCert, 'utf8');
    expect(certAfter).not.toBe(certBefore);
    expect(new X509Certificate(certAfter).verify(new X509Certificate(caBefore).publicKey)).toBe(true);
    expect((await stat(renewed.paths.serverKey)).mode & 0o777).toBe(0o600);
  });

  it('refuses names that are not host names or IP addresses', async () => {
    await expect(makeCertificateDirectory({ outDir: join(dir, 'bad'), hosts: ['not a host'], ips: ['1.2.3'], days: 30, force: false })).rejects.toThrow(
      /"not a host" is not a host name\n"1\.2\.3" is not an IP address/,
    );
  });
});

describe('a hub serving HTTPS', () => {
  it('answers over HTTPS to a client that trusts the authority, and fails verification for one that does not', async () => {
    expect(hub.origin).toBe(`https://127.0.0.1:${hub.port}`);
    const { status, body } = await httpsFetch(`${hub.origin}/healthz`);
    expect(status).toBe(200);
    expect(JSON.parse(body).ok).toBe(true);
    // A client with only the public authorities refuses the certificate: verification is really on above.
    const refused = await fetch(`${hub.origin}/healthz`).catch((error: Error) => error);
    expect((refused as Error & { cause?: { code?: string } }).cause?.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('sets a Secure, HttpOnly, SameSite=Strict session cookie on a login over HTTPS', async () => {
    const { status, headers } = await login(hub.origin, hub.origin, 'office');
    expect(status).toBe(200);
    const setCookie = headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/^muster_session=/);
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    const who = await httpsFetch(`${hub.origin}/api/session`, { headers: { Cookie: setCookie.split(';')[0]! } });
    expect(JSON.parse(who.body).user).toEqual({ username: 'office', role: 'office' });
  });

  it('keeps refusing writes from another origin over HTTPS', async () => {
    const { status, body } = await login(hub.origin, 'https://evil.example', 'office');
    expect(status).toBe(403);
    expect(JSON.parse(body).error.code).toBe('bad_origin');
  });

  it('welcomes a screen over wss://', async () => {
    const socket = new TestSocket(new WebSocket(`wss://127.0.0.1:${hub.port}/ws`, { headers: { Origin: hub.origin }, ca }));
    try {
      await socket.opened;
      socket.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId: 'main-1-east', token: screenToken('main-1-east'), lastSeq: 0, planVersion: null });
      const welcome = await socket.next('welcome');
      expect(welcome.type).toBe('welcome');
    } finally {
      socket.close();
    }
  });

  it('offers the authority found beside the certificate (as npm run cert leaves it) at /ca.crt', async () => {
    expect(hub.tls).toMatchObject({ source: 'files', change: null });
    const { status, headers, body } = await httpsFetch(`${hub.origin}/ca.crt`);
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(body).toBe(ca);
  });

  it('also serves plain HTTP on 127.0.0.1 for the hub machine itself, WebSocket included', async () => {
    expect(hub.localUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const local = hub.localUrl!;
    const health = await fetch(`${local}/healthz`);
    expect(health.status).toBe(200);
    expect((await health.json()).ok).toBe(true);
    // A login here is over plain HTTP, so its cookie cannot be Secure (browsers treat localhost as secure anyway).
    const response = await fetch(`${local}/api/session`, {
      method: 'POST',
      headers: { Origin: local, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'viewer', password: PASSWORDS.viewer }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).not.toMatch(/Secure/i);
    const screen = await TestSocket.screen(local, 'main-1-west');
    screen.close();
  });
});

describe('TLS settings at start', () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig({ MUSTER_DATA: join(dir, 'unused'), ...env });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('accept a matching certificate and key', () => {
    const config = loadConfig({ MUSTER_TLS_CERT: made.paths.serverCert, MUSTER_TLS_KEY: made.paths.serverKey, MUSTER_HTTPS_PORT: '9443' });
    expect(config.tlsCert).toBe(made.paths.serverCert);
    expect(config.tlsKey).toBe(made.paths.serverKey);
    expect(config.httpsPort).toBe(9443);
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ tls: 'auto', tlsCert: null, port: 8080, httpsPort: 8443, tlsNames: [] });
    expect(loadConfig({ MUSTER_TLS: 'off', MUSTER_TLS_NAMES: 'muster.school.lan, 10.0.0.5' })).toMatchObject({ tls: 'off', tlsNames: ['muster.school.lan', '10.0.0.5'] });
  });

  it('refuse a certificate without a key', () => {
    expect(problemsOf({ MUSTER_TLS_CERT: made.paths.serverCert })).toEqual([
      "tlsCert (MUSTER_TLS_CERT) is set but tlsKey (MUSTER_TLS_KEY) is not: set both to serve your own certificate, or neither for the hub's own",
    ]);
  });

  it('refuse settings that cannot work together, and the retired local port', () => {
    expect(problemsOf({ MUSTER_TLS: 'off', MUSTER_TLS_CERT: made.paths.serverCert, MUSTER_TLS_KEY: made.paths.serverKey })).toEqual([
      'tlsCert and tlsKey (MUSTER_TLS_CERT, MUSTER_TLS_KEY) are set but tls (MUSTER_TLS) is off: remove them, or set tls to auto to serve them',
    ]);
    expect(problemsOf({ MUSTER_TLS: 'sometimes', PORT: '9000', MUSTER_HTTPS_PORT: '9000', MUSTER_TLS_NAMES: 'ok.lan,not a name' })).toEqual([
      'tls: use auto or off',
      'tlsNames (MUSTER_TLS_NAMES): "not a name" is not a host name',
      'httpsPort (MUSTER_HTTPS_PORT): 9000 is also PORT, which serves plain HTTP to the hub machine; give HTTPS a port of its own',
    ]);
    expect(problemsOf({ MUSTER_HTTP_LOCAL_PORT: '8081' })).toEqual([
      'httpLocalPort (MUSTER_HTTP_LOCAL_PORT) is no longer used: with TLS, HTTPS is on httpsPort (MUSTER_HTTPS_PORT, default 8443) and plain HTTP for the hub machine on 127.0.0.1:port (PORT, default 8080); to keep kiosks on https://…:8080, set MUSTER_HTTPS_PORT=8080 and PORT=8081',
    ]);
  });

  it('refuse a missing file, naming the setting and the path', () => {
    const missing = join(dir, 'nowhere', 'server.crt');
    expect(problemsOf({ MUSTER_TLS_CERT: missing, MUSTER_TLS_KEY: made.paths.serverKey })).toEqual([`tlsCert (MUSTER_TLS_CERT): ${missing} does not exist`]);
  });

  it('refuse files that do not parse or do not belong together, listing every problem', () => {
    expect(problemsOf({ MUSTER_TLS_CERT: made.paths.serverKey, MUSTER_TLS_KEY: made.paths.serverCert })).toEqual([
      `tlsCert (MUSTER_TLS_CERT): ${made.paths.serverKey} is not a PEM certificate`,
      `tlsKey (MUSTER_TLS_KEY): ${made.paths.serverCert} is not an unencrypted PEM private key`,
    ]);
    expect(problemsOf({ MUSTER_TLS_CERT: made.paths.serverCert, MUSTER_TLS_KEY: made.paths.caKey })).toEqual([
      `tlsKey (MUSTER_TLS_KEY): ${made.paths.caKey} is not the private key of the certificate in ${made.paths.serverCert}`,
    ]);
  });
});
