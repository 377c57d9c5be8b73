// Readiness sweeps: a facility manager starts one for the site, a building or a floor; each screen in it shows its
// own code for a while; the manager walks from screen to screen with a phone, types each code, checks what the screen
// shows (and sounds its test tone), and records it as fine or says what is wrong. The codes end with the sweep (its
// time runs out, or the manager ends it). Everything a sweep sends a screen goes to that one screen's socket: none of
// it is on the path that fans out a mode, and a screen in a mode shows no code and sounds no test tone.
import { randomBytes } from 'node:crypto';
import { distanceInWords } from '../../shared/distances.ts';
import type { ModeId, Screen, Site } from '../../shared/model.ts';
import type { SoundHealth } from '../../shared/protocol.ts';
import { createRouter, type Router } from '../../shared/routing.ts';
import { failedChecksInWords, type StartSweep, type SweepFinding } from '../../shared/sweep.ts';
import { nameIn } from '../../shared/translations.ts';
import { ApiError } from '../api-error.ts';
import type { BuildingPlans } from '../domain/building-plans.ts';
import type { Actor } from '../domain/actor.ts';
import { auditRecorder } from '../domain/change-kit.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';
import type { AuditLog } from '../store/audit-log.ts';
import { StorageError, type JsonDocument } from '../store/json-document.ts';
import type { Store } from '../store/store.ts';
import { schoolTimestamp } from '../reports/school-clock.ts';
import { isWellFormedSweepCode, newSweepCode, normalizeSweepCode, SWEEP_CODE_LENGTH } from './sweep-codes.ts';
import type { RunningSweep, SweepFile, SweepResult } from './sweep-file.ts';

export interface ReadinessSweepDeps {
  file: JsonDocument<SweepFile>;
  store: Store;
  audit: AuditLog;
  realtime: Pick<RealtimeHub, 'sendSweepCode' | 'commandScreen' | 'screenHealth'>;
  plans: BuildingPlans;
  now?: () => number;
}

/** A running sweep as the admin console lists it. */
export interface SweepSummary {
  id: string;
  buildingId: string | null;
  floorId: string | null;
  /** "Whole school", "Main Building", "Main Building, Floor 2". */
  scopeName: string;
  startedBy: string;
  startedAt: string;
  endsAt: string;
  screens: number;
  /** Screens of this sweep with a finding recorded. */
  checked: number;
}

/** What the phone shows once a code is entered: the screen, what it should show, and its last finding. */
export interface SweptScreen {
  sweepId: string;
  code: string;
  screen: { id: string; name: string; location: string; buildingName: string; floorName: string };
  /** In contact now; its sound as it last said; whether it is set to sound at all; the mode it must show now. */
  online: boolean;
  sound: SoundHealth | null;
  soundOn: boolean;
  mode: ModeId;
  /** The exit the route search gives for the screen, as the screen names it; or why there is none. */
  /** `distance` in the school's units, as the screen words it ("180 ft"). */
  nearestExit: { name: string; floorName: string; distance: string } | { problem: string };
  /** Which way readers of the screen face, in degrees clockwise from map up (the map is turned so this is up); null when not placed. */
  facingDegrees: number | null;
  last: SweepResult | null;
}

/** Codes sent per turn of the event loop: a sweep of 10,000 screens never holds up a mode change for long. */
const SENDS_PER_TURN = 250;

/** Calls `send` for each item, a batch per turn of the event loop, so a Lockdown started meanwhile goes out first. */
async function inTurns<T>(items: readonly T[], send: (item: T) => void): Promise<void> {
  for (let start = 0; start < items.length; start += SENDS_PER_TURN) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const item of items.slice(start, start + SENDS_PER_TURN)) send(item);
  }
}

