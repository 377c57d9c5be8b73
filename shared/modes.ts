// The emergency mode catalogue (wording, colours, icons), the priority order, and effective-mode resolution.
// Default wording follows the public Standard Response Protocol of the "I Love U Guys" Foundation;
// every text is editable per school and per language.
import type {
  ActiveMode,
  EmergencyModeId,
  Language,
  ModeId,
  Scope,
  Screen,
  ShelterHazard,
  ShelterStrategy,
  Site,
} from './model.ts';
import { NO_WORDINGS, wordingOf, type ModeWordings } from './mode-texts.ts';

export interface ModeText {
  /** The mode's name as shown huge on a takeover ("LOCKDOWN"). */
  name: string;
  /** What the screen tells its reader to do now, in plain words ("Leave the building by the route shown."). */
  directive: string;
  /**
   * The office's script for the PA, the Standard Response Protocol's short form ("Evacuate! To {destination}.").
   * {destination}, {hazard} and {strategy} are filled in by announcementFor.
   */
  announcement: string;
  students: string[];
  staff: string[];
}

export interface ModeDefinition {
  id: ModeId;
  /**
   * Background colour of the takeover; white text must stay readable on it (contrast ≥ 4.5:1), even white at 90%
   * opacity, as screens draw their smaller headings (axe's colour-contrast check in test/e2e/accessibility.test.ts).
   */
  color: string;
  /** SVG path data on a 24×24 view box. */
  icon: string;
  text: Record<Language, ModeText>;
}

export const DEFAULT_PRIORITY: readonly ModeId[] = ['lockdown', 'evacuate', 'shelter', 'secure', 'hold', 'normal'];

