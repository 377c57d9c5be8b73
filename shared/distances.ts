// A walking distance in the school's units, for screens and printed diagrams: feet to the nearest 5 (a walk is never
// known to the foot), metres to the nearest 1.
import type { Language, Units } from './model.ts';

const FEET_PER_METRE = 3.28084;
const FEET: Record<Language, string> = { en: 'ft', es: 'pies' };

export function distanceInWords(metres: number, units: Units, language: Language = 'en'): string {
  if (units === 'feet') return `${Math.max(5, Math.round((metres * FEET_PER_METRE) / 5) * 5)} ${FEET[language]}`;
  return `${Math.max(1, Math.round(metres))} m`;
}
