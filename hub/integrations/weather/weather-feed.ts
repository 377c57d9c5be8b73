// The weather feed: polled every few minutes (never two requests at once; slower after errors), read on a thread,
// matched against the school's area codes and events, and offered to the office consoles. With the school's opt-in
// it starts the Shelter itself, through the same setMode the office uses, once per alert, and never over a real event
// nor during a real Lockdown or Evacuate (then it only offers). The admin console shows when the feed last answered
// and the last error, in words.
import type { ActiveMode } from '../../../shared/model.ts';
import { shelterRunningFor, weatherNote, type WeatherAlert, type WeatherOffers } from '../../../shared/weather-alerts.ts';
import { ApiError } from '../../api-error.ts';
import type { Actor } from '../../domain/actor.ts';
import type { ModeOperations } from '../../domain/modes.ts';
import type { AuditLog } from '../../store/audit-log.ts';
import type { Store } from '../../store/store.ts';
import { fetchFeed, type FeedValidators } from './weather-feed-fetch.ts';
import { readFeedOffTheLoop } from './weather-feed-parsing.ts';
import { matchEntries } from './weather-matching.ts';
import { WeatherOfferBoard } from './weather-offers.ts';

/** After errors the feed is asked less often: the poll interval doubled per failure, up to this. */
const MAX_BACKOFF_MS = 15 * 60_000;
/** The alerts the hub remembers acting on (a school sees a handful a year). */
const ACTED_ON_KEPT = 200;

export interface WeatherFeedStatus {
  /** Off until a feed address is set. */
  on: boolean;
  lastPolledAt: string | null;
  /** When the feed last answered with a feed Muster could read (or "not changed"). */
  lastAnsweredAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  nextPollAt: string | null;
  /** Entries in the feed's last reading, and how many concern the school now. */
  entries: number | null;
  matching: number;
}

export interface WeatherFeedDeps {
  store: Store;
  audit: AuditLog;
  modes: Pick<ModeOperations, 'setMode'>;
  /** Tells the consoles (only them) of the offers. */
  publish: (offers: WeatherOffers) => void;
  now?: () => Date;
  logError?: (message: string) => void;
}

