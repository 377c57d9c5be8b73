// The screen languages' names as the consoles say them ("Name in Spanish").
import type { Language } from '../../shared/model.ts';

export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', es: 'Spanish' };
