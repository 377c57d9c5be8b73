// Unit tests for the WebSocket protocol: parsing both ways, rejection of bad frames, round trips and close codes.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ERROR_CODES } from './errors.ts';
import type { ErrorCode } from './errors.ts';
import type { ActiveMode } from './model.ts';
import { DEFAULT_PRIORITY } from './modes.ts';
import {
  CLOSE_CODES,
  MAX_FRAME_BYTES,
  MAX_SERVER_FRAME_BYTES,
  PROTOCOL_VERSION,
  encode,
  errorMessage,
  parseClientMessage,
  parseServerMessage,
  snapshotMessage,
  welcomeMessage,
} from './protocol.ts';
import type { ClientMessage, ParseResult, ServerMessage } from './protocol.ts';

// ── fixtures ─────────────────────────────────────────────────────────────────────────────────────────────────

const hello = {
  type: 'hello',
  protocol: PROTOCOL_VERSION,
  build: '2026.11.22-abc123',
  screenId: 'main-1-east',
  token: null,
  lastSeq: 0,
} as const satisfies ClientMessage;
const consoleHello = { type: 'console-hello', protocol: PROTOCOL_VERSION, build: '2026.11.22-abc123' } as const satisfies ClientMessage;
const receipt = { type: 'receipt', seq: 5, activeSeq: 3, mode: 'lockdown', drill: true } as const satisfies ClientMessage;
const ping = { type: 'ping', t: 1_764_000_000_000.5 } as const satisfies ClientMessage;
const health = { type: 'health', sound: 'blocked' } as const satisfies ClientMessage;

const lockdown: ActiveMode = {
  mode: 'lockdown',
  scope: { kind: 'building', buildingId: 'main' },
  drill: true,
  seq: 3,
  startedAt: '2026-11-22T10:00:00.000Z',
  by: 'office',
};
const evacuate: ActiveMode = {
  mode: 'evacuate',
  scope: { kind: 'zone', zoneId: 'annex-classrooms' },
  drill: false,
  seq: 4,
  startedAt: '2026-11-22T10:01:00.000Z',
  by: 'office',
  destination: 'North athletic field',
};
const shelter: ActiveMode = {
  mode: 'shelter',
  scope: { kind: 'site' },
  drill: false,
  seq: 5,
  startedAt: '2026-11-22T10:02:00.000Z',
  by: 'principal',
  hazard: 'tornado',
  strategy: 'shelter-area',
};

const serverMessages: Record<string, ServerMessage> = {
  'welcome for a screen': {
    type: 'welcome',
    protocol: PROTOCOL_VERSION,
    build: '2026.11.22-abc123',
    seq: 5,
    heartbeatMs: 10_000,
    site: { id: 'maple-grove', name: 'Maple Grove Middle School', timeZone: 'America/Chicago', units: 'feet' },
    screen: {
      id: 'main-1-east',
      name: 'East hallway, 1st floor',
      location: '1st floor, east hallway by room 104',
      language: 'en',
      buildingId: 'main',
      buildingName: 'Main Building',
      floorId: 'main-1',
      floorName: '1st floor',
      zoneId: 'east-wing',
      zoneName: 'East wing',
    },
    user: null,
  },
  'welcome for a console': {
    type: 'welcome',
    protocol: PROTOCOL_VERSION,
    build: '2026.11.22-abc123',
    seq: 0,
    heartbeatMs: 10_000,
    site: { id: 'maple-grove', name: 'Maple Grove Middle School', timeZone: 'America/Chicago', units: 'feet' },
    screen: null,
    user: { username: 'office', role: 'office' },
  },
  snapshot: { type: 'snapshot', seq: 5, modes: [lockdown, evacuate, shelter], priority: [...DEFAULT_PRIORITY], hazards: { areaIds: ['east-hall'], blockedPoiIds: [] } },
  'modes-changed after a mode was set': {
    type: 'modes-changed',
    seq: 5,
    modes: [lockdown, evacuate, shelter],
    priority: [...DEFAULT_PRIORITY],
    hazards: { areaIds: [], blockedPoiIds: ['exit-east'] },
    change: { kind: 'set', seq: 5 },
  },
  'modes-changed after an All Clear': {
    type: 'modes-changed',
    seq: 6,
    modes: [],
    priority: [...DEFAULT_PRIORITY],
    hazards: { areaIds: [], blockedPoiIds: [] },
    change: { kind: 'clear', scope: { kind: 'site' }, drill: false, cleared: [3, 4, 5] },
  },
  pong: { type: 'pong', t: 1_764_000_000_000 },
  error: { type: 'error', code: 'unknown_message', message: 'unknown message type "party"' },
  state: {
    type: 'state',
    state: {
      seq: 3,
      modes: [lockdown],
      priority: [...DEFAULT_PRIORITY],
      hazards: { areaIds: [], blockedPoiIds: [] },
      screens: [
        {
          id: 'gym',
          name: 'Gym',
          location: 'Gymnasium, by the north doors',
          buildingId: 'main',
          floorId: 'main-1',
          zoneId: 'gym',
          online: true,
          lastSeenAt: '2026-11-22T10:00:00.040Z',
          build: '2026.11.22-abc123',
          appStartedAt: '2026-11-23T07:00:00.000Z',
          contentRevision: 3,
          sound: 'ok',
          lastReceipt: { seq: 3, activeSeq: 3, mode: 'lockdown', drill: true, at: '2026-11-22T10:00:00.040Z' },
          expected: { activeSeq: 3, mode: 'lockdown', drill: true, since: 3 },
          confirmed: true,
          confirmedAfterMs: 40,
        },
      ],
      rollCall: [
        {
          activeSeq: 3,
          mode: 'lockdown',
          drill: true,
          scope: { kind: 'building', buildingId: 'main' },
          since: '2026-11-22T10:00:00.000Z',
          expected: 1,
          confirmed: 1,
          slowestMs: 40,
          unconfirmed: [],
        },
      ],
    },
  },
};

