// "What do you do in Secure?": one question per emergency mode, its choices the school's own staff steps for that
// mode against other modes' steps (shared/modes.ts with the school's wording over it). The order of the choices is
// shuffled per person but the same on every ask, so the hub can score an answer by the choice's letter alone.
import { createHash } from 'node:crypto';
import type { ModeWordings } from '../../shared/mode-texts.ts';
import { EMERGENCY_MODES, type EmergencyModeId, type Language } from '../../shared/model.ts';
import { modeWordingFor } from '../../shared/modes.ts';

/** The right steps and this many others: four lists of steps is as much as a phone shows at a time. */
const OTHER_CHOICES = 3;
const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;

export interface ModeExercise {
  id: string;
  kind: 'mode';
  mode: EmergencyModeId;
  question: string;
  choices: { id: string; steps: string[] }[];
}

export interface ModeAnswerKey {
  choiceId: string;
  steps: string[];
  /** Whose steps each choice is ("Lockdown"), to tell someone what they picked. */
  modeNames: Record<string, string>;
}

export interface KeyedModeExercise {
  exercise: ModeExercise;
  key: ModeAnswerKey;
}

export const modeExerciseId = (mode: EmergencyModeId) => `mode:${mode}`;

/** A fixed order for `items`, drawn from `seed`: the same person sees the same question the same way each time. */
function shuffled<T>(items: readonly T[], seed: string): T[] {
  const ranks = new Map(items.map((item, i) => [item, createHash('sha256').update(`${seed}:${i}`).digest().readUInt32BE(0)]));
  return [...items].sort((a, b) => ranks.get(a)! - ranks.get(b)!);
}

export function modeExercises(wordings: ModeWordings, language: Language, person: string): KeyedModeExercise[] {
  const steps = new Map(EMERGENCY_MODES.map((mode) => [mode, modeWordingFor(mode, language, wordings).staff]));
  const names = new Map(EMERGENCY_MODES.map((mode) => [steps.get(mode)!, modeWordingFor(mode, language, wordings).name]));
  const sameSteps = (a: readonly string[], b: readonly string[]) => a.join('\n') === b.join('\n');
  return EMERGENCY_MODES.flatMap((mode) => {
    const right = steps.get(mode)!;
    // A mode the school gave no staff steps has nothing to ask.
    if (right.length === 0) return [];
    const id = modeExerciseId(mode);
    const others = shuffled(
      EMERGENCY_MODES.filter((other) => other !== mode),
      `${person}:${id}:others`,
    )
      .map((other) => steps.get(other)!)
      .filter((list, i, all) => list.length > 0 && !sameSteps(list, right) && all.findIndex((l) => sameSteps(l, list)) === i)
      .slice(0, OTHER_CHOICES);
    const lists = shuffled([right, ...others], `${person}:${id}:order`);
    const choices = lists.map((list, i) => ({ id: LETTERS[i]!, steps: list }));
    return [
      {
        exercise: { id, kind: 'mode' as const, mode, question: `What do you do in ${names.get(right)}?`, choices },
        key: { choiceId: choices[lists.indexOf(right)]!.id, steps: right, modeNames: Object.fromEntries(choices.map((choice, i) => [choice.id, names.get(lists[i]!)!])) },
      },
    ];
  });
}
