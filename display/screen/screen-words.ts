// The few words a wall screen says itself (everything about modes comes from the catalogue), per language.
import type { PoiType } from '../../shared/floor-plan.ts';
import { distanceInWords } from '../../shared/distances.ts';
import type { Language, Units } from '../../shared/model.ts';

export interface ScreenWords {
  drill: string;
  drillDetail: string;
  students: string;
  staff: string;
  started: (time: string, ago: string) => string;
  noContact: (time: string, ago: string) => string;
  neverConnected: string;
  connecting: string;
  unknownScreen: (id: string) => string;
  replaced: string;
  youAreHere: string;
  hazard: string;
  mapOf: (floor: string) => string;
  nearestExit: string;
  /** Shown in place of a slide that cannot be drawn. */
  slideError: string;
  goTo: string;
  /** A walking distance, in the school's units (feet rounded to 5, metres to 1). */
  distance: (metres: number, units: Units) => string;
  stairsFirst: string;
  thenTo: (destination: string) => string;
  noSafeRoute: string;
  noSafeRouteDetail: string;
  /** The screen stands in an area the office marked as a hazard; `leave`: a safe route out is shown. */
  inHazard: (areas: string, leave: boolean) => string;
  nearestShelter: string;
  poi: Partial<Record<PoiType, string>>;
}

export const SCREEN_WORDS: Readonly<Record<Language, ScreenWords>> = {
  en: {
    drill: 'DRILL',
    drillDetail: 'This is a drill',
    students: 'Students and visitors',
    staff: 'Staff',
    started: (time, ago) => `Since ${time} (${ago})`,
    noContact: (time, ago) => `No contact with the hub since ${time} (${ago}). Showing the last known state.`,
    neverConnected: 'Not yet in contact with the hub.',
    connecting: 'Connecting to the hub…',
    unknownScreen: (id) => `This screen ("${id}") is not known to the hub. Ask the facility manager to add or pair it.`,
    replaced: 'Another window is showing this screen. This one has stopped.',
    youAreHere: 'YOU ARE HERE',
    hazard: 'HAZARD',
    mapOf: (floor) => `Map of ${floor}`,
    nearestExit: 'Nearest exit',
    slideError: 'This slide cannot be shown.',
    goTo: 'Go to',
    distance: (m, units) => distanceInWords(m, units, 'en'),
    stairsFirst: 'Take the stairs, not the elevator',
    thenTo: (destination) => `Then go to ${destination}`,
    noSafeRoute: 'No safe route is known from here',
    noSafeRouteDetail: 'Follow staff instructions. Do not use elevators.',
    inHazard: (areas, leave) => `Danger here: ${areas}.${leave ? ' Leave this area now by the route shown.' : ''}`,
    nearestShelter: 'Shelter area',
    poi: { exit: 'Exit', aed: 'AED (defibrillator)', extinguisher: 'Fire extinguisher', 'first-aid-kit': 'First aid', stairs: 'Stairs', 'fire-alarm-pull-station': 'Fire alarm', 'assembly-point': 'Assembly point', 'shelter-area': 'Shelter area' },
  },
  es: {
    drill: 'SIMULACRO',
    drillDetail: 'Esto es un simulacro',
    students: 'Estudiantes y visitantes',
    staff: 'Personal',
    started: (time, ago) => `Desde las ${time} (${ago})`,
    noContact: (time, ago) => `Sin contacto con el servidor desde las ${time} (${ago}). Se muestra el último estado conocido.`,
    neverConnected: 'Aún sin contacto con el servidor.',
    connecting: 'Conectando con el servidor…',
    unknownScreen: (id) => `El servidor no conoce esta pantalla ("${id}"). Pida al encargado que la agregue o la vincule.`,
    replaced: 'Otra ventana muestra esta pantalla. Esta se ha detenido.',
    youAreHere: 'USTED ESTÁ AQUÍ',
    hazard: 'PELIGRO',
    mapOf: (floor) => `Plano de ${floor}`,
    nearestExit: 'Salida más cercana',
    slideError: 'Esta diapositiva no se puede mostrar.',
    goTo: 'Vaya a',
    distance: (m, units) => distanceInWords(m, units, 'es'),
    stairsFirst: 'Use las escaleras, no el ascensor',
    thenTo: (destination) => `Luego vaya a ${destination}`,
    noSafeRoute: 'No se conoce una ruta segura desde aquí',
    noSafeRouteDetail: 'Siga las instrucciones del personal. No use los ascensores.',
    inHazard: (areas, leave) => `Peligro aquí: ${areas}.${leave ? ' Salga de esta zona ahora por la ruta indicada.' : ''}`,
    nearestShelter: 'Área de refugio',
    poi: { exit: 'Salida', aed: 'DEA (desfibrilador)', extinguisher: 'Extintor', 'first-aid-kit': 'Primeros auxilios', stairs: 'Escaleras', 'fire-alarm-pull-station': 'Alarma de incendio', 'assembly-point': 'Punto de reunión', 'shelter-area': 'Área de refugio' },
  },
};