serverMessages['state-delta'] = {
  type: 'state-delta',
  seq: 4,
  modes: [lockdown],
  priority: [...DEFAULT_PRIORITY],
  hazards: { areaIds: [], blockedPoiIds: [] },
  rollCall: [{ activeSeq: 3, mode: 'lockdown', drill: true, scope: { kind: 'building', buildingId: 'main' }, since: '2026-11-22T10:00:00.000Z', expected: 2, confirmed: 1, slowestMs: 40 }],
  expected: [{ activeSeq: 3, mode: 'lockdown', drill: true, since: 3, screenIds: ['cafeteria'] }],
  receipts: [{ seq: 3, activeSeq: 3, mode: 'lockdown', drill: true, screens: [['library', 1_763_805_600_040, true, 40]] }],
  screens: [
    {
      id: 'gym',
      online: true,
      lastSeenAt: '2026-11-22T10:00:00.040Z',
      build: '2026.11.22-abc123',
      appStartedAt: null,
      contentRevision: 3,
      sound: 'blocked',
      lastReceipt: { seq: 3, activeSeq: 3, mode: 'lockdown', drill: true, at: '2026-11-22T10:00:00.040Z' },
      expected: { activeSeq: 3, mode: 'lockdown', drill: true, since: 3 },
      confirmed: true,
      confirmedAfterMs: 40,
    },
  ],
};

/** Valid JSON of exactly `length` characters: a ping padded with trailing whitespace. */
function paddedPing(length: number): string {
  const frame = encode(ping);
  return frame + ' '.repeat(length - frame.length);
}

const json = (value: unknown) => JSON.stringify(value);

