// A ReactiveController that ties a wall screen to the hub: reads and paints the saved state first, then says hello
// with the last sequence it rendered, applies snapshots and changes, saves them once painted, and sends a render
// receipt once the host has painted (next animation frame). The office's roll-call is built from those receipts.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ActiveMode } from '../../shared/model.ts';
import { effectiveModeFor } from '../../shared/modes.ts';
import { PROTOCOL_VERSION, REQUEST_HEADER, type ServerMessage, type SoundHealth } from '../../shared/protocol.ts';
import type { AppUpdates } from '../lib/app-updates.ts';
import { HubConnection, type ConnectionStatus } from '../lib/hub-connection.ts';
import { emptyScreenState, type SavedScreenState } from './saved-screen-state.ts';
import { ScreenStateSaver } from './screen-state-saver.ts';

/** How long a screen shows its name when asked to identify itself. */
const IDENTIFY_MS = 15_000;

export type ScreenProblem = 'unknown-screen' | 'replaced' | null;

export interface ScreenLinkOptions {
  screenId: string;
  /** Device token from pairing. */
  token: string | null;
  build: string;
  updates: AppUpdates;
  hubUrl?: string;
  /** Whether the screen can sound its tones now, for its hello. */
  soundHealth?: () => SoundHealth;
  /** Sound the test tone (a readiness sweep's check); the host decides whether it may now. */
  testTone?: () => void;
}

