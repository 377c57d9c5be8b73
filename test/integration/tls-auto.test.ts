// HTTPS by default: with tls: auto and no certificate of its own, the hub makes its authority and certificate in
// dataDir/tls/, keeps the authority for good, issues the certificate again only when needed, serves the network over
// HTTPS and the hub machine over plain HTTP on 127.0.0.1, and offers ca.crt and the kiosk set-up to anyone.
import { X509Certificate, createHash } from 'node:crypto';
import { readFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { ensureOwnCertificate } from '../../hub/tls/hub-certificate.ts';
import { startTestHub, type TestHub, screenToken } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

const NAME = 'muster.school.test';
let hub: TestHub;
let ca: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'muster-tls-auto-'));
  hub = await startTestHub({ overrides: { tls: 'auto', tlsNames: [NAME, '10.99.0.5'] } });
  ca = await readFile(join(hub.dataDir, 'tls', 'ca.crt'), 'utf8');
});
afterAll(async () => {
  await hub?.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** An HTTPS request to 127.0.0.1 that checks the certificate for `servername` against the hub's authority only. */
function httpsGet(url: string, servername = NAME) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = httpsRequest(url, { ca, servername }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a hub with tls: auto', () => {
  it('makes its authority and a certificate for the machine and the school names, keys readable only by the hub', async () => {
    const files = join(hub.dataDir, 'tls');
    const authority = new X509Certificate(ca);
    const server = new X509Certificate(await readFile(join(files, 'server.crt'), 'utf8'));
    expect(authority.ca).toBe(true);
    expect(server.checkIssued(authority) && server.verify(authority.publicKey)).toBe(true);
    const names = server.subjectAltName!.split(', ');
    for (const name of ['DNS:localhost', `DNS:${NAME}`, 'IP Address:127.0.0.1', 'IP Address:10.99.0.5']) expect(names).toContain(name);
    expect(server.publicKey.asymmetricKeyType).toBe('ec');
    for (const key of ['ca.key', 'server.key']) expect((await stat(join(files, key))).mode & 0o777).toBe(0o600);
    expect((await stat(files)).mode & 0o777).toBe(0o700);
    expect(hub.tls).toMatchObject({ source: 'own', networkName: NAME, change: { createdAuthority: true } });
  });

  it('serves HTTPS for the school name on its own port, and plain HTTP on 127.0.0.1 for the hub machine', async () => {
    expect(hub.url).toMatch(/^https:/);
    expect(hub.networkUrl).toBe(`https://${NAME}:${hub.port}`);
    const { status, body } = await httpsGet(`https://127.0.0.1:${hub.port}/healthz`);
    expect(status).toBe(200);
    expect(JSON.parse(body).ok).toBe(true);
    const wrongName = await httpsGet(`https://127.0.0.1:${hub.port}/healthz`, 'elsewhere.test').catch((error: Error & { code?: string }) => error.code);
    expect(wrongName).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(hub.localUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(hub.localUrl!).port).not.toBe(String(hub.port));
    expect((await fetch(`${hub.localUrl}/healthz`)).status).toBe(200);
  });

  it('welcomes a screen over wss:// by the school name', async () => {
    // ws hands `servername` on to tls.connect (its types do not list it): the certificate is checked for the school name.
    const options: WebSocket.ClientOptions & { servername: string } = { headers: { Origin: `https://${NAME}:${hub.port}`, Host: `${NAME}:${hub.port}` }, ca, servername: NAME };
    const socket = new TestSocket(new WebSocket(`wss://127.0.0.1:${hub.port}/ws`, options));
    try {
      await socket.opened;
      socket.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId: 'main-1-east', token: screenToken('main-1-east'), lastSeq: 0, planVersion: null });
      expect((await socket.next('welcome')).type).toBe('welcome');
    } finally {
      socket.close();
    }
  });

  it('gives anyone the authority at /ca.crt, over HTTPS and on the hub machine, as a certificate to install', async () => {
    const { status, headers, body } = await httpsGet(`https://127.0.0.1:${hub.port}/ca.crt`);
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(headers['content-disposition']).toBe('attachment; filename="muster-ca.crt"');
    expect(body).toBe(ca);
    expect(await (await fetch(`${hub.localUrl}/ca.crt`)).text()).toBe(ca);
  });

  it('shows the one-line kiosk set-up, with the hash of ca.crt, at /kiosk/, and serves the launcher files', async () => {
    const sha256 = createHash('sha256').update(ca).digest('hex');
    // On the hub machine the page names the school network's address; over HTTPS, the address it was opened on.
    const unescape = (html: string) => html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    const local = unescape(await (await fetch(`${hub.localUrl}/kiosk/`)).text());
    const network = `https://${NAME}:${hub.port}`;
    expect(local).toContain(`curl -fsSko muster-ca.crt ${network}/ca.crt && echo "${sha256}  muster-ca.crt" | sha256sum -c --quiet && `);
    expect(local).toContain(`bash -s -- --ca muster-ca.crt ${network}/screen/`);
    const overHttps = (await httpsGet(`https://127.0.0.1:${hub.port}/kiosk/`)).body;
    expect(overHttps).toContain(`https://127.0.0.1:${hub.port}/kiosk/install.sh`);
    const installer = await fetch(`${hub.localUrl}/kiosk/install.sh`);
    expect(installer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await installer.text()).toBe(await readFile('config/kiosk/install.sh', 'utf8'));
    expect((await fetch(`${hub.localUrl}/kiosk/muster-kiosk`)).status).toBe(200);
    expect((await fetch(`${hub.localUrl}/kiosk/muster-kiosk.service`)).status).toBe(200);
    expect((await fetch(`${hub.localUrl}/kiosk/..%2Fdefaults.json`)).status).toBe(404);
  });

  it('keeps its authority and certificate on a restart with the same names', async () => {
    const certificate = await readFile(join(hub.dataDir, 'tls', 'server.crt'), 'utf8');
    hub = await hub.restart();
    expect(hub.tls?.change).toEqual({ createdAuthority: false, issuedBecause: null });
    expect(await readFile(join(hub.dataDir, 'tls', 'ca.crt'), 'utf8')).toBe(ca);
    expect(await readFile(join(hub.dataDir, 'tls', 'server.crt'), 'utf8')).toBe(certificate);
    expect((await httpsGet(`https://127.0.0.1:${hub.port}/healthz`)).status).toBe(200);
  });
});