/** Frames built to trip a careless parser: wrong shapes, prototype keys, deep nesting, huge strings. */
const hostileFrames: Record<string, string> = {
  'empty frame': '',
  'null': 'null',
  'true': 'true',
  'a number': '42',
  'an overflowing number': '1e999',
  'a string': '"hello"',
  'an empty array': '[]',
  'an array holding a valid message': json([ping]),
  'an empty object': '{}',
  'a null type': '{"type":null}',
  'an object type': '{"type":{}}',
  'an array type': '{"type":["hello"]}',
  'a __proto__ type': '{"type":"__proto__"}',
  'a constructor type': '{"type":"constructor"}',
  'a toString type': '{"type":"toString"}',
  'a hasOwnProperty type': '{"type":"hasOwnProperty"}',
  'a message hidden under __proto__': '{"__proto__":{"type":"ping","t":1}}',
  'a hello whose fields are under __proto__': `{"type":"hello","__proto__":${json({ ...hello, type: undefined })}}`,
  'deeply nested arrays': '['.repeat(30_000) + ']'.repeat(30_000),
  'unterminated deep nesting': '['.repeat(60_000),
  'long text that is not JSON': 'x'.repeat(MAX_FRAME_BYTES - 1),
  'a long JSON string cut short': '{"type":"ping","t":"' + 'x'.repeat(MAX_FRAME_BYTES - 30),
  'deeply nested objects': '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
  'a ping whose time is deeply nested': `{"type":"ping","t":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
  'a hello whose build is a huge string': json({ ...hello, build: 'x'.repeat(MAX_FRAME_BYTES - 200) }),
  'a ten-megabyte string': json('x'.repeat(10_000_000)),
  'a ten-megabyte hello': json({ ...hello, build: 'x'.repeat(10_000_000) }),
  'a NUL character': '\u0000',
  'a lone surrogate': '"\ud800"',
  'a byte-order mark before a valid message': '\ufeff' + encode(ping),
  'trailing garbage after a valid message': encode(ping) + 'garbage',
  'an infinite time': '{"type":"ping","t":1e999}',
  'a receipt with a negative sequence': json({ ...receipt, seq: -1 }),
  'a receipt with a fractional sequence': json({ ...receipt, seq: 1.5 }),
};

const failureCodes = (result: ParseResult<unknown>) => (result.ok ? null : result.code);

// ── display → hub ────────────────────────────────────────────────────────────────────────────────────────────

describe('parseClientMessage', () => {
  it('accepts a screen hello, with or without a device token', () => {
    expect(parseClientMessage(encode(hello))).toEqual({ ok: true, message: hello });
    const paired = { ...hello, token: 'd3v1ce-t0ken', lastSeq: 42 };
    expect(parseClientMessage(encode(paired))).toEqual({ ok: true, message: paired });
  });

  it('accepts a screen hello that says whether it can sound its tones', () => {
    const withSound = { ...hello, sound: 'ok' } as const;
    expect(parseClientMessage(encode(withSound))).toEqual({ ok: true, message: withSound });
    expect(parseClientMessage(JSON.stringify({ ...hello, sound: 'loud' }))).toMatchObject({ ok: false, code: 'bad_request' });
  });

  it('accepts a console hello, a render receipt, a ping and a health report', () => {
    for (const message of [consoleHello, receipt, ping, health]) {
      expect(parseClientMessage(encode(message))).toEqual({ ok: true, message });
    }
  });

  it('accepts a receipt for normal (activeSeq 0, not a drill)', () => {
    const normal = { type: 'receipt', seq: 7, activeSeq: 0, mode: 'normal', drill: false } as const;
    expect(parseClientMessage(encode(normal))).toEqual({ ok: true, message: normal });
  });

  it('rejects a frame that is not JSON as invalid_json', () => {
    for (const raw of ['', 'hello', '{"type":', "{'type':'ping','t':1}", '{type:"ping",t:1}']) {
      expect(parseClientMessage(raw), raw).toMatchObject({ ok: false, code: 'invalid_json' });
    }
  });

  it('rejects an unknown, missing or non-string type as unknown_message', () => {
    const frames = [
      json({ type: 'party' }),
      json({ type: 'HELLO' }),
      json({ seq: 1, activeSeq: 1, mode: 'hold', drill: false }),
      json({ type: 7 }),
      'null',
      '[]',
      '"ping"',
      '42',
    ];
    for (const raw of frames) expect(parseClientMessage(raw), raw).toMatchObject({ ok: false, code: 'unknown_message' });
  });

  it('rejects a message the hub sends when a display sends it', () => {
    for (const message of Object.values(serverMessages)) {
      expect(parseClientMessage(encode(message)), message.type).toMatchObject({ ok: false, code: 'unknown_message' });
    }
  });

  it('rejects a known type with wrong or missing fields as bad_request', () => {
    const frames: Record<string, unknown> = {
      'hello with a negative lastSeq': { ...hello, lastSeq: -1 },
      'hello with a fractional lastSeq': { ...hello, lastSeq: 0.5 },
      'hello with a string lastSeq': { ...hello, lastSeq: '3' },
      'hello with an uppercase screen id': { ...hello, screenId: 'Main-1-East' },
      'hello with a screen id containing spaces': { ...hello, screenId: 'main 1 east' },
      'hello with an empty screen id': { ...hello, screenId: '' },
      'hello without a screen id': { ...hello, screenId: undefined },
      'hello without a token (it must be explicitly null)': { ...hello, token: undefined },
      'hello with a fractional protocol': { ...hello, protocol: 1.5 },
      'hello with an over-long build': { ...hello, build: 'x'.repeat(65) },
      'console hello without a build': { type: 'console-hello', protocol: PROTOCOL_VERSION },
      'receipt for an unknown mode': { ...receipt, mode: 'party' },
      'receipt with a string drill flag': { ...receipt, drill: 'true' },
      'receipt without a drill flag': { ...receipt, drill: undefined },
      'receipt with a negative activeSeq': { ...receipt, activeSeq: -3 },
      'ping without a time': { type: 'ping' },
      'ping with a string time': { type: 'ping', t: 'now' },
    };
    for (const [name, message] of Object.entries(frames)) {
      const result = parseClientMessage(json(message));
      expect(result, name).toMatchObject({ ok: false, code: 'bad_request' });
      if (!result.ok) expect(result.message, name).not.toBe('');
    }
  });

  it('accepts a frame of exactly MAX_FRAME_BYTES and rejects one byte more as bad_request', () => {
    expect(parseClientMessage(paddedPing(MAX_FRAME_BYTES))).toEqual({ ok: true, message: ping });
    expect(parseClientMessage(paddedPing(MAX_FRAME_BYTES + 1))).toMatchObject({ ok: false, code: 'bad_request' });
  });

  it('counts the limit in bytes, so multi-byte characters cannot smuggle a larger frame past it', () => {
    const accents = JSON.stringify({ type: 'ping', t: 1, pad: 'é'.repeat(40_000) }); // 40,030 characters, 80,030 bytes
    expect(accents.length).toBeLessThan(MAX_FRAME_BYTES);
    expect(parseClientMessage(accents)).toMatchObject({ ok: false, code: 'bad_request' });
    const fits = JSON.stringify({ type: 'ping', t: 1, pad: 'é'.repeat(20_000) }); // 40,030 bytes
    expect(parseClientMessage(fits)).toMatchObject({ ok: true });
  });

  it('rejects an oversize frame as bad_request even when it is not JSON', () => {
    expect(parseClientMessage('x'.repeat(MAX_FRAME_BYTES + 1))).toMatchObject({ ok: false, code: 'bad_request' });
  });

  it('never throws and never accepts a hostile frame', () => {
    for (const [name, raw] of Object.entries(hostileFrames)) {
      let result: ParseResult<ClientMessage> | undefined;
      expect(() => (result = parseClientMessage(raw)), name).not.toThrow();
      expect(result, name).toMatchObject({ ok: false });
    }
  });

  it('does not let a __proto__ or constructor key pollute prototypes or leak into the message', () => {
    const result = parseClientMessage('{"type":"ping","t":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    expect(result).toEqual({ ok: true, message: { type: 'ping', t: 1 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });
});

// ── hub → display ────────────────────────────────────────────────────────────────────────────────────────────

describe('message builders', () => {
  it('build a welcome, a snapshot and an error that parse as the messages they name', () => {
    const built = [
      welcomeMessage({ build: 'b', seq: 2, heartbeatMs: 10_000, site: { id: 's', name: 'S', timeZone: 'UTC', units: 'metres' }, screen: null, user: { username: 'office', role: 'office' } }),
      snapshotMessage({ seq: 2, modes: [lockdown], hazards: { areaIds: [], blockedPoiIds: [] } }, DEFAULT_PRIORITY),
      errorMessage('rate_limited', 'Too many messages; slow down.'),
    ];
    expect(built.map((message) => message.type)).toEqual(['welcome', 'snapshot', 'error']);
    for (const message of built) expect(parseServerMessage(encode(message))).toEqual({ ok: true, message });
    expect(built[0]).toMatchObject({ protocol: PROTOCOL_VERSION });
  });
});

describe('parseServerMessage', () => {
  it.each(Object.entries(serverMessages))('round-trips an encoded %s', (_name, message) => {
    expect(parseServerMessage(encode(message))).toEqual({ ok: true, message });
  });

  it('rejects a message a display sends when the hub sends it', () => {
    for (const message of [hello, consoleHello, receipt, ping, health]) {
      expect(parseServerMessage(encode(message)), message.type).toMatchObject({ ok: false, code: 'unknown_message' });
    }
  });

  it('takes the default tones for a welcome whose tones this app does not know, rather than refuse the welcome', () => {
    const welcome = serverMessages['welcome for a screen'] as Extract<ServerMessage, { type: 'welcome' }>;
    const tones = { hold: 'chime', secure: 'chime', lockdown: 'none', evacuate: 'whoop', shelter: 'pulses', allClear: 'rising-chime' } as const;
    expect(parseServerMessage(encode({ ...welcome, site: { ...welcome.site, tones } }))).toMatchObject({ ok: true, message: { site: { tones } } });
    const parsed = parseServerMessage(JSON.stringify({ ...welcome, site: { ...welcome.site, tones: { ...tones, lockdown: 'klaxon-2030' } } }));
    expect(parsed).toMatchObject({ ok: true, message: { type: 'welcome', site: { id: 'maple-grove' } } });
    expect(parsed.ok && parsed.message.type === 'welcome' && parsed.message.site.tones).toBeUndefined();
  });

  it('rejects a snapshot that lists normal as an active mode', () => {
    const snapshot = { ...serverMessages.snapshot!, modes: [{ ...lockdown, mode: 'normal' }] };
    expect(parseServerMessage(json(snapshot))).toMatchObject({ ok: false, code: 'bad_request' });
  });

  it('rejects a shelter without its strategy or an evacuation without its destination', () => {
    const { strategy: _strategy, ...shelterWithoutStrategy } = shelter as Extract<ActiveMode, { mode: 'shelter' }>;
    const { destination: _destination, ...evacuateWithoutDestination } = evacuate as Extract<ActiveMode, { mode: 'evacuate' }>;
    for (const mode of [shelterWithoutStrategy, evacuateWithoutDestination]) {
      const snapshot = { ...serverMessages.snapshot!, modes: [mode] };
      expect(parseServerMessage(json(snapshot)), mode.mode).toMatchObject({ ok: false, code: 'bad_request' });
    }
  });

  it('rejects an error message whose code is outside the closed set', () => {
    expect(parseServerMessage(json({ type: 'error', code: 'oops', message: 'x' }))).toMatchObject({ ok: false, code: 'bad_request' });
  });

  it('rejects a modes-changed with an unknown change kind', () => {
    const changed = { ...serverMessages['modes-changed after a mode was set']!, change: { kind: 'undo', seq: 5 } };
    expect(parseServerMessage(json(changed))).toMatchObject({ ok: false, code: 'bad_request' });
  });

  it('rejects non-JSON, unknown types and oversize frames with their codes', () => {
    expect(parseServerMessage('<html>')).toMatchObject({ ok: false, code: 'invalid_json' });
    expect(parseServerMessage(json({ type: 'party' }))).toMatchObject({ ok: false, code: 'unknown_message' });
    expect(parseServerMessage(encode(serverMessages.pong!) + ' '.repeat(MAX_FRAME_BYTES))).toMatchObject({ ok: true });
    expect(parseServerMessage(encode(serverMessages.pong!) + ' '.repeat(MAX_SERVER_FRAME_BYTES))).toMatchObject({ ok: false, code: 'bad_request' });
  });

  it('never throws and never accepts a hostile frame', () => {
    for (const [name, raw] of Object.entries(hostileFrames)) {
      let result: ParseResult<ServerMessage> | undefined;
      expect(() => (result = parseServerMessage(raw)), name).not.toThrow();
      expect(result, name).toMatchObject({ ok: false });
    }
  });
});

// ── constants ────────────────────────────────────────────────────────────────────────────────────────────────

describe('CLOSE_CODES', () => {
  it('are distinct integers in the 4000–4999 application range', () => {
    const codes = Object.values(CLOSE_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(Number.isInteger(code)).toBe(true);
      expect(code).toBeGreaterThanOrEqual(4000);
      expect(code).toBeLessThanOrEqual(4999);
    }
  });
});

describe('parse failure codes', () => {
  type ParseFailureCode = Extract<ParseResult<unknown>, { ok: false }>['code'];
  // Exhaustive by type: adding a failure code to ParseResult without listing it here breaks the typecheck.
  const parseFailureCodes = { invalid_json: true, unknown_message: true, bad_request: true } satisfies Record<ParseFailureCode, true>;

  it('are all members of the shared ERROR_CODES', () => {
    expectTypeOf<ParseFailureCode>().toExtend<ErrorCode>();
    for (const code of Object.keys(parseFailureCodes)) expect(ERROR_CODES).toContain(code);
  });

  it('are the only codes the parsers actually return', () => {
    const seen = new Set<string>();
    for (const raw of Object.values(hostileFrames)) {
      for (const code of [failureCodes(parseClientMessage(raw)), failureCodes(parseServerMessage(raw))]) if (code) seen.add(code);
    }
    expect([...seen].sort()).toEqual(Object.keys(parseFailureCodes).sort());
  });
});
