// Unit tests for the emergency mode catalogue, the priority order and effective-mode resolution.
import { describe, expect, it } from 'vitest';
import { ActiveModeSchema, EMERGENCY_MODES, MODE_IDS, LANGUAGES } from './model.ts';
import type { ActiveMode, EmergencyModeId, ModeId, Scope } from './model.ts';
import {
  DEFAULT_PRIORITY,
  DEFAULT_STRATEGY,
  MODE_CATALOGUE,
  effectiveModeFor,
  isEmergency,
  modeTextFor,
  sameScope,
  scopeContains,
  scopeCovers,
  scopeKey,
  shelterInWords,
  announcementFor,
} from './modes.ts';
import type { Placement } from './modes.ts';
import { mulberry32 } from '../test/helpers/seeded-random.ts';

// ── fixtures ─────────────────────────────────────────────────────────────────────────────────────────────────

const site: Scope = { kind: 'site' };
const mainBuilding: Scope = { kind: 'building', buildingId: 'main' };
const annexBuilding: Scope = { kind: 'building', buildingId: 'annex' };
const eastWing: Scope = { kind: 'zone', zoneId: 'east-wing' };
const westWing: Scope = { kind: 'zone', zoneId: 'west-wing' };
const annexClassrooms: Scope = { kind: 'zone', zoneId: 'annex-classrooms' };
const ALL_SCOPES: readonly Scope[] = [site, mainBuilding, annexBuilding, eastWing, westWing, annexClassrooms];

const zones = {
  zones: [
    { id: 'east-wing', name: 'East wing', buildingId: 'main' },
    { id: 'west-wing', name: 'West wing', buildingId: 'main' },
    { id: 'annex-classrooms', name: 'Annex classrooms', buildingId: 'annex' },
  ],
};

const inEastWing: Placement = { buildingId: 'main', zoneId: 'east-wing' };
const inWestWing: Placement = { buildingId: 'main', zoneId: 'west-wing' };
const inMainWithoutZone: Placement = { buildingId: 'main', zoneId: null };
const inAnnex: Placement = { buildingId: 'annex', zoneId: 'annex-classrooms' };
const ALL_PLACEMENTS: readonly Placement[] = [inEastWing, inWestWing, inMainWithoutZone, inAnnex];

