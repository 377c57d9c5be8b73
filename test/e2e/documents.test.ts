// The document library end to end in real Chromium: an admin uploads a plan (a wrong type is refused in the form,
// a fake PDF by the hub, shown in the form), renames it, replaces its file and deletes it behind a confirm; the office console lists the
// plans in a collapsed section at the bottom that opens them in a new tab without moving the controls above it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { byTest, logInToConsole, textOf as textOfElement, typeInto as typeIntoField } from '../helpers/pages.ts';

let hub: TestHub;
let browser: TestBrowser;
let page: Page;
let admin: string;
let files: string;

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
  files = await mkdtemp(join(tmpdir(), 'muster-documents-'));
  await writeFile(join(files, 'evacuation-plan.pdf'), '%PDF-1.4\n1 0 obj <</Type/Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
  await writeFile(join(files, 'evacuation-procedure-2026.pdf'), '%PDF-1.4\n1 0 obj <</Type/Catalog/Revised true>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
  await writeFile(join(files, 'fake.pdf'), 'This is a text file with a .pdf name');
  await writeFile(join(files, 'notes.txt'), 'Some notes');
  browser = await launchBrowser();
  page = await browser.browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
  if (files) await rm(files, { recursive: true, force: true });
});

async function documentsOnHub(): Promise<{ id: string; title: string; category: string }[]> {
  return (await hub.api('/api/documents', { cookie: admin })).body.documents;
}

async function chooseFile(name: string): Promise<void> {
  const input = (await page.$(byTest('document-file'))) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(join(files, name));
}

const typeInto = (name: string, text: string) => typeIntoField(page, name, text);
const textOf = (name: string) => textOfElement(page, name);

describe('documents page', () => {
  it('says in the form what is missing or of the wrong type, and what the hub refuses', async () => {
    await logInToConsole(page, hub, 'admin', '/admin/');
    await page.click(byTest('nav-documents'));
    await page.waitForSelector(byTest('document-upload-form'));
    await page.click(byTest('document-submit'));
    await page.waitForSelector(byTest('document-title-problem'));
    expect(await textOf('document-category-problem')).toMatch(/choose a category/i);
    expect(await textOf('document-file-problem')).toMatch(/choose the file/i);

    await chooseFile('notes.txt');
    await page.waitForFunction((sel) => /not a PDF, PNG, JPEG or SVG/.test(document.querySelector(sel)?.textContent ?? ''), {}, byTest('document-file-problem'));

    await typeInto('document-title', 'Fake plan');
    await page.select(byTest('document-category'), 'emergency-plan');
    await chooseFile('fake.pdf');
    await page.click(byTest('document-submit'));
    await page.waitForSelector(byTest('document-upload-error'));
    expect(await textOf('document-upload-error')).toMatch(/not a PDF/);
    expect(await documentsOnHub()).toEqual([]);
  });

  it('uploads a plan, lists it under its category, renames it and deletes it after a confirm', async () => {
    await typeInto('document-title', 'Evacuation plan');
    await page.select(byTest('document-category'), 'emergency-plan');
    await chooseFile('evacuation-plan.pdf');
    await page.click(byTest('document-submit'));
    await page.waitForSelector(byTest('document-uploaded'));
    await page.waitForSelector(`${byTest('document-group-emergency-plan')} ${byTest('document-open')}`);
    expect(await page.$eval(`${byTest('document-group-emergency-plan')} ${byTest('document-open')}`, (el) => el.textContent)).toBe('Evacuation plan');
    const [stored] = await documentsOnHub();
    expect(stored).toMatchObject({ title: 'Evacuation plan', category: 'emergency-plan' });
    expect(await page.$eval(byTest('document-open'), (el) => [el.getAttribute('href'), el.getAttribute('target')])).toEqual([`/api/documents/${stored!.id}`, '_blank']);

    await page.click(byTest('document-rename'));
    await typeInto('document-rename-title', 'Evacuation procedure');
    await page.select(byTest('document-rename-category'), 'procedure');
    await page.click(byTest('document-rename-save'));
    await page.waitForSelector(`${byTest('document-group-procedure')} ${byTest('document-open')}`);
    expect(await page.$(byTest('document-group-emergency-plan'))).toBeNull();
    expect((await documentsOnHub())[0]).toMatchObject({ title: 'Evacuation procedure', category: 'procedure' });

    // A revised procedure: the same document with a new file (staff who must read it are asked again).
    const replacement = (await page.$(byTest('document-replace-file'))) as ElementHandle<HTMLInputElement>;
    await replacement.uploadFile(join(files, 'evacuation-procedure-2026.pdf'));
    await page.waitForSelector(byTest('document-replaced'));
    expect(await textOf('document-replaced')).toMatch(/Replaced with evacuation-procedure-2026\.pdf/);
    expect((await documentsOnHub())[0]).toMatchObject({ id: stored!.id, title: 'Evacuation procedure', originalName: 'evacuation-procedure-2026.pdf' });

    await page.click(byTest('document-delete'));
    await page.click(byTest('document-delete-cancel'));
    expect(await documentsOnHub()).toHaveLength(1);
    await page.click(byTest('document-delete'));
    await page.click(byTest('document-delete-confirm'));
    await page.waitForSelector(byTest('documents-empty'));
    expect(await documentsOnHub()).toEqual([]);
  });
});

describe('office console', () => {
  it('lists the plans in a collapsed section below the roll-call, opening them in a new tab', async () => {
    const pdf = await fetch(`${hub.origin}/api/documents?title=Lockdown%20procedure&category=procedure`, {
      method: 'POST',
      headers: { Origin: hub.origin, Cookie: admin, 'Content-Type': 'application/pdf' },
      body: '%PDF-1.4\n%%EOF\n',
    });
    expect(pdf.status).toBe(200);
    const office = await browser.browser.createBrowserContext();
    const tablet = await office.newPage();
    await tablet.setViewport({ width: 1024, height: 768 });
    await logInToConsole(tablet, hub, 'office');
    await tablet.waitForSelector(byTest('plans-and-procedures'));
    await tablet.waitForSelector(byTest('mode-button-lockdown'));
    const top = (selector: string) => tablet.$eval(selector, (el) => el.getBoundingClientRect().top + window.scrollY);
    const section = await top(byTest('plans-and-procedures'));
    const buttons = await top(byTest('mode-button-lockdown'));
    expect(section).toBeGreaterThan(buttons);
    expect(await tablet.$eval(byTest('plans-and-procedures'), (el) => (el as HTMLDetailsElement).open)).toBe(false);

    await tablet.click(`${byTest('plans-and-procedures')} summary`);
    await tablet.waitForSelector(byTest('office-document'));
    expect(await tablet.$eval(byTest('office-document'), (el) => [el.textContent, el.getAttribute('target')])).toEqual(['Lockdown procedure', '_blank']);
    expect(await top(byTest('mode-button-lockdown'))).toBe(buttons);
    await office.close();
  });
});