export function createReadinessSweeps({ file, store, audit, realtime, plans, now = Date.now }: ReadinessSweepDeps) {
  const record = auditRecorder(audit, () => new Date(now()));
  /** A sweep whose time ran out is ended by the hub itself. */
  const recordSystem = (detail: string) =>
    audit
      .append({ at: new Date(now()).toISOString(), who: 'system', role: 'system', from: 'hub', action: 'screen.sweep-ended', detail })
      .catch((error: Error) => console.error(`AUDIT LOG WRITE FAILED for screen.sweep-ended (${detail}): ${error.message}`));
  const write = async <T>(mutate: (draft: SweepFile) => T): Promise<T> => {
    try {
      return await file.update(mutate);
    } catch (error) {
      if (error instanceof StorageError) throw new ApiError('storage_failed', 'The sweep could not be saved, so nothing changed.');
      throw error;
    }
  };

  // Which screen shows which code, rebuilt whenever the file's list of running sweeps changes.
  let indexed: readonly RunningSweep[] | null = null;
  let byCode = new Map<string, { sweep: RunningSweep; screenId: string }>();
  let byScreen = new Map<string, { sweep: RunningSweep; code: string }>();
  const index = () => {
    if (file.data.running === indexed) return;
    indexed = file.data.running;
    byCode = new Map(indexed.flatMap((sweep) => sweep.codes.map(({ screenId, code }) => [code, { sweep, screenId }] as const)));
    byScreen = new Map(indexed.flatMap((sweep) => sweep.codes.map(({ screenId, code }) => [screenId, { sweep, code }] as const)));
  };
  const current = (sweep: RunningSweep) => Date.parse(sweep.endsAt) > now();

  // One router per building plan version: the exit for a screen is found as the screen itself finds it.
  const routers = new Map<string, { version: string; router: Router }>();
  const routerFor = (buildingId: string) => {
    const plan = plans.forBuilding(buildingId);
    if (!plan) return null;
    let cached = routers.get(buildingId);
    if (cached?.version !== plan.version) {
      cached = { version: plan.version, router: createRouter(plan.wayfinding) };
      routers.set(buildingId, cached);
    }
    return { plan, router: cached.router };
  };

  let timer: NodeJS.Timeout | undefined;
  /** Wakes when the next sweep's time runs out. */
  const arm = () => {
    clearTimeout(timer);
    const next = Math.min(...file.data.running.map((sweep) => Date.parse(sweep.endsAt)));
    if (!Number.isFinite(next)) return;
    timer = setTimeout(() => void expire().catch((error: Error) => console.error('Could not end a readiness sweep:', error.message)), Math.max(0, next - now()) + 50);
    timer.unref();
  };

  const checkedIn = (sweep: RunningSweep) => file.data.results.filter((result) => result.sweepId === sweep.id).length;

  /** Ends these sweeps: their screens stop showing codes. `actor` null: their time ran out. */
  async function finish(ended: RunningSweep[], actor: Actor | null): Promise<void> {
    const gone = new Set(ended.map((sweep) => sweep.id));
    await write((draft) => void (draft.running = draft.running.filter((sweep) => !gone.has(sweep.id))));
    for (const sweep of ended) {
      await inTurns(sweep.codes, ({ screenId }) => realtime.sendSweepCode(screenId, null, 0));
      const detail = `${scopeNameOf(sweep, store.data.site)}: ${actor ? 'ended early' : 'its time ran out'}; ${checkedIn(sweep)} of ${sweep.codes.length} screens checked`;
      await (actor ? record(actor, 'screen.sweep-ended', detail) : recordSystem(detail));
    }
    arm();
  }

  async function expire(): Promise<void> {
    const ended = file.data.running.filter((sweep) => !current(sweep));
    if (ended.length > 0) await finish(ended, null);
    else arm();
  }

  /** The sweep and screen behind a code someone typed, or a clear refusal. */
  function screenOf(typed: string): { sweep: RunningSweep; screen: Screen; code: string } {
    const code = normalizeSweepCode(typed);
    if (!isWellFormedSweepCode(code)) {
      throw new ApiError('bad_request', `“${typed.trim()}” is not a sweep code: codes are ${SWEEP_CODE_LENGTH} letters and digits, such as K7M4Q. Check each character against the screen.`);
    }
    index();
    const found = byCode.get(code);
    if (!found || !current(found.sweep)) throw new ApiError('not_found', `No screen shows the code ${code} now. Its sweep may have ended: check the screen, or start a new sweep.`);
    const screen = store.data.site.screens.find((s) => s.id === found.screenId);
    if (!screen) throw new ApiError('not_found', `The screen that showed ${code} is no longer on the site.`);
    return { sweep: found.sweep, screen, code };
  }

  arm();

  return {
    /** The code this screen shows now and for how much longer (for a screen that reconnects); null when none. */
    codeFor(screenId: string): { code: string; forMs: number } | null {
      index();
      const found = byScreen.get(screenId);
      if (!found || !current(found.sweep)) return null;
      return { code: found.code, forMs: Date.parse(found.sweep.endsAt) - now() };
    },

    /** The running sweeps, and the last finding at every screen on the site. */
    overview(): { running: SweepSummary[]; results: SweepResult[] } {
      const site = store.data.site;
      const onSite = new Set(site.screens.map((s) => s.id));
      return {
        running: file.data.running.filter(current).map((sweep) => summary(sweep, site, checkedIn(sweep))),
        results: file.data.results.filter((result) => onSite.has(result.screenId)),
      };
    },

    async start(request: StartSweep, actor: Actor): Promise<SweepSummary> {
      const site = store.data.site;
      const building = request.buildingId === null ? null : site.buildings.find((b) => b.id === request.buildingId);
      if (building === undefined) throw new ApiError('unknown_scope', `There is no building “${request.buildingId}” on this site.`);
      if (request.floorId !== null && !building?.floors.some((f) => f.id === request.floorId)) {
        throw new ApiError('unknown_scope', building ? `${building.name} has no floor “${request.floorId}”.` : 'Choose the building of the floor to sweep.');
      }
      const screens = site.screens.filter((s) => (building === null || s.buildingId === building.id) && (request.floorId === null || s.floorId === request.floorId));
      const scope = { buildingId: building?.id ?? null, floorId: request.floorId };
      if (screens.length === 0) throw new ApiError('bad_request', `${scopeNameOf(scope, site)} has no screens to sweep.`);
      index();
      const busy = screens.map((s) => byScreen.get(s.id)).find((found) => found && current(found.sweep));
      if (busy) {
        throw new ApiError(
          'conflict',
          `${busy.sweep.startedBy} is sweeping ${scopeNameOf(busy.sweep, site)} until ${schoolTimestamp(Date.parse(busy.sweep.endsAt), site.timeZone).slice(11, 16)}, which includes some of these screens: enter their codes in that sweep, or end it first.`,
        );
      }
      const taken = new Set(byCode.keys());
      const codes = screens.map((s) => {
        const code = newSweepCode(taken);
        taken.add(code);
        return { screenId: s.id, code };
      });
      const startedAt = now();
      const sweep: RunningSweep = {
        id: randomBytes(6).toString('hex'),
        ...scope,
        startedBy: actor.username,
        startedAt: new Date(startedAt).toISOString(),
        endsAt: new Date(startedAt + request.minutes * 60_000).toISOString(),
        codes,
      };
      await write((draft) => void (draft.running = [...draft.running.filter(current), sweep]));
      await inTurns(codes, ({ screenId, code }) => realtime.sendSweepCode(screenId, code, request.minutes * 60_000));
      arm();
      await record(actor, 'screen.sweep-started', `${scopeNameOf(sweep, site)}, ${codes.length} screens, for ${request.minutes} minutes`);
      return summary(sweep, site, 0);
    },

    async end(sweepId: string, actor: Actor): Promise<void> {
      const sweep = file.data.running.find((s) => s.id === sweepId && current(s));
      if (!sweep) throw new ApiError('not_found', 'That sweep has already ended.');
      await finish([sweep], actor);
    },

    /** The screen showing this code, with what the manager should see on it. */
    find(typed: string): SweptScreen {
      const { sweep, screen, code } = screenOf(typed);
      const site = store.data.site;
      const building = site.buildings.find((b) => b.id === screen.buildingId);
      const floor = building?.floors.find((f) => f.id === screen.floorId);
      const health = realtime.screenHealth(screen.id);
      const routing = routerFor(screen.buildingId);
      const spot = routing?.plan.wayfinding.screens.find((s) => s.screenId === screen.id);
      let nearestExit: SweptScreen['nearestExit'];
      if (!routing || !spot) nearestExit = { problem: 'The screen is not placed on a floor plan, so it shows no exit: place it in Floor plans.' };
      else {
        const route = routing.router.route({ floorId: screen.floorId, position: spot.position, facingDegrees: spot.facingDegrees }, 'exit', store.data.modeState.hazards);
        const exitFloor = route.ok ? building?.floors.find((f) => f.id === route.target.floorId) : undefined;
        nearestExit = route.ok
          ? { name: nameIn(route.target.poi, screen.language), floorName: exitFloor?.name ?? route.target.floorId, distance: distanceInWords(route.metres, site.units) }
          : { problem: 'The route search finds no way from this screen to an exit: check its floor plan.' };
      }
      return {
        sweepId: sweep.id,
        code,
        screen: { id: screen.id, name: screen.name, location: screen.location, buildingName: building?.name ?? screen.buildingId, floorName: floor?.name ?? screen.floorId },
        online: health?.online ?? false,
        sound: health?.sound ?? null,
        soundOn: screen.sound !== false,
        mode: health?.mode ?? 'normal',
        nearestExit,
        facingDegrees: spot?.facingDegrees ?? null,
        last: file.data.results.find((result) => result.screenId === screen.id) ?? null,
      };
    },

    /** The screen showing this code sounds its test tone now. */
    testTone(typed: string): void {
      const { screen } = screenOf(typed);
      const health = realtime.screenHealth(screen.id);
      // A tone over a Lockdown (or any mode) could give people away or confuse them: never.
      if (health && health.mode !== 'normal') throw new ApiError('conflict', `“${screen.name}” shows an emergency mode now: no test tone until the All Clear.`);
      if (screen.sound === false) throw new ApiError('conflict', `“${screen.name}” is set to stay silent (Screens: Unmute), so it sounds no tones.`);
      if (!realtime.commandScreen(screen.id, 'test-tone')) throw new ApiError('conflict', `“${screen.name}” is offline, so it cannot sound its test tone.`);
    },

    /** What the manager found at the screen showing this code (replacing an earlier finding of the same sweep). */
    async record(typed: string, finding: SweepFinding, actor: Actor): Promise<SweepResult> {
      const { sweep, screen } = screenOf(typed);
      const result: SweepResult = { screenId: screen.id, sweepId: sweep.id, at: new Date(now()).toISOString(), by: actor.username, failed: finding.failed, note: finding.note };
      await write((draft) => void (draft.results = [...draft.results.filter((r) => r.screenId !== screen.id), result]));
      const found = result.failed.length === 0 ? 'all checks passed' : `problem: ${failedChecksInWords(result.failed)}`;
      await record(actor, 'screen.swept', `${screen.id} (${screen.name}): ${found}${result.note ? ` (“${result.note}”)` : ''}`);
      return result;
    },

    close(): void {
      clearTimeout(timer);
    },
  };
}

export type ReadinessSweeps = ReturnType<typeof createReadinessSweeps>;

function scopeNameOf(scope: { buildingId: string | null; floorId: string | null }, site: Site): string {
  if (scope.buildingId === null) return 'Whole school';
  const building = site.buildings.find((b) => b.id === scope.buildingId);
  const floor = scope.floorId === null ? undefined : building?.floors.find((f) => f.id === scope.floorId);
  const buildingName = building?.name ?? scope.buildingId;
  return scope.floorId === null ? buildingName : `${buildingName}, ${floor?.name ?? scope.floorId}`;
}

function summary(sweep: RunningSweep, site: Site, checked: number): SweepSummary {
  return {
    id: sweep.id,
    buildingId: sweep.buildingId,
    floorId: sweep.floorId,
    scopeName: scopeNameOf(sweep, site),
    startedBy: sweep.startedBy,
    startedAt: sweep.startedAt,
    endsAt: sweep.endsAt,
    screens: sweep.codes.length,
    checked,
  };
}