/** Wait until the host's render has been painted: after the next animation frame, then one task later. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

export class ScreenLinkController implements ReactiveController {
  state: SavedScreenState = emptyScreenState();
  /** False until the saved state has been read: till then the host paints nothing (not "normal"). */
  loaded = false;
  status: ConnectionStatus = 'connecting';
  problem: ScreenProblem = null;
  /** Until when the screen shows its name large (an admin asked it to identify itself). */
  identifyUntil = 0;
  /** An admin asked for a reload; it happens at the next normal paint. */
  reloadRequested = false;
  /** A readiness sweep's code, shown over normal content until then (never over a mode); not saved: the hub sends it again. */
  sweep: { code: string; until: number } | null = null;
  /** When this page started, for "not yet in contact" on a screen that never reached the hub. */
  readonly startedAt = Date.now();
  readonly #connection: HubConnection;
  readonly #saver: ScreenStateSaver;
  #receiptScheduled = false;
  #hostConnected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ScreenLinkOptions,
  ) {
    this.#saver = new ScreenStateSaver(options.screenId);
    this.#connection = new HubConnection({
      url: options.hubUrl,
      hello: () => ({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        build: options.build,
        screenId: options.screenId,
        token: options.token,
        lastSeq: this.state.seq,
        planVersion: this.state.plan?.version ?? null,
        wordingsVersion: this.state.wordings?.version ?? null,
        contentRevision: this.state.content?.revision ?? null,
        startedAt: this.startedAt,
        sound: options.soundHealth?.(),
      }),
      onMessage: (message) => this.#onMessage(message),
      onStatus: (status, { closeCode }) => {
        this.status = status;
        if (status === 'stopped' && closeCode !== null) this.problem = 'replaced';
        if (status === 'open') this.problem = null;
        host.requestUpdate();
      },
      // The hub moved on to another protocol: fetch the new app; it reloads once it takes over.
      onProtocolMismatch: () => options.updates.check(),
    });
    host.addController(this);
    void this.#saver.load().then((saved) => {
      this.state = saved;
      this.loaded = true;
      host.requestUpdate();
      // The hello carries what was saved (last seq, versions), so the hub is reached only once it is read.
      if (this.#hostConnected) this.#connection.start();
    });
  }

  /** The mode this screen must show now, or null for normal. */
  get effective(): ActiveMode | null {
    const profile = this.state.profile;
    // The hub always says where a screen hangs (welcome) before it sends any mode.
    if (!profile) return null;
    return effectiveModeFor(profile, this.state.modes, this.state.priority);
  }

  get lastContactAt(): number | null {
    return this.#connection.lastContactAt ?? this.state.lastContactAt;
  }

  hostConnected(): void {
    this.#hostConnected = true;
    this.#openMapAccess();
    if (this.loaded) this.#connection.start();
  }

  /** Settles once the hub has answered the screen's request for the cookie that lets it load map images. */
  #mapAccess: Promise<void> = Promise.resolve();
  #mapAccessGranted = false;

  /** Trade the device token for the map cookie (an <image> cannot carry a token); again after each welcome until granted. */
  #openMapAccess(): void {
    if (this.#mapAccessGranted || this.options.token === null) return;
    this.#mapAccess = fetch('/api/screens/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [REQUEST_HEADER]: '1' },
      body: JSON.stringify({ screenId: this.options.screenId, token: this.options.token }),
    })
      .then((response) => {
        this.#mapAccessGranted = response.ok;
      })
      .catch(() => undefined);
  }

  /** Tell the hub the screen's sound changed (blocked, then allowed by a touch); a closed link says it in its next hello. */
  reportSound(sound: SoundHealth): void {
    this.#connection.send({ type: 'health', sound });
  }

  hostDisconnected(): void {
    this.#hostConnected = false;
    this.#connection.stop();
  }

  #onMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        if (message.build !== this.options.build) this.options.updates.check();
        this.#openMapAccess();
        this.#apply({ profile: message.screen ?? this.state.profile, site: message.site });
        // Up to date already: no snapshot follows, but the hub (perhaps restarted) still needs a receipt.
        if (message.seq === this.state.seq) this.#scheduleReceipt();
        return;
      case 'snapshot':
        // A snapshot is authoritative, even with a lower seq (a hub restored from a backup).
        this.#apply({ seq: message.seq, modes: message.modes, priority: message.priority, hazards: message.hazards });
        return this.#scheduleReceipt();
      case 'modes-changed':
        if (message.seq <= this.state.seq) return; // already shown
        this.#apply({ seq: message.seq, modes: message.modes, priority: message.priority, hazards: message.hazards });
        return this.#scheduleReceipt();
      case 'profile':
        // Renamed, moved or set to other units: shown at once, and kept for the next offline boot.
        this.#apply({ profile: message.screen, site: message.site });
        return;
      case 'command':
        if (message.command === 'identify') {
          // Its overlay is not in the first load: admins ask for it now and then.
          import('./screen-identify.ts');
          this.identifyUntil = Date.now() + IDENTIFY_MS;
        } else if (message.command === 'reload') this.reloadRequested = true;
        else this.options.testTone?.();
        this.host.requestUpdate();
        return;
      case 'sweep':
        // Its panel is not in the first load: it is needed only during a sweep.
        if (message.code) import('./screen-sweep-code.ts');
        this.sweep = message.code ? { code: message.code, until: Date.now() + message.forMs } : null;
        this.host.requestUpdate();
        return;
      case 'content':
        this.#apply({ content: { revision: message.revision, slides: message.slides } });
        return;
      case 'wordings':
        this.#apply({ wordings: { version: message.version, wordings: message.wordings } });
        return;
      case 'plan':
        // Drawn once the screen may load the map images it names, so the first drawing is not a broken image.
        void this.#mapAccess.then(() => {
          this.#apply({ plan: { version: message.version, wayfinding: message.wayfinding } });
          this.#cacheMapImages();
        });
        return;
      case 'error':
        if (message.code === 'unknown_screen') this.problem = 'unknown-screen';
        if (message.code === 'unauthenticated') {
          // Not paired (any more): this device may show nothing from the hub; the page asks to be paired.
          this.#connection.stop();
          // Nothing more is saved: the page forgets this screen's state (main.ts).
          this.#saver.stop();
          (this.host as unknown as HTMLElement).dispatchEvent(new CustomEvent('muster-unpaired', { bubbles: true, composed: true }));
        }
        this.host.requestUpdate();
        return;
      case 'pong':
      case 'state':
      case 'site-changed':
        this.#touch();
        return;
    }
  }

  #apply(change: Partial<SavedScreenState>): void {
    this.state = { ...this.state, ...change, lastContactAt: Date.now() };
    this.host.requestUpdate();
    // After the render (a task later), never before it; the write itself goes on off the page's thread.
    this.#saver.save(this.state);
  }

  /** Fetch this building's map images now, through the service worker, so they are there when the hub is not. */
  #cacheMapImages(): void {
    for (const floor of this.state.plan?.wayfinding.floors ?? []) {
      // The body is read to the end: an unread response stays in flight, and a service worker with a request in
      // flight never lets a new version take over.
      if (floor.image) fetch(`/maps/${floor.image.file}`).then((response) => response.arrayBuffer()).catch(() => undefined);
    }
  }

  #touch(): void {
    // Contact time is saved at most every few seconds: it only feeds "no contact since" after a reboot.
    const now = Date.now();
    if (now - (this.state.lastContactAt ?? 0) > 5000) {
      this.state = { ...this.state, lastContactAt: now };
      this.#saver.save(this.state, 'relaxed');
    }
  }

  #scheduleReceipt(): void {
    if (this.#receiptScheduled) return;
    this.#receiptScheduled = true;
    void this.host.updateComplete
      .then(afterPaint)
      .then(() => {
        this.#receiptScheduled = false;
        const effective = this.effective;
        this.#connection.send({
          type: 'receipt',
          seq: this.state.seq,
          activeSeq: effective?.seq ?? 0,
          mode: effective?.mode ?? 'normal',
          drill: effective?.drill ?? false,
        });
      });
  }
}
