// Accessibility in real Chromium (issue 10, item 8): axe-core finds no serious or critical WCAG problem on the wall
// screen in its normal view and in every mode, drill and real, at a large and a small size; on the pairing screen;
// on the login page; on the office console with its dialogs, an active mode and the hazard map; and on every admin
// page with its forms open. No axe rule is turned off.
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'puppeteer-core';
import type { EmergencyModeId } from '../../shared/model.ts';
import { seriousAccessibilityProblems } from '../helpers/axe.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { screenPath, startTestHub, type TestHub } from '../helpers/hub.ts';
import { artefactsDir, byTest, inScreen, logInToConsole, waitForScreen } from '../helpers/pages.ts';

// A hallway screen with a floor map: its normal view draws the route panel and Evacuate draws the route.
const SCREEN = 'main-1-east';
const EVACUATE_ROUTE = 'exit-east-doors';
/** A wall screen in a hallway and a small one (a 7-inch panel), where the takeover's text is at its smallest. */
const SCREEN_SIZES = [
  { width: 1920, height: 1080 },
  { width: 800, height: 480 },
];
/** Every mode with what it needs to start; Shelter twice, as its steps differ by hazard and strategy. */
const MODES: { mode: EmergencyModeId; destination?: string; hazard?: string; strategy?: string }[] = [
  { mode: 'hold' },
  { mode: 'secure' },
  { mode: 'lockdown' },
  { mode: 'evacuate', destination: 'North athletic field' },
  { mode: 'shelter', hazard: 'tornado' },
  { mode: 'shelter', hazard: 'hazmat', strategy: 'seal-the-room' },
];

let hub: TestHub;
let browser: TestBrowser;
let officeCookie: string;
/** One browser; a context of its own per person, so the screen, the office and the admin keep their own sessions. */
const contexts: BrowserContext[] = [];

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.browser.createBrowserContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.setViewport(viewport);
  return page;
}

const expectNoSeriousProblems = async (page: Page) => expect(await seriousAccessibilityProblems(page)).toEqual([]);

/** The screen's problems at each size, each line starting with the size it was found at. */
async function problemsAtEverySize(screen: Page): Promise<string[]> {
  const problems: string[] = [];
  for (const size of SCREEN_SIZES) {
    await screen.setViewport(size);
    // Two animation frames: what the resize changes has been laid out and painted.
    await screen.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    for (const problem of await seriousAccessibilityProblems(screen)) problems.push(`${size.width}×${size.height}: ${problem}`);
  }
  return problems;
}

