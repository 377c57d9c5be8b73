// What each connected screen must hold to run on its own: on its hello the welcome and, when it is behind, the
// emergency state; then the school's wordings, its own slides and its building's floor plans, each sent only when
// the version it has differs; its profile again after the site or the tones changed; and during a readiness sweep,
// its code.
import { targetsScreen, type Slide } from '../../shared/content.ts';
import type { ModeWordings } from '../../shared/mode-texts.ts';
import type { ModeTones } from '../../shared/mode-tones.ts';
import type { Screen } from '../../shared/model.ts';
import { snapshotMessage, sweepMessage, welcomeMessage, type ScreenHello } from '../../shared/protocol.ts';
import type { HubBasics } from './hub-basics.ts';
import type { BuildingPlan } from '../domain/building-plans.ts';
import type { Connection, ConnectionRegistry, ScreenRole } from './connection-registry.ts';
import type { ScreenRoster } from './screen-roster.ts';
import { screenProfile, siteProfile } from './screen-profile.ts';

export interface ScreenSyncOptions extends HubBasics {
  /** The floor plans of a building, for its screens to cache; null when it has none. */
  planFor: (buildingId: string) => BuildingPlan | null;
  /** The normal-mode slides and their revision. */
  content: () => { revision: number; slides: readonly Slide[] };
  /** The school's mode wordings and their version. */
  wordings: () => { version: string; wordings: ModeWordings };
  /** The school's tones per mode, sent with the site profile. */
  tones: () => ModeTones;
  /** The readiness-sweep code the screen shows now, if any. */
  sweepFor: (screenId: string) => { code: string; forMs: number } | null;
}

export class ScreenSync {
  constructor(
    private readonly options: ScreenSyncOptions,
    private readonly registry: ConnectionRegistry,
    private readonly roster: ScreenRoster,
  ) {}

  /** The screen said hello and may go on: it gets what it lacks, the mode first. */
  welcome(connection: Connection, role: ScreenRole, screen: Screen, hello: ScreenHello): void {
    const site = this.options.site();
    const state = this.options.modeState();
    connection.send(
      welcomeMessage({
        build: this.options.build,
        seq: state.seq,
        heartbeatMs: this.options.heartbeatMs,
        site: siteProfile(site, this.options.tones()),
        screen: screenProfile(site, screen),
        user: null,
      }),
    );
    if (hello.lastSeq !== state.seq) connection.send(snapshotMessage(state, this.options.priority));
    this.#sendWordingsIfChanged(connection, role);
    this.#sendContentIfChanged(connection, role, screen);
    // Floor plans can be large and only matter once the mode is on screen.
    this.#sendPlanIfChanged(connection, role, screen.buildingId);
    // A screen that reconnects during a readiness sweep shows its code again.
    const sweep = this.options.sweepFor(screen.id);
    if (sweep) connection.send(sweepMessage(sweep.code, sweep.forMs));
  }

  /** After the floor plans changed: every connected screen whose building's plans differ gets them now. */
  publishPlans(): void {
    for (const [connection, role] of this.registry.screens()) {
      const found = this.roster.find(role.screenId);
      if (found) this.#sendPlanIfChanged(connection, role, found.screen.buildingId);
    }
  }

  /** After the mode wordings changed: every connected screen gets them now. */
  publishWordings(): void {
    for (const [connection, role] of this.registry.screens()) this.#sendWordingsIfChanged(connection, role);
  }

  /** After a content publish: every connected screen gets its own slides now. */
  publishContent(): void {
    for (const [connection, role] of this.registry.screens()) {
      const found = this.roster.find(role.screenId);
      if (found) this.#sendContentIfChanged(connection, role, found.screen);
    }
  }

  /** Every connected screen gets its profile again (after the site or the school's tones changed). */
  publishProfiles(): void {
    const site = this.options.site();
    const profile = siteProfile(site, this.options.tones());
    for (const [connection, role] of this.registry.screens()) {
      const found = this.roster.find(role.screenId);
      if (found) connection.send({ type: 'profile', site: profile, screen: screenProfile(site, found.screen) });
    }
  }

  #sendWordingsIfChanged(connection: Connection, role: ScreenRole): void {
    const { version, wordings } = this.options.wordings();
    if (version === role.wordingsVersion) return;
    role.wordingsVersion = version;
    connection.send({ type: 'wordings', version, wordings });
  }

  #sendContentIfChanged(connection: Connection, role: ScreenRole, screen: Screen): void {
    const { revision, slides } = this.options.content();
    if (revision === role.contentRevision) return;
    role.contentRevision = revision;
    const runtime = this.roster.runtime(role.screenId);
    if (runtime) runtime.contentRevision = revision;
    this.roster.touched(role.screenId);
    // Only the slides meant for this screen leave the hub.
    connection.send({ type: 'content', revision, slides: slides.filter((slide) => targetsScreen(slide, screen)) });
  }

  #sendPlanIfChanged(connection: Connection, role: ScreenRole, buildingId: string): void {
    const plan = this.options.planFor(buildingId);
    if (!plan || plan.version === role.planVersion) return;
    role.planVersion = plan.version;
    connection.send({ type: 'plan', version: plan.version, wayfinding: plan.wayfinding });
  }
}
