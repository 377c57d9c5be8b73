// Every WebSocket message, both ways: the protocol version, the runtime schemas, the unions and the close codes.
// Hub and browser import these definitions; no other file spells a message type.
import { z } from 'zod/mini';
import { ErrorCodeSchema } from './errors.ts';
import { WayfindingSchema } from './floor-plan.ts';
import { SlideSchema } from './content.ts';
import { ModeWordingsSchema } from './mode-texts.ts';
import { ModeTonesSchema } from './mode-tones.ts';
import type { ModeId, ModeState } from './model.ts';
import { EndedWeatherAlertSchema, WeatherAlertSchema, type WeatherOffers } from './weather-alerts.ts';
import { ActiveModeSchema, DestinationSchema, HazardsSchema, IdSchema, LanguageLayoutSchema, LanguageSchema, ModeIdSchema, RoleSchema, ScopeSchema, UnitsSchema } from './model.ts';

/** Bumped on any incompatible change; a mismatch closes with CLOSE_CODES.protocolMismatch and the screen updates. */
export const PROTOCOL_VERSION = 1;

/** Sent by the consoles on every API call: the CSRF check asks for it where a browser sends no Origin. */
export const REQUEST_HEADER = 'X-Muster-Request';

/** The largest frame the hub accepts from a display. Real frames are well under a kilobyte. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** The largest frame a display accepts from the hub: floor plans of a large building run to megabytes. */
export const MAX_SERVER_FRAME_BYTES = 16 * 1024 * 1024;