export const MODE_CATALOGUE: Readonly<Record<ModeId, ModeDefinition>> = {
  normal: {
    id: 'normal',
    color: '#1f2937',
    icon: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
    text: {
      en: { name: 'All Clear', directive: 'Resume normal activities.', announcement: 'All Clear. Resume normal activities.', students: [], staff: [] },
      es: { name: 'Todo despejado', directive: 'Reanuden las actividades normales.', announcement: 'Todo despejado. Reanuden las actividades normales.', students: [], staff: [] },
    },
  },
  hold: {
    id: 'hold',
    color: '#6d28d9',
    icon: 'M6 5h4v14H6zm8 0h4v14h-4z',
    text: {
      en: {
        name: 'Hold',
        directive: 'In your room or area. Clear the halls.',
        announcement: 'Hold! In your room or area. Clear the halls.',
        students: ['Clear the hallways and stay in your room or area.', 'Do business as usual until the All Clear.'],
        staff: ['Close and lock the door.', 'Account for students and adults.', 'Do business as usual.'],
      },
      es: {
        name: 'Permanecer',
        directive: 'En su salón o área. Despejen los pasillos.',
        announcement: '¡Permanecer! En su salón o área. Despejen los pasillos.',
        students: ['Despejen los pasillos y quédense en su salón o área.', 'Sigan con sus actividades hasta el Todo despejado.'],
        staff: ['Cierren la puerta con llave.', 'Cuenten a estudiantes y adultos.', 'Sigan con las actividades normales.'],
      },
    },
  },
  secure: {
    id: 'secure',
    color: '#1d4ed8',
    icon: 'M12 2 4 5v6c0 5.5 3.4 10.3 8 11.6 4.6-1.3 8-6.1 8-11.6V5z',
    text: {
      en: {
        name: 'Secure',
        directive: 'Get inside. Lock outside doors.',
        announcement: 'Secure! Get inside. Lock outside doors.',
        students: ['Return to the inside of the building.', 'Do business as usual.'],
        staff: [
          'Bring everyone indoors.',
          'Lock outside doors.',
          'Increase situational awareness.',
          'Account for students and adults.',
          'Do business as usual.',
        ],
      },
      es: {
        name: 'Asegurar',
        directive: 'Entren. Cierren con llave las puertas exteriores.',
        announcement: '¡Asegurar! Entren. Cierren con llave las puertas exteriores.',
        students: ['Regresen al interior del edificio.', 'Sigan con sus actividades normales.'],
        staff: [
          'Traigan a todos adentro.',
          'Cierren con llave las puertas exteriores.',
          'Aumenten la atención a su entorno.',
          'Cuenten a estudiantes y adultos.',
          'Sigan con las actividades normales.',
        ],
      },
    },
  },
  lockdown: {
    id: 'lockdown',
    color: '#b91c1c',
    icon: 'M12 2a5 5 0 0 0-5 5v3H5v12h14V10h-2V7a5 5 0 0 0-5-5zm-3 8V7a3 3 0 0 1 6 0v3z',
    text: {
      en: {
        name: 'Lockdown',
        directive: 'Locks, lights, out of sight.',
        announcement: 'Lockdown! Locks, lights, out of sight.',
        students: ['Move away from sight.', 'Maintain silence.', 'Do not open the door.'],
        staff: [
          'Recover students from the hallway if possible.',
          'Lock the classroom door.',
          'Turn out the lights.',
          'Move away from sight.',
          'Maintain silence.',
          'Wait for first responders to open the door.',
          'Take roll and account for students.',
        ],
      },
      es: {
        name: 'Encierro',
        directive: 'Cerraduras, luces, fuera de vista.',
        announcement: '¡Encierro! Cerraduras, luces, fuera de vista.',
        students: ['Aléjense de la vista.', 'Guarden silencio.', 'No abran la puerta.'],
        staff: [
          'Recojan a los estudiantes del pasillo si es posible.',
          'Cierren con llave la puerta del salón.',
          'Apaguen las luces.',
          'Aléjense de la vista.',
          'Guarden silencio.',
          'Esperen a que los servicios de emergencia abran la puerta.',
          'Pasen lista y cuenten a los estudiantes.',
        ],
      },
    },
  },
  evacuate: {
    id: 'evacuate',
    color: '#147a3a',
    icon: 'M13 4a2 2 0 1 1 0 .01zM9.8 8.9 7 23h2.1l1.8-8 2.1 2v6h2v-7.5l-2.1-2 .6-3A7.3 7.3 0 0 0 19 13v-2a5.2 5.2 0 0 1-4.5-2.5l-1-1.6A2 2 0 0 0 11.8 6a2 2 0 0 0-.8.2L6 8.3V13h2V9.6z',
    text: {
      en: {
        name: 'Evacuate',
        directive: 'Leave the building by the nearest safe exit.',
        announcement: 'Evacuate! To {destination}.',
        students: [
          'Leave your things behind if told to.',
          'Bring your phone if possible.',
          'Follow instructions.',
          'Be prepared for alternate instructions.',
        ],
        staff: [
          'Lead students to the evacuation location.',
          'Account for students and adults.',
          'Report injuries or problems (Red Card / Green Card).',
        ],
      },
      es: {
        name: 'Evacuar',
        directive: 'Salgan del edificio por la salida segura más cercana.',
        announcement: '¡Evacuar! A {destination}.',
        students: [
          'Dejen sus cosas si se les indica.',
          'Lleven su teléfono si es posible.',
          'Sigan las instrucciones.',
          'Estén preparados para instrucciones distintas.',
        ],
        staff: [
          'Guíen a los estudiantes al lugar de evacuación.',
          'Cuenten a estudiantes y adultos.',
          'Informen heridos o problemas (Tarjeta roja / Tarjeta verde).',
        ],
      },
    },
  },
  shelter: {
    id: 'shelter',
    color: '#ab4f09',
    icon: 'M12 3 2 12h3v8h5v-6h4v6h5v-8h3z',
    text: {
      en: {
        name: 'Shelter',
        directive: 'Take shelter now.',
        announcement: 'Shelter! For {hazard}. {strategy}.',
        students: ['Follow the safety strategy for the hazard.'],
        staff: [
          'Follow the safety strategy for the hazard.',
          'Account for students and adults.',
          'Report injuries or problems (Red Card / Green Card).',
        ],
      },
      es: {
        name: 'Refugio',
        directive: 'Refúgiense ahora.',
        announcement: '¡Refugio! Por {hazard}. {strategy}.',
        students: ['Sigan la estrategia de seguridad para el peligro.'],
        staff: [
          'Sigan la estrategia de seguridad para el peligro.',
          'Cuenten a estudiantes y adultos.',
          'Informen heridos o problemas (Tarjeta roja / Tarjeta verde).',
        ],
      },
    },
  },
};

export const SHELTER_HAZARD_TEXT: Readonly<Record<ShelterHazard, Record<Language, string>>> = {
  tornado: { en: 'Tornado', es: 'Tornado' },
  hazmat: { en: 'Hazardous materials', es: 'Materiales peligrosos' },
  earthquake: { en: 'Earthquake', es: 'Terremoto' },
  tsunami: { en: 'Tsunami', es: 'Tsunami' },
};

export const SHELTER_STRATEGY_TEXT: Readonly<Record<ShelterStrategy, Record<Language, string>>> = {
  'shelter-area': { en: 'Go to the shelter area', es: 'Vayan al área de refugio' },
  'seal-the-room': { en: 'Seal the room', es: 'Sellen el salón' },
  'drop-cover-hold': { en: 'Drop, cover and hold on', es: 'Agáchense, cúbranse y sujétense' },
  'high-ground': { en: 'Get to high ground', es: 'Vayan a un lugar alto' },
};

/** The usual safety strategy for each hazard, used when the office does not pick one. */
export const DEFAULT_STRATEGY: Readonly<Record<ShelterHazard, ShelterStrategy>> = {
  tornado: 'shelter-area',
  hazmat: 'seal-the-room',
  earthquake: 'drop-cover-hold',
  tsunami: 'high-ground',
};

/** Where a screen hangs, as far as scopes are concerned. */
export type Placement = Pick<Screen, 'buildingId' | 'zoneId'>;