/** A valid active mode (checked against its schema, so fixtures cannot drift from the model). */
function activeMode(mode: EmergencyModeId, scope: Scope, { seq, drill = false }: { seq: number; drill?: boolean }): ActiveMode {
  const base = { scope, drill, seq, startedAt: new Date(Date.UTC(2026, 10, 22, 10, 0, 0, seq)).toISOString(), by: 'office' };
  switch (mode) {
    case 'evacuate':
      return ActiveModeSchema.parse({ ...base, mode, destination: 'North athletic field' });
    case 'shelter':
      return ActiveModeSchema.parse({ ...base, mode, hazard: 'tornado', strategy: 'shelter-area' });
    default:
      return ActiveModeSchema.parse({ ...base, mode });
  }
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1, 4).map((part) => {
    const channel = parseInt(part, 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White drawn at `opacity` over a #rrggbb colour, as the browser blends it. */
function whiteOver(hex: string, opacity: number): string {
  const channels = hex.slice(1).match(/../g)!.map((part) => Math.round(255 * opacity + parseInt(part, 16) * (1 - opacity)));
  return `#${channels.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

// ── scopes ───────────────────────────────────────────────────────────────────────────────────────────────────

describe('scopeContains', () => {
  it('puts every screen inside the site scope', () => {
    for (const placement of ALL_PLACEMENTS) expect(scopeContains(site, placement)).toBe(true);
  });

  it('puts a building’s screens, zoned or not, inside its building scope and no other', () => {
    expect(scopeContains(mainBuilding, inEastWing)).toBe(true);
    expect(scopeContains(mainBuilding, inWestWing)).toBe(true);
    expect(scopeContains(mainBuilding, inMainWithoutZone)).toBe(true);
    expect(scopeContains(mainBuilding, inAnnex)).toBe(false);
    expect(scopeContains(annexBuilding, inEastWing)).toBe(false);
  });

  it('puts only the zone’s own screens inside a zone scope', () => {
    expect(scopeContains(eastWing, inEastWing)).toBe(true);
    expect(scopeContains(eastWing, inWestWing)).toBe(false);
    expect(scopeContains(eastWing, inMainWithoutZone)).toBe(false);
    expect(scopeContains(eastWing, inAnnex)).toBe(false);
  });
});

describe('scopeCovers', () => {
  it('lets the site cover every scope', () => {
    for (const inner of ALL_SCOPES) expect(scopeCovers(site, inner, zones)).toBe(true);
  });

  it('lets a building cover itself and its own zones, but not other buildings, their zones or the site', () => {
    expect(scopeCovers(mainBuilding, mainBuilding, zones)).toBe(true);
    expect(scopeCovers(mainBuilding, eastWing, zones)).toBe(true);
    expect(scopeCovers(mainBuilding, westWing, zones)).toBe(true);
    expect(scopeCovers(mainBuilding, annexBuilding, zones)).toBe(false);
    expect(scopeCovers(mainBuilding, annexClassrooms, zones)).toBe(false);
    expect(scopeCovers(mainBuilding, site, zones)).toBe(false);
  });

  it('does not let a building cover a zone the site does not know', () => {
    expect(scopeCovers(mainBuilding, { kind: 'zone', zoneId: 'nowhere' }, zones)).toBe(false);
  });

  it('lets a zone cover only itself', () => {
    expect(scopeCovers(eastWing, eastWing, zones)).toBe(true);
    expect(scopeCovers(eastWing, westWing, zones)).toBe(false);
    expect(scopeCovers(eastWing, mainBuilding, zones)).toBe(false);
    expect(scopeCovers(eastWing, site, zones)).toBe(false);
  });
});

describe('scopeKey and sameScope', () => {
  it('give each scope a readable, stable key', () => {
    expect(scopeKey(site)).toBe('site');
    expect(scopeKey(mainBuilding)).toBe('building:main');
    expect(scopeKey(eastWing)).toBe('zone:east-wing');
  });

  it('give different scopes different keys, even a building and a zone with the same id', () => {
    const scopes = [...ALL_SCOPES, { kind: 'zone', zoneId: 'main' } as const];
    expect(new Set(scopes.map(scopeKey)).size).toBe(scopes.length);
  });

  it('treat two scopes as the same exactly when kind and id match', () => {
    expect(sameScope(mainBuilding, { kind: 'building', buildingId: 'main' })).toBe(true);
    expect(sameScope(site, { kind: 'site' })).toBe(true);
    expect(sameScope(mainBuilding, annexBuilding)).toBe(false);
    expect(sameScope(mainBuilding, { kind: 'zone', zoneId: 'main' })).toBe(false);
    expect(sameScope(eastWing, westWing)).toBe(false);
  });
});

// ── effective mode ───────────────────────────────────────────────────────────────────────────────────────────

describe('effectiveModeFor', () => {
  it('returns null (normal) when no mode is active', () => {
    for (const placement of ALL_PLACEMENTS) expect(effectiveModeFor(placement, [])).toBeNull();
  });

  it('shows a site mode on every screen of every building', () => {
    const hold = activeMode('hold', site, { seq: 1 });
    for (const placement of ALL_PLACEMENTS) expect(effectiveModeFor(placement, [hold])).toBe(hold);
  });

  it('shows a building mode in that building only', () => {
    const secure = activeMode('secure', mainBuilding, { seq: 1 });
    expect(effectiveModeFor(inEastWing, [secure])).toBe(secure);
    expect(effectiveModeFor(inMainWithoutZone, [secure])).toBe(secure);
    expect(effectiveModeFor(inAnnex, [secure])).toBeNull();
  });

  it('does not let a zone mode reach another zone of the same building, or a screen with no zone', () => {
    const lockdown = activeMode('lockdown', eastWing, { seq: 1 });
    expect(effectiveModeFor(inEastWing, [lockdown])).toBe(lockdown);
    expect(effectiveModeFor(inWestWing, [lockdown])).toBeNull();
    expect(effectiveModeFor(inMainWithoutZone, [lockdown])).toBeNull();
    expect(effectiveModeFor(inAnnex, [lockdown])).toBeNull();
  });

  it('gives a site Hold plus a zone Lockdown Lockdown in that zone only', () => {
    const hold = activeMode('hold', site, { seq: 1 });
    const lockdown = activeMode('lockdown', eastWing, { seq: 2 });
    for (const modes of [[hold, lockdown], [lockdown, hold]]) {
      expect(effectiveModeFor(inEastWing, modes)).toBe(lockdown);
      expect(effectiveModeFor(inWestWing, modes)).toBe(hold);
      expect(effectiveModeFor(inMainWithoutZone, modes)).toBe(hold);
      expect(effectiveModeFor(inAnnex, modes)).toBe(hold);
    }
  });

  it('follows lockdown > evacuate > shelter > secure > hold whatever the scopes, order or sequence, among drills and among real events', () => {
    const order: EmergencyModeId[] = ['lockdown', 'evacuate', 'shelter', 'secure', 'hold'];
    for (let i = 0; i < order.length; i++) {
      for (let j = i + 1; j < order.length; j++) {
        const higher = order[i]!;
        const lower = order[j]!;
        for (const [higherScope, lowerScope] of [[eastWing, site], [site, eastWing], [mainBuilding, eastWing]] as const) {
          for (const [higherSeq, lowerSeq] of [[1, 2], [2, 1]]) {
            for (const drill of [false, true]) {
              const winner = activeMode(higher, higherScope, { seq: higherSeq!, drill });
              const loser = activeMode(lower, lowerScope, { seq: lowerSeq!, drill });
              expect(effectiveModeFor(inEastWing, [winner, loser])).toBe(winner);
              expect(effectiveModeFor(inEastWing, [loser, winner])).toBe(winner);
            }
          }
        }
      }
    }
  });

  it('lets a custom priority list change which mode wins', () => {
    const lockdown = activeMode('lockdown', site, { seq: 1 });
    const hold = activeMode('hold', eastWing, { seq: 2 });
    expect(effectiveModeFor(inEastWing, [lockdown, hold])).toBe(lockdown);
    const holdFirst: ModeId[] = ['hold', 'lockdown', 'evacuate', 'shelter', 'secure', 'normal'];
    expect(effectiveModeFor(inEastWing, [lockdown, hold], holdFirst)).toBe(hold);
    expect(effectiveModeFor(inWestWing, [lockdown, hold], holdFirst)).toBe(lockdown);
  });

  it('still shows a mode missing from a custom priority list instead of normal', () => {
    const lockdown = activeMode('lockdown', site, { seq: 1 });
    expect(effectiveModeFor(inEastWing, [lockdown], ['hold', 'normal'])).toBe(lockdown);
    expect(effectiveModeFor(inEastWing, [lockdown], [])).toBe(lockdown);
  });

  it('ranks a mode missing from a custom priority list below every listed mode', () => {
    const lockdown = activeMode('lockdown', site, { seq: 2 });
    const hold = activeMode('hold', site, { seq: 1 });
    expect(effectiveModeFor(inEastWing, [lockdown, hold], ['hold', 'normal'])).toBe(hold);
    expect(effectiveModeFor(inEastWing, [hold, lockdown], ['hold', 'normal'])).toBe(hold);
  });

  it('lets a real event beat a drill of any priority, whichever is newer, wider or listed first', () => {
    const order: EmergencyModeId[] = ['lockdown', 'evacuate', 'shelter', 'secure', 'hold'];
    for (const realMode of order) {
      for (const drillMode of order) {
        for (const [realScope, drillScope] of [[site, eastWing], [eastWing, site], [mainBuilding, mainBuilding]] as const) {
          const real = activeMode(realMode, realScope, { seq: 1, drill: false });
          const drill = activeMode(drillMode, drillScope, { seq: 2, drill: true });
          expect(effectiveModeFor(inEastWing, [real, drill])).toBe(real);
          expect(effectiveModeFor(inEastWing, [drill, real])).toBe(real);
        }
      }
    }
  });

  it('shows a site-wide drill everywhere except where a real event is active', () => {
    const realHoldInMain = activeMode('hold', mainBuilding, { seq: 1, drill: false });
    const lockdownDrill = activeMode('lockdown', site, { seq: 2, drill: true });
    expect(effectiveModeFor(inEastWing, [realHoldInMain, lockdownDrill])).toBe(realHoldInMain);
    expect(effectiveModeFor(inAnnex, [realHoldInMain, lockdownDrill])).toBe(lockdownDrill);
  });

  it('lets a real event beat a drill of the same priority, whichever is newer or listed first', () => {
    for (const [realSeq, drillSeq] of [[1, 2], [2, 1]]) {
      for (const [realScope, drillScope] of [[site, eastWing], [eastWing, site], [mainBuilding, mainBuilding]] as const) {
        const real = activeMode('hold', realScope, { seq: realSeq!, drill: false });
        const drill = activeMode('hold', drillScope, { seq: drillSeq!, drill: true });
        expect(effectiveModeFor(inEastWing, [real, drill])).toBe(real);
        expect(effectiveModeFor(inEastWing, [drill, real])).toBe(real);
      }
    }
  });

  it('shows the most recent of two modes of the same priority and the same drill flag', () => {
    for (const drill of [false, true]) {
      const older = activeMode('evacuate', site, { seq: 4, drill });
      const newer = activeMode('evacuate', eastWing, { seq: 9, drill });
      expect(effectiveModeFor(inEastWing, [older, newer])).toBe(newer);
      expect(effectiveModeFor(inEastWing, [newer, older])).toBe(newer);
    }
  });

  it('always picks a containing mode that no other containing mode outranks (random sets, seeded)', () => {
    const random = mulberry32(0x5eed);
    const emergencyModes: readonly EmergencyModeId[] = EMERGENCY_MODES;
    for (let round = 0; round < 1000; round++) {
      const count = Math.floor(random() * 7);
      const seqs = shuffled(random, Array.from({ length: count }, (_, i) => i + 1));
      const modes = seqs.map((seq) => activeMode(pick(random, emergencyModes), pick(random, ALL_SCOPES), { seq, drill: random() < 0.5 }));
      const placement = pick(random, ALL_PLACEMENTS);
      const priority: readonly ModeId[] =
        random() < 0.5 ? DEFAULT_PRIORITY : shuffled(random, MODE_IDS).slice(0, Math.floor(random() * (MODE_IDS.length + 1)));
      const rank = (m: ActiveMode) => (priority.includes(m.mode) ? priority.indexOf(m.mode) : priority.length);
      const containing = modes.filter((m) => scopeContains(m.scope, placement));
      const context = JSON.stringify({ round, placement, priority, modes });

      const result = effectiveModeFor(placement, modes, priority);

      if (containing.length === 0) {
        expect(result, context).toBeNull();
        continue;
      }
      expect(result, context).not.toBeNull();
      expect(containing, context).toContain(result);
      for (const other of containing) {
        // A real event may never lose to a drill; among the same kind, rank then recency decide.
        if (!other.drill) expect(result!.drill, context).toBe(false);
        if (other.drill !== result!.drill) continue;
        expect(rank(other), context).toBeGreaterThanOrEqual(rank(result!));
        if (rank(other) === rank(result!)) expect(other.seq, context).toBeLessThanOrEqual(result!.seq);
      }
    }
  });
});

// ── wording ──────────────────────────────────────────────────────────────────────────────────────────────────

describe('modeTextFor with the school wording', () => {
  it('uses the school wording of the directive and steps, keeps the standard name, and falls back per language', () => {
    const lockdown = { mode: 'lockdown' as const, scope: { kind: 'site' as const }, drill: false, seq: 3, startedAt: '2026-11-23T10:00:00.000Z', by: 'office' };
    const wordings = { lockdown: { en: { directive: 'Lock, lights off, silent.', students: ['Hide.'], staff: ['Lock.'] } } };
    const english = modeTextFor(lockdown, 'en', wordings);
    expect(english).toMatchObject({ name: 'Lockdown', directive: 'Lock, lights off, silent.', students: ['Hide.'], staff: ['Lock.'] });
    expect(modeTextFor(lockdown, 'es', wordings).directive).toBe(MODE_CATALOGUE.lockdown.text.es.directive);
    expect(modeTextFor(null, 'en', wordings).directive).toBe(MODE_CATALOGUE.normal.text.en.directive);
  });
});

describe('modeTextFor', () => {
  it('fills an evacuation’s detail with its destination, in either language', () => {
    const evacuate = activeMode('evacuate', site, { seq: 1 });
    const english = modeTextFor(evacuate, 'en');
    expect(english.name).toBe('Evacuate');
    expect(english.directive).toBe('Leave the building by the nearest safe exit.');
    expect(english.detail).toBe('Go to North athletic field');
    const spanish = modeTextFor(evacuate, 'es');
    expect(spanish.directive).toBe(MODE_CATALOGUE.evacuate.text.es.directive);
    expect(spanish.detail).toBe('Vayan a North athletic field');
  });

  it('gives the office the SRP script for the PA, with destination, hazard and strategy filled in', () => {
    expect(announcementFor(activeMode('evacuate', site, { seq: 1 }))).toBe('Evacuate! To North athletic field.');
    const tornado = ActiveModeSchema.parse({ ...activeMode('hold', site, { seq: 2 }), mode: 'shelter', hazard: 'tornado', strategy: 'shelter-area' });
    expect(announcementFor(tornado)).toBe('Shelter! For tornado. Go to the shelter area.');
    expect(announcementFor(activeMode('lockdown', site, { seq: 3 }), 'es')).toBe('¡Encierro! Cerraduras, luces, fuera de vista.');
    const own = { evacuate: { en: { directive: 'Leave now.', announcement: 'Attention please: evacuate to {destination}, now.', students: [], staff: [] } } };
    expect(announcementFor(activeMode('evacuate', site, { seq: 4 }), 'en', own)).toBe('Attention please: evacuate to North athletic field, now.');
  });

  it('fills a shelter’s detail with the hazard and the strategy in the requested language', () => {
    const hazmat = ActiveModeSchema.parse({
      mode: 'shelter',
      scope: site,
      drill: false,
      seq: 3,
      startedAt: '2026-11-22T10:00:00.000Z',
      by: 'office',
      hazard: 'hazmat',
      strategy: 'seal-the-room',
    });
    const english = modeTextFor(hazmat, 'en');
    expect(english.directive).toBe('Take shelter now.');
    expect(english.detail).toContain('Hazardous materials');
    expect(english.detail).toContain('Seal the room');

    const spanish = modeTextFor(hazmat, 'es');
    expect(spanish.name).toBe(MODE_CATALOGUE.shelter.text.es.name);
    expect(spanish.detail).toContain('Materiales peligrosos');
    expect(spanish.detail).toContain('Sellen el salón');
    expect(spanish.detail).not.toContain('Hazardous');
    expect(spanish.detail).not.toContain('Seal the room');
  });

  it('gives normal, and modes without details, a null detail', () => {
    const normal = modeTextFor(null, 'en');
    expect(normal.name).toBe('All Clear');
    expect(normal.detail).toBeNull();
    expect(modeTextFor(null, 'es').name).toBe(MODE_CATALOGUE.normal.text.es.name);
    expect(modeTextFor(activeMode('lockdown', site, { seq: 1 }), 'en')).toMatchObject({ name: 'Lockdown', detail: null });
  });
});

// ── catalogue ────────────────────────────────────────────────────────────────────────────────────────────────

describe('the mode catalogue', () => {
  it('has one entry per mode, filed under its own id', () => {
    expect(Object.keys(MODE_CATALOGUE).sort()).toEqual([...MODE_IDS].sort());
    for (const id of MODE_IDS) expect(MODE_CATALOGUE[id].id).toBe(id);
  });

  it('words every mode in every language with a non-empty name and directive', () => {
    for (const id of MODE_IDS) {
      for (const language of LANGUAGES) {
        const text = MODE_CATALOGUE[id].text[language];
        expect(text.name.trim(), `${id}/${language}`).not.toBe('');
        expect(text.directive.trim(), `${id}/${language}`).not.toBe('');
      }
    }
  });

  it('gives every emergency mode at least one staff step in every language', () => {
    for (const id of EMERGENCY_MODES) {
      for (const language of LANGUAGES) {
        const staff = MODE_CATALOGUE[id].text[language].staff;
        expect(staff.length, `${id}/${language}`).toBeGreaterThan(0);
        for (const step of staff) expect(step.trim()).not.toBe('');
      }
    }
  });

  it('translates the Spanish wording rather than repeating the English', () => {
    for (const id of MODE_IDS) {
      expect(MODE_CATALOGUE[id].text.es.directive, id).not.toBe(MODE_CATALOGUE[id].text.en.directive);
    }
  });

  it('keeps white text readable on every emergency colour (WCAG contrast at least 4.5:1)', () => {
    // Sanity check of the formula itself: black on white is 21:1.
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    for (const id of EMERGENCY_MODES) {
      expect(contrastRatio(MODE_CATALOGUE[id].color, '#ffffff'), `${id} ${MODE_CATALOGUE[id].color}`).toBeGreaterThanOrEqual(4.5);
      // The takeover's smaller headings are white at 90% opacity.
      const heading = whiteOver(MODE_CATALOGUE[id].color, 0.9);
      expect(contrastRatio(MODE_CATALOGUE[id].color, heading), `${id} ${MODE_CATALOGUE[id].color} under 90% white`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('uses the Standard Response Protocol directives in English', () => {
    expect(MODE_CATALOGUE.hold.text.en.directive).toBe('In your room or area. Clear the halls.');
    expect(MODE_CATALOGUE.secure.text.en.directive).toBe('Get inside. Lock outside doors.');
    expect(MODE_CATALOGUE.lockdown.text.en.directive).toBe('Locks, lights, out of sight.');
    // The SRP's short forms are the office's PA script; screens tell the reader what to do now.
    expect(MODE_CATALOGUE.evacuate.text.en.announcement).toBe('Evacuate! To {destination}.');
    expect(MODE_CATALOGUE.evacuate.text.en.directive).toBe('Leave the building by the nearest safe exit.');
    expect(MODE_CATALOGUE.shelter.text.en.directive).toBe('Take shelter now.');
  });

  it('orders priority lockdown > evacuate > shelter > secure > hold > normal by default', () => {
    expect(DEFAULT_PRIORITY).toEqual(['lockdown', 'evacuate', 'shelter', 'secure', 'hold', 'normal']);
  });

  it('picks each hazard’s usual strategy: tornado → shelter area, hazmat → seal the room, earthquake → drop/cover/hold', () => {
    expect(DEFAULT_STRATEGY.tornado).toBe('shelter-area');
    expect(DEFAULT_STRATEGY.hazmat).toBe('seal-the-room');
    expect(DEFAULT_STRATEGY.earthquake).toBe('drop-cover-hold');
  });

  it('counts every mode but normal as an emergency', () => {
    expect(isEmergency('normal')).toBe(false);
    for (const id of EMERGENCY_MODES) expect(isEmergency(id)).toBe(true);
  });
});

describe('shelterInWords', () => {
  it('says the hazard and the strategy in words, in the screen’s language, never as codes', () => {
    expect(shelterInWords('tornado', 'shelter-area')).toBe('Tornado: Go to the shelter area');
    expect(shelterInWords('hazmat', 'seal-the-room', 'es')).toBe('Materiales peligrosos: Sellen el salón');
  });
});