export const CLOSE_CODES = {
  /** The client speaks another protocol version: update the app (service worker) and reload. */
  protocolMismatch: 4000,
  /** No valid session, device token or Origin. */
  unauthorized: 4001,
  /** The account's role changed: the console reconnects, reads its session again and shows what the new role may do. */
  roleChanged: 4003,
  /** The screen id is not on the site. */
  unknownScreen: 4004,
  /** No hello within the time allowed. */
  helloTimeout: 4008,
  /** Another connection identified as the same screen; this one is obsolete. */
  replaced: 4009,
  /** Too many malformed frames. */
  tooManyBadMessages: 4400,
  /** The client could not keep up; it should reconnect and resync. */
  slowConsumer: 4429,
  /** The client sent far more messages than any screen or console does. */
  tooManyMessages: 4430,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

const SeqSchema = z.int().check(z.gte(0));

/**
 * Whether a screen can sound its tones: 'ok', 'blocked' (the browser allows no audio until someone touches the screen:
 * the kiosk must allow autoplay), 'off' (this screen is set to stay silent) or 'unavailable' (no audio in this browser).
 */
export const SoundHealthSchema = z.enum(['ok', 'blocked', 'off', 'unavailable']);
export type SoundHealth = z.infer<typeof SoundHealthSchema>;

// ── display → hub ────────────────────────────────────────────────────────────────────────────────────────────

/** A wall screen introduces itself: identity, build, and the last sequence it rendered. */
export const ScreenHelloSchema = z.object({
  type: z.literal('hello'),
  protocol: z.int(),
  build: z.string().check(z.maxLength(64)),
  screenId: IdSchema,
  /** The device token the screen got when it was paired (see `paired`). */
  token: z.nullable(z.string().check(z.maxLength(256))),
  lastSeq: SeqSchema,
  /** The version of the floor plans the screen has cached; the hub sends `plan` when it differs. */
  planVersion: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  /** The version of the school's mode wordings the screen has cached; the hub sends `wordings` when it differs. */
  wordingsVersion: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  /** The content revision the screen has cached; the hub sends `content` when it differs. */
  contentRevision: z.optional(z.nullable(z.int().check(z.gte(0)))),
  /** When the screen's page started (ms since epoch), for its uptime in the admin console. */
  startedAt: z.optional(z.int().check(z.gte(0))),
  /** Whether it can sound its tones now; a change later is sent as `health`. */
  sound: z.optional(SoundHealthSchema),
});

/** A screen's health changed since its hello (sound blocked until someone touched it, then allowed). */
export const ScreenHealthSchema = z.object({
  type: z.literal('health'),
  sound: SoundHealthSchema,
});

/** A screen with no identity yet asks for a pairing code to show, for an admin to enter in the admin console. */
export const PairRequestSchema = z.object({
  type: z.literal('pair-request'),
  protocol: z.int(),
  build: z.string().check(z.maxLength(64)),
});

/** An office or admin console subscribes to live state; it is authenticated by its session cookie. */
export const ConsoleHelloSchema = z.object({
  type: z.literal('console-hello'),
  protocol: z.int(),
  build: z.string().check(z.maxLength(64)),
});

/** Sent after the screen has painted a state (next animation frame): the roll-call is built from these. */
export const ReceiptSchema = z.object({
  type: z.literal('receipt'),
  /** The state sequence the screen has rendered. */
  seq: SeqSchema,
  /** The seq of the active mode it shows, 0 for normal. */
  activeSeq: SeqSchema,
  mode: ModeIdSchema,
  drill: z.boolean(),
});

/** App-level heartbeat: browsers cannot see WebSocket pings, so both sides also exchange these. */
export const PingSchema = z.object({ type: z.literal('ping'), t: z.number() });

export const ClientMessageSchema = z.discriminatedUnion('type', [
  ScreenHelloSchema,
  PairRequestSchema,
  ConsoleHelloSchema,
  ReceiptSchema,
  PingSchema,
  ScreenHealthSchema,
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;
export type ScreenHello = z.infer<typeof ScreenHelloSchema>;
export type ScreenHealth = z.infer<typeof ScreenHealthSchema>;
export type PairRequest = z.infer<typeof PairRequestSchema>;
export type ConsoleHello = z.infer<typeof ConsoleHelloSchema>;
export type Receipt = z.infer<typeof ReceiptSchema>;

// ── hub → display ────────────────────────────────────────────────────────────────────────────────────────────

/** What a screen needs to know about itself and its site to draw its normal view offline. */
export const ScreenProfileSchema = z.object({
  id: IdSchema,
  name: z.string(),
  location: z.string(),
  language: LanguageSchema,
  buildingId: IdSchema,
  buildingName: z.string(),
  floorId: IdSchema,
  floorName: z.string(),
  zoneId: z.nullable(IdSchema),
  zoneName: z.nullable(z.string()),
  /** False for a screen that must stay silent (its tones are off); absent means on. */
  sound: z.optional(z.boolean()),
  /** Shown in turns with `language`. */
  secondLanguage: z.optional(LanguageSchema),
  /** How the two languages share the screen during a mode; absent: in turns. */
  languageLayout: z.optional(LanguageLayoutSchema),
  /** The names above in the screen's languages, where the school translated them (profileIn applies them). */
  translations: z.optional(
    z.partialRecord(
      LanguageSchema,
      z.object({ location: z.optional(z.string()), buildingName: z.optional(z.string()), floorName: z.optional(z.string()), zoneName: z.optional(z.string()) }),
    ),
  ),
});
export type ScreenProfile = z.infer<typeof ScreenProfileSchema>;

export const SiteProfileSchema = z.object({
  id: IdSchema,
  name: z.string(),
  timeZone: z.string(),
  units: z._default(UnitsSchema, 'metres'),
  /**
   * The school's tones per mode; absent means the defaults. One this app does not know (a newer hub's) also falls back
   * to the defaults rather than refuse the whole welcome, or the saved state it is kept in.
   */
  tones: z.catch(z.optional(ModeTonesSchema), undefined),
  /** The evacuation destinations, so a screen shows an Evacuate's destination in its own language. */
  destinations: z.optional(z.array(DestinationSchema)),
});
export type SiteProfile = z.infer<typeof SiteProfileSchema>;

export const WelcomeSchema = z.object({
  type: z.literal('welcome'),
  protocol: z.int(),
  build: z.string(),
  /** The hub's current sequence: a client that rendered less gets a snapshot right after. */
  seq: SeqSchema,
  heartbeatMs: z.int().check(z.positive()),
  site: SiteProfileSchema,
  /** Present for screens; consoles get the user instead. */
  screen: z.nullable(ScreenProfileSchema),
  user: z.nullable(z.object({ username: z.string(), role: RoleSchema })),
});

/** The whole emergency state; sent on connect when the client is behind. */
export const SnapshotSchema = z.object({
  type: z.literal('snapshot'),
  seq: SeqSchema,
  modes: z.array(ActiveModeSchema),
  priority: z.array(ModeIdSchema),
  hazards: HazardsSchema,
});

/**
 * A change of the emergency state. The state is tiny, so every change carries all active modes: a screen can
 * never apply a change to the wrong base, and resolves its own effective mode with `effectiveModeFor`.
 */
export const ModesChangedSchema = z.object({
  type: z.literal('modes-changed'),
  seq: SeqSchema,
  modes: z.array(ActiveModeSchema),
  priority: z.array(ModeIdSchema),
  hazards: HazardsSchema,
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('set'), seq: SeqSchema }),
    z.object({ kind: z.literal('clear'), scope: ScopeSchema, drill: z.boolean(), cleared: z.array(SeqSchema) }),
    z.object({ kind: z.literal('hazards') }),
  ]),
});