describe('the hub certificate', () => {
  const names = { dnsNames: ['localhost', NAME], ipAddresses: ['127.0.0.1'] };

  it('is issued again under the same authority when a name is added, or a month before it ends', async () => {
    const directory = join(dir, 'renewal');
    const first = await ensureOwnCertificate(directory, names);
    expect(first.change).toEqual({ createdAuthority: true, issuedBecause: 'new authority' });
    const fewer = await ensureOwnCertificate(directory, { dnsNames: [NAME], ipAddresses: [] });
    expect(fewer.change.issuedBecause).toBeNull();
    const more = await ensureOwnCertificate(directory, { ...names, ipAddresses: ['127.0.0.1', '192.168.7.7'] });
    expect(more.change).toEqual({ createdAuthority: false, issuedBecause: 'new names: 192.168.7.7' });
    expect(more.credentials.cert).not.toBe(first.credentials.cert);
    expect(more.authority.pem).toBe(first.authority.pem);
    const nearItsEnd = new Date(more.credentials.validTo.getTime() - 29 * 86_400_000);
    const renewed = await ensureOwnCertificate(directory, names, nearItsEnd);
    expect(renewed.change.issuedBecause).toMatch(/^the old one ended on /);
    expect(renewed.authority.pem).toBe(first.authority.pem);
  });

  it('is issued again when its key is lost, but a damaged authority stops the hub instead of being replaced', async () => {
    const directory = join(dir, 'damaged');
    const first = await ensureOwnCertificate(directory, names);
    await writeFile(join(directory, 'server.key'), 'not a key');
    expect((await ensureOwnCertificate(directory, names)).change.issuedBecause).toBe('the old one could not be read');
    await rm(join(directory, 'ca.key'));
    await expect(ensureOwnCertificate(directory, names)).rejects.toThrow(/ca\.crt exists without .*ca\.key: restore it/);
    expect(await readFile(join(directory, 'ca.crt'), 'utf8')).toBe(first.authority.pem);
  });

  it('is nothing at all with tls: off: plain HTTP, and /ca.crt says why there is none', async () => {
    const plain = await startTestHub();
    try {
      expect(plain.url).toMatch(/^http:/);
      expect(plain.tls).toBeNull();
      expect(plain.localUrl).toBeNull();
      const { status, body } = await plain.api('/ca.crt');
      expect(status).toBe(404);
      expect(body.error.message).toMatch(/plain HTTP \(tls: off\)/);
      expect((await plain.api('/kiosk/')).body).toMatch(/cannot cache the screen/);
    } finally {
      await plain.dispose();
    }
  });
});