beforeAll(async () => {
  hub = await startTestHub();
  browser = await launchBrowser();
  officeCookie = await hub.login('office');
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

describe('the wall screen', () => {
  let screen: Page;

  beforeAll(async () => {
    screen = await newPage(SCREEN_SIZES[0]!);
    await screen.goto(`${hub.origin}${screenPath(SCREEN)}`);
    await waitForScreen(screen, { mode: 'normal', connection: 'open' });
  });

  it('has no serious problem in its normal view', async () => {
    expect(await problemsAtEverySize(screen)).toEqual([]);
  });

  for (const drill of [true, false]) {
    for (const start of MODES) {
      const name = `${start.mode}${start.hazard ? ` (${start.hazard})` : ''}, ${drill ? 'drill' : 'real'}`;
      it(`has no serious problem in ${name}`, async () => {
        const started = await hub.api('/api/modes', { cookie: officeCookie, body: { ...start, scope: { kind: 'site' }, drill } });
        expect(started.status).toBe(200);
        await waitForScreen(screen, { mode: start.mode, drill: String(drill), ...(start.mode === 'evacuate' ? { route: EVACUATE_ROUTE } : {}) });
        await screen.waitForSelector(inScreen('takeover'));
        const problems = await problemsAtEverySize(screen);
        // All Clear before judging, so a failure here leaves the next mode's test a screen in normal times.
        const cleared = await hub.api('/api/all-clear', { cookie: officeCookie, body: { scope: { kind: 'site' }, drill } });
        expect(cleared.status).toBe(200);
        await waitForScreen(screen, { mode: 'normal' });
        expect(problems).toEqual([]);
      });
    }
  }
});

describe('before logging in', () => {
  it('has no serious problem on the pairing screen of a screen with no identity yet', async () => {
    const fresh = await newPage(SCREEN_SIZES[0]!);
    const said: string[] = [];
    fresh.on('console', (message) => said.push(`${message.type()}: ${message.text()}`));
    await fresh.goto(`${hub.origin}/screen/`);
    // It failed once in CI (and twice here, then not in 20 runs), with no code after 30 s: say what the page showed.
    await fresh.waitForSelector(`muster-pairing >>> ${byTest('pairing-code')}`).catch(async (error: Error) => {
      const shown = await fresh.evaluate(() => document.querySelector('muster-pairing')?.shadowRoot?.textContent?.trim() ?? document.body.textContent?.trim());
      throw new Error(`${error.message}; the page showed "${shown}"; its console: ${said.join(' | ') || 'nothing'}`);
    });
    await expectNoSeriousProblems(fresh);
  });

  it('has no serious problem on the login page, empty and after a wrong password', async () => {
    const visitor = await newPage({ width: 1280, height: 800 });
    await visitor.goto(`${hub.origin}/console/`);
    await visitor.waitForSelector(byTest('login-username'));
    await expectNoSeriousProblems(visitor);
    await visitor.type(byTest('login-username'), 'office');
    await visitor.type(byTest('login-password'), 'not the password');
    await visitor.click(byTest('login-submit'));
    await visitor.waitForSelector(byTest('login-error'));
    await expectNoSeriousProblems(visitor);
  });
});

describe('the office console', () => {
  let office: Page;

  beforeAll(async () => {
    office = await newPage({ width: 1280, height: 800 });
    await logInToConsole(office, hub, 'office');
    await office.waitForSelector(byTest('no-active-mode'));
  });

  it('has no serious problem in normal times, with the drills standing, the plans and procedures and the account panel open', async () => {
    // Held to a state's rules, the console says where each building stands (issue 14); it reads that once opened.
    expect((await hub.api('/api/compliance', { method: 'PUT', cookie: await hub.login('admin'), body: { ruleSetId: 'us-ny' } })).status).toBe(200);
    await office.reload();
    await office.waitForSelector(`${byTest('drill-compliance')} li`, { timeout: 10_000 });
    expect(await office.$eval(byTest('drill-compliance'), (el) => el.textContent)).toMatch(/\(New York\)Main Building: (on track; next|behind): \d+ /);
    await expectNoSeriousProblems(office);
    await office.click(`${byTest('plans-and-procedures')} summary`);
    await office.click(byTest('open-account'));
    await office.waitForSelector(byTest('account-panel'));
    await expectNoSeriousProblems(office);
    await office.click(byTest('close-account'));
  });

  it('has no serious problem in the Start dialog of each mode', async () => {
    const problems: string[] = [];
    for (const mode of ['lockdown', 'evacuate', 'shelter'] as const) {
      await office.click(byTest(`mode-button-${mode}`));
      await office.waitForSelector(`${byTest('confirm-panel')}[open]`);
      for (const problem of await seriousAccessibilityProblems(office)) problems.push(`${mode}: ${problem}`);
      await office.keyboard.press('Escape');
      await office.waitForSelector(byTest('confirm-panel'), { hidden: true });
    }
    expect(problems).toEqual([]);
  });

  it('has no serious problem during an Evacuate, with the hazard map, a marked hazard and the All Clear dialog', async () => {
    const started = await hub.api('/api/modes', { cookie: officeCookie, body: { mode: 'evacuate', scope: { kind: 'site' }, drill: true, destination: 'North athletic field' } });
    expect(started.status).toBe(200);
    await office.waitForSelector(`${byTest('hazard-panel')} ${byTest('hazard-area-m1-east-hall-end')}`);
    await office.click(byTest('hazard-area-m1-east-hall-end'));
    await office.waitForSelector(`${byTest('hazard-area-m1-east-hall-end')}[aria-pressed="true"]`);
    await expectNoSeriousProblems(office);

    await office.click(byTest('all-clear-site'));
    await office.waitForSelector(`${byTest('all-clear-panel')}[open]`);
    await expectNoSeriousProblems(office);
    await office.click(byTest('confirm-all-clear'));
    await office.waitForSelector(byTest('no-active-mode'));
  });
});

describe('the admin console', () => {
  let admin: Page;

  beforeAll(async () => {
    admin = await newPage({ width: 1280, height: 800 });
    await logInToConsole(admin, hub, 'admin', '/admin/');
  });

  /** Go to a page by its navigation link, as a person would, and wait for what shows it has loaded. */
  async function openPage(name: string, loaded: string): Promise<void> {
    await admin.click(byTest(`nav-${name}`));
    await admin.waitForSelector(loaded, { visible: true });
  }

  it('has no serious problem on the site page', async () => {
    await openPage('site', byTest('site-name'));
    await expectNoSeriousProblems(admin);
  });

  it('has no serious problem on the screens page, with the pairing form and a screen preview open', async () => {
    await openPage('screens', byTest('screens-table'));
    await admin.click(`${byTest('pair-panel')} summary`);
    await admin.click(byTest(`preview-${SCREEN}`));
    const frame = (await (await admin.waitForSelector(byTest('screen-preview-frame')))!.contentFrame())!;
    await frame.waitForFunction(() => !!document.querySelector('muster-preview')?.shadowRoot?.querySelector('muster-screen')?.hasAttribute('data-mode'), { timeout: 10_000 });
    await expectNoSeriousProblems(admin);
  });

  it('has no serious problem in the floor plan editor, with a point selected', async () => {
    await openPage('floor-plans', byTest('plan-canvas'));
    await expectNoSeriousProblems(admin);
    await admin.click(byTest('tool-select'));
    await admin.click(byTest('poi-aed-front-office'));
    await admin.waitForSelector(`${byTest('poi-form')}[data-poi="aed-front-office"]`);
    await expectNoSeriousProblems(admin);
  });

  it('has no serious problem on the content page, with a new slide being written', async () => {
    await openPage('content', byTest('content-add-kind'));
    await expectNoSeriousProblems(admin);
    await admin.select(byTest('content-add-kind'), 'announcement');
    await admin.click(byTest('content-add'));
    await admin.waitForSelector(byTest('slide-problems'));
    await expectNoSeriousProblems(admin);
  });

  it('has no serious problem on the documents page, with the upload form showing its problems', async () => {
    await openPage('documents', byTest('document-upload-form'));
    await admin.click(byTest('document-submit'));
    await admin.waitForSelector(byTest('document-title-problem'));
    await expectNoSeriousProblems(admin);
  });

  it('has no serious problem on the users page, with the new-user form showing its problems', async () => {
    await openPage('users', byTest('users-table'));
    await admin.click(byTest('new-user-submit'));
    await admin.waitForSelector(byTest('new-user-username-problem'));
    await expectNoSeriousProblems(admin);
  });

  it('has no serious problem on the integrations page, with the new-integration form showing its problems', async () => {
    await openPage('integrations', byTest('new-integration-form'));
    await admin.click(byTest('new-integration-submit'));
    await admin.waitForSelector(byTest('new-integration-name-problem'));
    await expectNoSeriousProblems(admin);
  });

  it('has no serious problem on the mode instructions page and its preview', async () => {
    await openPage('modes', byTest('wordings-directive'));
    const preview = (await (await admin.$(byTest('wordings-preview')))!.contentFrame())!;
    await preview.waitForFunction(() => !!document.querySelector('muster-preview')?.shadowRoot?.querySelector('screen-mode-takeover'), { timeout: 10_000 });
    await expectNoSeriousProblems(admin);
  });

  it('has no serious problem on the drill reports page and in a drill report', async () => {
    // The screen's tests above ran a drill of each mode, so there are reports to list and open.
    await openPage('drills', byTest('drill-table'));
    // Held to a state's rules, each building says where it stands (issue 14): the drills above count.
    await admin.select(byTest('compliance-rule-set'), 'us-mi');
    // New York's four rules (chosen above) show until the hub has saved Michigan's seven.
    await admin.waitForFunction((rows) => document.querySelectorAll(rows).length === 7, {}, `${byTest('compliance-main')} tbody tr`);
    expect(await admin.$eval(`${byTest('compliance-main')} ${byTest('compliance-summary')}`, (el) => el.textContent)).toMatch(/^(on track; next: |behind: |every drill done)/);
    // A drill planned for today, in the main building at 10:00, is in the calendar (and the office console's reminder).
    await admin.select(byTest('schedule-kind'), 'lockdown');
    await admin.select(byTest('schedule-building'), 'main');
    await admin.$eval(byTest('schedule-time'), (input) => {
      (input as HTMLInputElement).value = '10:00';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await admin.type(byTest('schedule-note'), 'Period 2, with the police');
    await admin.click(byTest('schedule-add'));
    await admin.waitForSelector(byTest('scheduled-drill'));
    expect(await admin.$eval(byTest('scheduled-drill'), (row) => row.textContent)).toMatch(/Lockdown drill, Main Building, (today|\d+ \w+) at 10:00 · Period 2, with the police/);
    await mkdir(artefactsDir('accessibility'), { recursive: true });
    await admin.screenshot({ path: `${artefactsDir('accessibility')}/admin-drill-compliance.png`, fullPage: true });
    await expectNoSeriousProblems(admin);
    await admin.click('[data-test^="open-report-"]');
    await admin.waitForSelector(byTest('report-screens'));
    await expectNoSeriousProblems(admin);
  });

  it('has no serious problem on the audit log', async () => {
    await openPage('audit', byTest('audit-filters'));
    await admin.waitForSelector(byTest('audit-row'));
    await expectNoSeriousProblems(admin);
  });

  it('has no serious problem on the account page', async () => {
    await admin.click(byTest('open-account'));
    await admin.waitForSelector(byTest('account-page'));
    await expectNoSeriousProblems(admin);
  });
});