/**
 * The floor plans a screen needs to show its map and compute its own routes offline: every floor of its
 * building and the links between them. Sent after welcome when the screen's cached version differs.
 */
export const PlanSchema = z.object({
  type: z.literal('plan'),
  version: z.string().check(z.maxLength(64)),
  wayfinding: WayfindingSchema,
});

export const PongSchema = z.object({ type: z.literal('pong'), t: z.number() });

/** The normal-mode slides targeted at this screen, as of a content revision; the screen schedules them itself. */
export const ContentSchema = z.object({
  type: z.literal('content'),
  revision: z.int().check(z.gte(0)),
  slides: z.array(SlideSchema),
});

/**
 * An admin asks the screen to show its name for a while (to find it on a wall), to reload its app, or (during a
 * readiness sweep) to sound its test tone.
 */
export const ScreenCommandSchema = z.object({
  type: z.literal('command'),
  command: z.enum(['identify', 'reload', 'test-tone']),
});

/**
 * A readiness sweep: show this code over the normal view for `forMs` (never over a mode), for the facility manager to
 * type on a phone; null: the sweep ended. A duration, not a time, so a screen's clock being off does not matter.
 */
export const SweepCodeSchema = z.object({
  type: z.literal('sweep'),
  code: z.nullable(z.string()),
  forMs: z.int(),
});

/** The school's own wording of the modes' directives and steps; sent after welcome when the screen's differs, and on every change. */
export const WordingsSchema = z.object({
  type: z.literal('wordings'),
  version: z.string().check(z.maxLength(64)),
  wordings: ModeWordingsSchema,
});

/** The code an unpaired screen shows until an admin enters it; a new one is asked for when it expires. */
export const PairingCodeSchema = z.object({
  type: z.literal('pairing-code'),
  code: z.string().check(z.maxLength(16)),
  expiresAt: z.iso.datetime(),
});

/** The admin entered the code: the screen keeps this identity and token, and says hello with them from now on. */
export const PairedSchema = z.object({
  type: z.literal('paired'),
  screenId: IdSchema,
  token: z.string().check(z.maxLength(256)),
});

/** The site or this screen's place on it changed (a rename, new units, another time zone): the screen shows it at once. */
export const ProfileSchema = z.object({
  type: z.literal('profile'),
  site: SiteProfileSchema,
  screen: ScreenProfileSchema,
});

/** Consoles: the site's settings, buildings, floors, zones or destinations changed; read them again (GET /api/site). */
export const SiteChangedSchema = z.object({
  type: z.literal('site-changed'),
  version: z.string().check(z.maxLength(64)),
});

export const ErrorMessageSchema = z.object({
  type: z.literal('error'),
  code: ErrorCodeSchema,
  message: z.string(),
});

// Roll-call: built on the hub from render receipts, pushed to consoles and served by GET /api/state.

export const ReceiptRecordSchema = z.object({
  seq: SeqSchema,
  activeSeq: SeqSchema,
  mode: ModeIdSchema,
  drill: z.boolean(),
  at: z.iso.datetime(),
});