export function createWeatherFeed({ store, audit, modes, publish, now = () => new Date(), logError = console.error }: WeatherFeedDeps) {
  const board = new WeatherOfferBoard();
  const status: WeatherFeedStatus = { on: false, lastPolledAt: null, lastAnsweredAt: null, lastError: null, lastErrorAt: null, nextPollAt: null, entries: null, matching: 0 };
  let validators: FeedValidators = { etag: null, lastModified: null };
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  /** Grows when the settings change: a poll begun before answers for a feed that may no longer be the school's. */
  let generation = 0;
  /** Alerts already written to the audit log since the hub started. */
  const announced = new Set<string>();

  const settings = () => store.data.weather.settings;
  const audited = (actor: Actor, detail: string) =>
    audit.append({ at: now().toISOString(), who: actor.username, role: actor.role, from: actor.from, action: 'integration.weather-alert', detail }).catch((error: Error) => logError(`AUDIT LOG WRITE FAILED for a weather alert: ${error.message}`));
  const feedActor = (): Actor => ({ username: 'Weather feed', role: 'integration', from: hostOf(settings().feedUrl) });
  const changed = (offersChanged: boolean): void => {
    if (offersChanged) publish(board.current());
  };

  function failed(problem: string): void {
    failures += 1;
    status.lastError = problem;
    status.lastErrorAt = now().toISOString();
    changed(board.expire(now()));
  }

  async function pollOnce(): Promise<void> {
    const { feedUrl, areaCodes, rules } = settings();
    status.on = feedUrl !== '';
    if (!status.on) return changed(board.clear());
    const asked = generation;
    status.lastPolledAt = now().toISOString();
    const response = await fetchFeed(feedUrl, validators);
    if (asked !== generation) return;
    if (response.kind === 'failed') return failed(response.problem);
    if (response.kind === 'unchanged') {
      failures = 0;
      status.lastAnsweredAt = now().toISOString();
      status.lastError = null;
      return changed(board.expire(now()));
    }
    const reading = await readFeedOffTheLoop(response.xml);
    if (asked !== generation) return;
    if (!reading.ok) return failed(reading.problem);
    failures = 0;
    validators = response.validators;
    status.lastAnsweredAt = now().toISOString();
    status.lastError = null;
    status.entries = reading.entries.length;
    const matched = matchEntries(reading.entries, { areaCodes, rules }, now(), reading.fromNws ? 'NWS' : '');
    status.matching = matched.live.length;
    changed(board.update(matched, now()));
    for (const alert of matched.live) await actOn(alert);
  }

  /** Audit a new alert once; with the opt-in, start its Shelter once (never over a real event). */
  async function actOn(alert: WeatherAlert): Promise<void> {
    const { autoStart } = settings();
    const note = weatherNote(alert, store.data.site.timeZone);
    const where = alert.area ? ` (${alert.area})` : '';
    if (!autoStart || store.data.weather.actedOn.some((acted) => acted.key === alert.key)) {
      if (!announced.has(alert.key)) await audited(feedActor(), `${note}${where}: offered to the office`);
      announced.add(alert.key);
      return;
    }
    announced.add(alert.key);
    // Remembered before it starts: if anything fails below, it stays an offer and is never started twice.
    await store
      .update((draft) => void (draft.weather.actedOn = [{ key: alert.key, at: now().toISOString() }, ...draft.weather.actedOn].slice(0, ACTED_ON_KEPT)))
      .catch((error: Error) => logError(`The weather alert ${alert.key} could not be remembered: ${error.message}`));
    const refusal = (active: readonly ActiveMode[]) => whyNotStart(alert, active);
    const reason = refusal(store.data.modeState.modes);
    if (reason) return void (await audited(feedActor(), `${note}${where}: offered to the office, not started: ${reason}`));
    try {
      await modes.setMode({ mode: 'shelter', hazard: alert.hazard, scope: { kind: 'site' }, drill: false, note }, feedActor(), refusal);
    } catch (error) {
      const why = error instanceof ApiError ? error.message : String(error);
      await audited(feedActor(), `${note}${where}: offered to the office, not started: ${why}`);
    }
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    status.nextPollAt = null;
    if (stopped || settings().feedUrl === '') return;
    const delay = Math.min(settings().pollSeconds * 1000 * 2 ** Math.min(failures, 6), Math.max(MAX_BACKOFF_MS, settings().pollSeconds * 1000));
    status.nextPollAt = new Date(now().getTime() + delay).toISOString();
    timer = setTimeout(() => void poll(), delay);
    timer.unref();
  }

  /** One poll; a poll asked for while one runs is that one. */
  function poll(): Promise<void> {
    running ??= pollOnce()
      .catch((error: Error) => {
        logError(`Weather feed: ${error.stack ?? error.message}`);
        failed(`The hub could not handle the feed: ${error.message}`);
      })
      .finally(() => {
        running = null;
        schedule();
      });
    return running;
  }

  return {
    start(): void {
      stopped = false;
      status.on = settings().feedUrl !== '';
      if (status.on) void poll();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
    status: (): WeatherFeedStatus => ({ ...status }),
    offers: (): WeatherOffers => board.current(),
    /** Poll now (the admin's "Check the feed now"), after any poll under way; resolves with the outcome. */
    async pollNow(): Promise<WeatherFeedStatus> {
      if (running) await running;
      await poll();
      return { ...status };
    },
    /** The settings changed: forget the old feed's answers and offers, and ask the new one at once. */
    settingsChanged(): void {
      generation += 1;
      validators = { etag: null, lastModified: null };
      failures = 0;
      Object.assign(status, { lastAnsweredAt: null, lastError: null, lastErrorAt: null, entries: null, matching: 0, on: settings().feedUrl !== '' });
      changed(board.clear());
      announced.clear();
      if (!stopped) void (running ? running.then(() => poll()) : poll());
    },
  };
}

export type WeatherFeed = ReturnType<typeof createWeatherFeed>;

/** Why the hub must not start this Shelter by itself, or null. */
function whyNotStart(alert: WeatherAlert, active: readonly ActiveMode[]): string | null {
  if (shelterRunningFor(alert.hazard, active)) return `a real Shelter (${alert.hazard}) is already running`;
  const blocking = active.find((mode) => !mode.drill && (mode.mode === 'lockdown' || mode.mode === 'evacuate'));
  if (blocking) return `a real ${blocking.mode === 'lockdown' ? 'Lockdown' : 'Evacuate'} is running; the office decides`;
  const siteWide = active.find((mode) => !mode.drill && mode.scope.kind === 'site');
  if (siteWide) return `a real ${siteWide.mode} is running for the whole school and would be replaced; the office decides`;
  return null;
}

function hostOf(address: string): string {
  try {
    return new URL(address).host;
  } catch {
    return 'weather feed';
  }
}