export function scopeContains(scope: Scope, placement: Placement): boolean {
  switch (scope.kind) {
    case 'site':
      return true;
    case 'building':
      return scope.buildingId === placement.buildingId;
    case 'zone':
      return scope.zoneId === placement.zoneId;
  }
}

/** Does `outer` cover everything `inner` covers? A zone's building comes from the site. */
export function scopeCovers(outer: Scope, inner: Scope, site: Pick<Site, 'zones'>): boolean {
  if (outer.kind === 'site') return true;
  if (outer.kind === 'building') {
    if (inner.kind === 'building') return inner.buildingId === outer.buildingId;
    if (inner.kind === 'zone') return site.zones.find((z) => z.id === inner.zoneId)?.buildingId === outer.buildingId;
    return false;
  }
  return inner.kind === 'zone' && inner.zoneId === outer.zoneId;
}

export function sameScope(a: Scope, b: Scope): boolean {
  return scopeKey(a) === scopeKey(b);
}

/** A stable string for a scope: "site", "building:main", "zone:east-wing". */
export function scopeKey(scope: Scope): string {
  switch (scope.kind) {
    case 'site':
      return 'site';
    case 'building':
      return `building:${scope.buildingId}`;
    case 'zone':
      return `zone:${scope.zoneId}`;
  }
}

/**
 * The mode a screen must show: the highest-priority active mode among the scopes that contain it, where any
 * real event outranks every drill (a drill, however high its mode, must never hide a real event: a site-wide
 * Lockdown drill leaves a building under a real Hold showing HOLD). Among equals the most recent wins.
 * Returns null for normal.
 */
export function effectiveModeFor(
  placement: Placement,
  modes: readonly ActiveMode[],
  priority: readonly ModeId[] = DEFAULT_PRIORITY,
): ActiveMode | null {
  let best: ActiveMode | null = null;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const active of modes) {
    if (!scopeContains(active.scope, placement)) continue;
    const found = priority.indexOf(active.mode);
    // A mode missing from a customised priority list still outranks normal.
    const rank = found === -1 ? priority.length : found;
    if (best === null || outranks(active, rank, best, bestRank)) {
      best = active;
      bestRank = rank;
    }
  }
  return best;
}

function outranks(candidate: ActiveMode, candidateRank: number, current: ActiveMode, currentRank: number): boolean {
  if (candidate.drill !== current.drill) return !candidate.drill;
  if (candidateRank !== currentRank) return candidateRank < currentRank;
  return candidate.seq > current.seq;
}

/** A mode's name, directive and steps in a language: the school's wording where it has one, else the catalogue's. */
export function modeWordingFor(mode: ModeId, language: Language, wordings: ModeWordings = NO_WORDINGS): ModeText {
  const catalogue = MODE_CATALOGUE[mode].text[language];
  const own = mode === 'normal' ? null : wordingOf(wordings, mode, language);
  return own ? { ...catalogue, ...own } : catalogue;
}

const GO_TO: Record<Language, string> = { en: 'Go to', es: 'Vayan a' };

/** A shelter's hazard and strategy in words ("Tornado: Go to the shelter area"), never as codes. */
export function shelterInWords(hazard: ShelterHazard, strategy: ShelterStrategy, language: Language = 'en'): string {
  return `${SHELTER_HAZARD_TEXT[hazard][language]}: ${SHELTER_STRATEGY_TEXT[strategy][language]}`;
}

/** The text for a mode in a language, with shelter's hazard and strategy and evacuate's destination filled in;
 * the school's own wording of the directive and steps (shared/mode-texts.ts) wins over the catalogue's. */
export function modeTextFor(active: ActiveMode | null, language: Language, wordings: ModeWordings = NO_WORDINGS): ModeText & { detail: string | null } {
  const text = modeWordingFor(active?.mode ?? 'normal', language, wordings);
  if (active?.mode === 'evacuate') return { ...text, detail: `${GO_TO[language]} ${active.destination}` };
  if (active?.mode === 'shelter') {
    return { ...text, detail: shelterInWords(active.hazard, active.strategy, language) };
  }
  return { ...text, detail: null };
}

/** The office's PA script for an active mode, with its destination, hazard and strategy filled in. */
export function announcementFor(active: ActiveMode, language: Language = 'en', wordings: ModeWordings = NO_WORDINGS): string {
  const script = modeWordingFor(active.mode, language, wordings).announcement;
  return script
    .replaceAll('{destination}', active.mode === 'evacuate' ? active.destination : '')
    .replaceAll('{hazard}', active.mode === 'shelter' ? SHELTER_HAZARD_TEXT[active.hazard][language].toLowerCase() : '')
    .replaceAll('{strategy}', active.mode === 'shelter' ? SHELTER_STRATEGY_TEXT[active.strategy][language] : '');
}

export function isEmergency(mode: ModeId): mode is EmergencyModeId {
  return mode !== 'normal';
}