export const ScreenStatusSchema = z.object({
  id: IdSchema,
  name: z.string(),
  location: z.string(),
  buildingId: IdSchema,
  floorId: IdSchema,
  zoneId: z.nullable(IdSchema),
  online: z.boolean(),
  lastSeenAt: z.nullable(z.iso.datetime()),
  build: z.nullable(z.string()),
  /** When the screen's app last started, by its own clock; its uptime. */
  appStartedAt: z.nullable(z.iso.datetime()),
  /** The content revision it was last sent. */
  contentRevision: z.nullable(z.int()),
  /** Whether it can sound its tones, as it last said; null before it said (or an app from before tones). */
  sound: z.nullable(SoundHealthSchema),
  lastReceipt: z.nullable(ReceiptRecordSchema),
  /** What the screen must show now: the effective mode's seq (0 = normal) and mode. */
  expected: z.object({ activeSeq: SeqSchema, mode: ModeIdSchema, drill: z.boolean(), since: SeqSchema }),
  /** The screen has painted what it must show now. */
  confirmed: z.boolean(),
  /** Time from the change to this screen's receipt, when confirmed. */
  confirmedAfterMs: z.nullable(z.number()),
});
export type ScreenStatus = z.infer<typeof ScreenStatusSchema>;

/** One line of the roll-call: the screens that must show one mode (an active one, or normal). */
export const RollCallEntrySchema = z.object({
  activeSeq: SeqSchema,
  mode: ModeIdSchema,
  drill: z.boolean(),
  scope: z.nullable(ScopeSchema),
  /** When the screens were asked to show it (the change that made it their effective mode). */
  since: z.nullable(z.iso.datetime()),
  expected: z.int(),
  confirmed: z.int(),
  /** The slowest confirmed screen, from the change to its receipt. */
  slowestMs: z.nullable(z.number()),
  unconfirmed: z.array(IdSchema),
});
export type RollCallEntry = z.infer<typeof RollCallEntrySchema>;

export const HubStateSchema = z.object({
  seq: SeqSchema,
  modes: z.array(ActiveModeSchema),
  priority: z.array(ModeIdSchema),
  hazards: HazardsSchema,
  screens: z.array(ScreenStatusSchema),
  rollCall: z.array(RollCallEntrySchema),
});
export type HubState = z.infer<typeof HubStateSchema>;

/** Live state for consoles, whole: sent on connect, after the site changed, and to a console that fell far behind. */
export const StateMessageSchema = z.object({ type: z.literal('state'), state: HubStateSchema });

/** What of a screen's row changes while the site does not (its name and place only change with the site: a `state`). */
export const ScreenLiveStatusSchema = z.omit(ScreenStatusSchema, { name: true, location: true, buildingId: true, floorId: true, zoneId: true });
export type ScreenLiveStatus = z.infer<typeof ScreenLiveStatusSchema>;

/** A roll-call line without its list of unconfirmed screens, which the console derives from the screens' rows. */
export const RollCallCountsSchema = z.omit(RollCallEntrySchema, { unconfirmed: true });
export type RollCallCounts = z.infer<typeof RollCallCountsSchema>;

/**
 * What changed since the console's last `state` or `state-delta` (coalesced; shared/console-view.ts applies it). Its
 * size grows with the screens that changed, never with those that did not: the emergency state and the roll-call's
 * counters whole (both small); grouped by what they must now show, the ids of the screens a mode change re-pointed
 * and that have not painted it yet; grouped by what they painted, the screens whose only change is a new receipt (a
 * few dozen bytes each, as thousands arrive within a second of a change); and the rows of the other screens that
 * changed (they came or went, their health, their content).
 */
export const StateDeltaSchema = z.object({
  type: z.literal('state-delta'),
  seq: SeqSchema,
  modes: z.array(ActiveModeSchema),
  priority: z.array(ModeIdSchema),
  hazards: HazardsSchema,
  rollCall: z.array(RollCallCountsSchema),
  /** These screens must now show this mode and have not confirmed it; the rest of their rows did not change. */
  expected: z.array(z.extend(ScreenStatusSchema.shape.expected, { screenIds: z.array(IdSchema) })),
  /** Each screen's new receipt: [screen id, when it came (ms since epoch), confirmed, ms from the change to it (when confirmed)]. */
  receipts: z.array(
    z.extend(z.omit(ReceiptRecordSchema, { at: true }), { screens: z.array(z.tuple([IdSchema, z.int().check(z.gte(0)), z.boolean(), z.nullable(z.number())])) }),
  ),
  screens: z.array(ScreenLiveStatusSchema),
});
export type StateDelta = z.infer<typeof StateDeltaSchema>;

/** The weather feed's offers, to consoles only (never to screens): on connect, and whenever they change. */
export const WeatherMessageSchema = z.object({
  type: z.literal('weather'),
  alerts: z.array(WeatherAlertSchema),
  ended: z.array(EndedWeatherAlertSchema),
});
export type WeatherMessage = z.infer<typeof WeatherMessageSchema>;

