// Integrations end to end in real Chromium (issue 13): an admin sets one up on the Integrations page and sees its
// secret once; the integration's signed Lockdown then shows in the office console and the drill reports as
// "by Raptor (integration)"; the admin changes what it may do.
import { createHmac, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { artefactsDir, byTest, logInToConsole, settle, textOf, typeInto } from '../helpers/pages.ts';

let hub: TestHub;
let browser: TestBrowser;
let page: Page;
let secret = '';
let integrationId = '';
const shots = artefactsDir('integrations');

beforeAll(async () => {
  hub = await startTestHub();
  browser = await launchBrowser();
  page = await browser.browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  await mkdir(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

async function shoot(name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 720],
    [800, 480],
  ] as const) {
    await page.setViewport({ width, height });
    await settle(page);
    await page.screenshot({ path: join(shots, `${name}-${width}x${height}.png`), fullPage: true });
  }
  await page.setViewport({ width: 1280, height: 720 });
}

describe('integrations page', () => {
  it('says what is missing at the field, then creates an integration and shows its secret once', async () => {
    await logInToConsole(page, hub, 'admin', '/admin/');
    await page.click(byTest('nav-integrations'));
    await page.waitForSelector(byTest('no-integrations'));

    await page.click(byTest('new-integration-submit'));
    await page.waitForSelector(byTest('new-integration-name-problem'));
    expect(await textOf(page, 'new-integration-auth-problem')).toMatch(/choose signature or bearer/i);

    await typeInto(page, 'new-integration-name', 'Raptor');
    await page.select(byTest('new-integration-auth'), 'signature');
    await page.click(byTest('new-integration-mode-lockdown'));
    await page.click(byTest('new-integration-mode-hold'));
    await shoot('new-form');
    await page.click(byTest('new-integration-submit'));

    await page.waitForSelector(byTest('new-secret-notice'));
    secret = await textOf(page, 'new-secret');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{44}$/);
    const url = await textOf(page, 'new-secret-url');
    integrationId = url.split('/').at(-2)!;
    expect(url).toBe(`${hub.origin}/api/integrations/${integrationId}/events`);
    expect(await textOf(page, 'integration-powers-Raptor')).toMatch(/Lockdown, Hold|Hold, Lockdown/);
    await shoot('secret-shown');

    await page.click(byTest('new-secret-done'));
    await page.waitForSelector(byTest('new-integration-form'));
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(secret);
    // Nor after a reload: the hub does not send it again.
    await page.reload();
    await page.waitForSelector(byTest('integration-row-Raptor'));
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(secret);
    expect(await textOf(page, 'integration-last-used-Raptor')).toBe('Never');
  });

  it('the office console shows a mode the integration started as "by Raptor (integration)"', async () => {
    const body = JSON.stringify({ type: 'start', mode: 'lockdown', scope: { kind: 'site' }, drill: true });
    const id = `msg_${randomUUID()}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${id}.${timestamp}.${body}`).digest('base64');
    const response = await fetch(`${hub.origin}/api/integrations/${integrationId}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` },
      body,
    });
    expect(response.status, await response.clone().text()).toBe(200);

    // A browser of its own, as the front office's tablet is: the admin's session stays on the other page.
    const tablet = await browser.browser.createBrowserContext();
    const office = await tablet.newPage();
    await office.setViewport({ width: 1280, height: 720 });
    await logInToConsole(office, hub, 'office');
    await office.waitForSelector(byTest('active-lockdown'));
    expect(await office.$eval(byTest('active-lockdown'), (el) => el.textContent)).toContain('by Raptor (integration)');
    await office.screenshot({ path: join(shots, 'office-console-1280x720.png') });
    await tablet.close();

    await page.bringToFront();
    await page.reload();
    await page.waitForSelector(byTest('integration-row-Raptor'));
    expect(await textOf(page, 'integration-last-used-Raptor')).not.toBe('Never');
    await shoot('after-event');

    await page.click(byTest('nav-drills'));
    await page.waitForSelector(byTest('drill-table'));
    expect(await textOf(page, 'drill-table')).toContain('Raptor (integration)');
    await page.click(byTest('nav-integrations'));
    await page.waitForSelector(byTest('integration-row-Raptor'));
  });

  it('changes what the integration may do in its Change dialog', async () => {
    await page.click(byTest('integration-change-Raptor'));
    await page.waitForSelector(byTest('change-integration-dialog'));
    await page.click(byTest('change-integration-drill-only'));
    await typeInto(page, 'change-integration-addresses', '10.20.0.0/16 not-an-address');
    await page.click(byTest('change-integration-save'));
    await page.waitForSelector(byTest('change-integration-allowedAddresses-problem'));
    await shoot('change-dialog');
    await typeInto(page, 'change-integration-addresses', '10.20.0.0/16');
    await page.click(byTest('change-integration-save'));
    await page.waitForSelector(byTest('change-integration-dialog'), { hidden: true });
    expect(await textOf(page, 'integration-powers-Raptor')).toMatch(/drills only.*From 10\.20\.0\.0\/16/s);
    const { body } = await hub.api('/api/integrations', { cookie: await hub.login('admin') });
    expect(body.integrations[0]).toMatchObject({ drillOnly: true, allowedAddresses: ['10.20.0.0/16'] });
  });

  it('sends a test event through it from the admin console and shows each step, changing no screen', async () => {
    const seqBefore = (await hub.api('/api/state', { cookie: await hub.login('office') })).body.state.seq;
    await page.click(byTest('integration-test-Raptor'));
    await page.waitForSelector(byTest('integration-test-result-Raptor'));
    const result = await textOf(page, 'integration-test-result-Raptor');
    expect(result).toMatch(/^Test came through in \d+ ms/);
    expect(result).toContain('Signature: signed with the secret Muster keeps');
    expect(result).toContain('Screens: no screen changed');
    await shoot('test-sent');
    expect((await hub.api('/api/state', { cookie: await hub.login('office') })).body.state.seq).toBe(seqBefore);
  });

  it('tells it of each change at the address set in its Change dialog, and shows the deliveries', async () => {
    const received: string[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(body);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/muster`;
      await page.click(byTest('integration-change-Raptor'));
      await page.waitForSelector(byTest('change-integration-dialog'));
      await typeInto(page, 'change-integration-outbound-url', url);
      await page.click(byTest('change-integration-save'));
      await page.waitForSelector(byTest('change-integration-dialog'), { hidden: true });
      expect(await textOf(page, 'integration-powers-Raptor')).toContain(`Told of every change at ${url}`);

      const office = await hub.login('office');
      expect((await hub.api('/api/modes', { cookie: office, body: { mode: 'hold', scope: { kind: 'site' }, drill: true } })).status).toBe(200);
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
      expect(JSON.parse(received[0]!)).toMatchObject({ type: 'mode.started', data: { mode: { mode: 'hold' } } });

      await page.click(byTest('integration-deliveries-Raptor'));
      await page.waitForSelector(byTest('deliveries-table'));
      expect(await textOf(page, 'deliveries-table')).toMatch(/Mode started \(seq \d+\).*1\s*Delivered/s);
      await shoot('deliveries');
      await page.keyboard.press('Escape');
      await page.waitForSelector(byTest('deliveries-dialog'), { hidden: true });
      await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: true } });
    } finally {
      await new Promise((done) => receiver.close(done));
    }
  });
});
