// The few words a wall screen says itself (everything about modes comes from the catalogue), per language.
import type { Language } from '../../shared/model.ts';

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
  },
};