export const ServerMessageSchema = z.discriminatedUnion('type', [
  WelcomeSchema,
  SnapshotSchema,
  ModesChangedSchema,
  PongSchema,
  ErrorMessageSchema,
  StateMessageSchema,
  StateDeltaSchema,
  PlanSchema,
  PairingCodeSchema,
  PairedSchema,
  WordingsSchema,
  ContentSchema,
  ScreenCommandSchema,
  SweepCodeSchema,
  ProfileSchema,
  SiteChangedSchema,
  WeatherMessageSchema,
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
export type Welcome = z.infer<typeof WelcomeSchema>;
export type Snapshot = z.infer<typeof SnapshotSchema>;
export type ModesChanged = z.infer<typeof ModesChangedSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type ErrorMessage = z.infer<typeof ErrorMessageSchema>;
export type ScreenCommand = z.infer<typeof ScreenCommandSchema>;

// ── builders: the messages several places send, spelled once ────────────────────────────────────────────────

/** The hub's answer to a hello: who it is and, for a screen, its profile; for a console, the user. */
export function welcomeMessage(fields: Omit<Welcome, 'type' | 'protocol'>): Welcome {
  return { type: 'welcome', protocol: PROTOCOL_VERSION, ...fields };
}

/** The whole emergency state as of `state.seq`. */
export function snapshotMessage(state: ModeState, priority: readonly ModeId[]): Snapshot {
  return { type: 'snapshot', seq: state.seq, modes: state.modes, priority: [...priority], hazards: state.hazards };
}

export function weatherMessage(offers: WeatherOffers): WeatherMessage {
  return { type: 'weather', alerts: offers.alerts, ended: offers.ended };
}

/** A readiness sweep's code for one screen, or null when its sweep ended. */
export function sweepMessage(code: string | null, forMs: number): z.infer<typeof SweepCodeSchema> {
  return { type: 'sweep', code, forMs };
}

export function errorMessage(code: ErrorMessage['code'], message: string): ErrorMessage {
  return { type: 'error', code, message };
}

// ── parsing ──────────────────────────────────────────────────────────────────────────────────────────────────

export type ParseResult<T> = { ok: true; message: T } | { ok: false; code: 'invalid_json' | 'unknown_message' | 'bad_request'; message: string };

const encoder = new TextEncoder();

/** Is the frame over `limit` bytes? Encoded only when its length in characters alone cannot decide. */
function overLimit(raw: string, limit: number): boolean {
  // Each UTF-16 unit encodes to 1–3 bytes.
  if (raw.length > limit) return true;
  if (raw.length * 3 <= limit) return false;
  return encoder.encode(raw).length > limit;
}

function parseWith<T>(schema: z.ZodMiniType<T>, known: ReadonlySet<string>, raw: string, limit: number): ParseResult<T> {
  if (overLimit(raw, limit)) return { ok: false, code: 'bad_request', message: 'frame too large' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'invalid_json', message: 'frame is not JSON' };
  }
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !known.has(type)) {
    return { ok: false, code: 'unknown_message', message: `unknown message type ${JSON.stringify(type ?? null)}` };
  }
  const result = schema.safeParse(data);
  if (!result.success) return { ok: false, code: 'bad_request', message: z.prettifyError(result.error) };
  return { ok: true, message: result.data };
}

const CLIENT_TYPES: ReadonlySet<string> = new Set(ClientMessageSchema.def.options.flatMap((o) => o.shape.type.def.values));
const SERVER_TYPES: ReadonlySet<string> = new Set(ServerMessageSchema.def.options.flatMap((o) => o.shape.type.def.values));

/** Parse a frame a display sent; never throws. */
export function parseClientMessage(raw: string): ParseResult<ClientMessage> {
  return parseWith(ClientMessageSchema, CLIENT_TYPES, raw, MAX_FRAME_BYTES);
}

/** Parse a frame the hub sent; never throws. */
export function parseServerMessage(raw: string): ParseResult<ServerMessage> {
  return parseWith(ServerMessageSchema, SERVER_TYPES, raw, MAX_SERVER_FRAME_BYTES);
}

/** Encode a message; typed so only messages of the union can be sent. */
export function encode(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}
