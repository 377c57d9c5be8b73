// Know your building (issue 14, item 1) in real Chromium: a staff member on a phone picks the room they work in,
// taps the wrong exit, is told so and shown the right route (the one the routing engine computes), goes through the
// other exercises, answers the evacuation right when it comes back, and completes; the admin's Training page then
// shows them current. No serious accessibility problem on either page. One hub and one browser for the whole file.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WayfindingSchema } from '../../shared/floor-plan.ts';
import { createRouter } from '../../shared/routing.ts';
import { seriousAccessibilityProblems } from '../helpers/axe.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { artefactsDir, byTest, logInToConsole, settle, textOf } from '../helpers/pages.ts';

const demo = WayfindingSchema.parse(JSON.parse(readFileSync(fileURLToPath(new URL('../../config/demo-wayfinding.json', import.meta.url)), 'utf8')));
/** The west end of the annex's hallway (rooms A1 and A2): two exits, the west doors much nearer. */
const PLACE = 'a1-hall-west';
const EVACUATE = `evacuate:${PLACE}`;
const shots = artefactsDir('training');

let hub: TestHub;
let browser: TestBrowser;
let phone: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  hub = await startTestHub();
  browser = await launchBrowser();
  phone = await browser.browser.newPage();
  await phone.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
});
afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

const shoot = async (page: Page, name: string) => {
  await settle(page);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
};
const currentExercise = () => phone.$eval(byTest('exercise'), (el) => el.getAttribute('data-exercise')!);
const verdict = async () => {
  await phone.waitForSelector(byTest('exercise-verdict'));
  return phone.$eval(byTest('exercise-verdict'), (el) => el.getAttribute('data-right') === 'true');
};
/** The answer the verdict marks as right: the point or the choice in its "right" state. */
const markedRight = () => phone.$eval('[data-state="right"]', (el) => el.getAttribute('data-test')!.replace(/^(point|choice)-/, ''));
/** Taps a point on the map (or a choice), then checks the answer. */
async function answer(kind: string, id: string): Promise<void> {
  await phone.tap(byTest(kind === 'mode' ? `choice-${id}` : `point-${id}`));
  await phone.waitForFunction((sel) => !(document.querySelector(sel) as HTMLButtonElement).disabled, {}, byTest('exercise-check'));
  await phone.tap(byTest('exercise-check'));
}

describe('know your building on a phone', () => {
  let nearestExit: string;
  let otherExit: string;

  it('lets a staff member pick the room they work in', async () => {
    await logInToConsole(phone, hub, 'staff', '/training/');
    await phone.waitForSelector(byTest('my-places'));
    expect(await textOf(phone, 'training-standing')).toMatch(/Not trained yet/);
    await phone.tap(byTest(`place-${PLACE}`));
    await phone.tap(byTest('places-save'));
    await phone.waitForSelector(byTest('exercise'));
    expect(await textOf(phone, 'chosen-places')).toBe('Annex hallway, west end: rooms A1, A2 and west doors');
    expect(await currentExercise()).toBe(EVACUATE);
  });

  it('says a wrong exit is wrong and draws the route to the nearest exit the routing engine computes', async () => {
    const staff = await hub.login('staff');
    const exercise = (await hub.api('/api/training', { cookie: staff })).body.exercises.find((e: { id: string }) => e.id === EVACUATE);
    const route = createRouter(demo).route(exercise.start, 'exit');
    if (!route.ok) throw new Error('the annex hallway has no route out');
    nearestExit = route.target.poi.id;
    otherExit = exercise.candidates.find((id: string) => id !== nearestExit);

    await shoot(phone, 'phone-2-evacuate');
    await answer('evacuate', otherExit);
    expect(await verdict()).toBe(false);
    expect(await textOf(phone, 'exercise-verdict')).toMatch(/Not the nearest: .* The nearest exit is .*follow the route drawn/);
    await phone.waitForSelector(byTest('exercise-route'));
    expect(await markedRight()).toBe(nearestExit);
    expect(await phone.$eval(byTest(`point-${otherExit}`), (el) => el.getAttribute('data-state'))).toBe('wrong');
    // The route drawn is the engine's: it ends at the nearest exit.
    const drawn = await phone.$eval(`${byTest('exercise-route')} polyline`, (el) => el.getAttribute('points')!);
    const end = route.path.at(-1)!.position;
    expect(drawn.trim().split(' ').at(-1)).toBe(`${end.x},${end.y}`);
    await shoot(phone, 'phone-3-wrong-with-route');
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
  });

  it('goes through the other exercises, asks the missed exit again, and completes', async () => {
    const rightAnswers = new Map<string, string>([[EVACUATE, nearestExit]]);
    await phone.tap(byTest('exercise-next'));
    let evacuateAgain = false;
    for (let step = 0; step < 40; step++) {
      const done = await phone.waitForSelector(`${byTest('exercise')}, ${byTest('training-done')}`);
      if ((await done!.evaluate((el) => el.getAttribute('data-test'))) === 'training-done') break;
      const id = await currentExercise();
      const kind = (await phone.$eval(byTest('exercise'), (el) => el.getAttribute('data-kind')))!;
      const first = kind === 'mode' ? 'a' : await phone.$eval('[data-test^="point-"]', (el) => el.getAttribute('data-test')!.slice('point-'.length));
      if (id === EVACUATE) evacuateAgain = true;
      await answer(kind, rightAnswers.get(id) ?? first);
      const right = await verdict();
      if (id === EVACUATE) {
        expect(right).toBe(true);
        await phone.waitForSelector(byTest('exercise-route'));
        expect(await textOf(phone, 'exercise-verdict')).toMatch(/^✓ Right: .*away\. Follow the route drawn\./);
        await shoot(phone, 'phone-5-right-with-route');
      }
      if (!right) rightAnswers.set(id, await markedRight());
      await phone.tap(byTest('exercise-next'));
    }
    expect(evacuateAgain).toBe(true);
    await phone.waitForSelector(byTest('training-done'));
    expect(await textOf(phone, 'training-done')).toMatch(/Training complete.*right the first time\. Your training is current until \d+ \w+ \d{4}\./);
    expect(await textOf(phone, 'training-standing')).toMatch(/You are trained: current until/);
    await shoot(phone, 'phone-6-done');
  });

  it('shows the staff member current on the admin’s Training page', async () => {
    // A browser of its own: the phone's is logged in as the staff member.
    const context = await browser.browser.createBrowserContext();
    const laptop = await context.newPage();
    await laptop.setViewport({ width: 1280, height: 800 });
    await logInToConsole(laptop, hub, 'admin', '/admin/');
    await laptop.click(byTest('nav-training'));
    await laptop.waitForSelector(byTest('training-row-staff'));
    expect(await laptop.$eval(byTest('training-row-staff'), (el) => el.getAttribute('data-state'))).toBe('current');
    expect(await laptop.$eval(`${byTest('training-row-staff')} ${byTest('training-status')}`, (el) => el.textContent)).toBe('Current');
    expect(await laptop.$eval(byTest('training-row-office'), (el) => el.getAttribute('data-state'))).toBe('never-started');
    expect(await textOf(laptop, 'training-counts')).toMatch(/^1 current · 0 due · \d+ never started/);
    expect(await seriousAccessibilityProblems(laptop)).toEqual([]);
    await laptop.bringToFront();
    await shoot(laptop, 'laptop-admin-training');
    await context.close();
  });
});
