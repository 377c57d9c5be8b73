// Unit tests for the mode questions: the school's own staff steps against other modes' steps, the same order for
// the same person every time.
import { describe, expect, it } from 'vitest';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { modeExercises } from './mode-exercises.ts';

describe('mode questions', () => {
  it('asks one per mode, with the right steps among three other modes’ steps', () => {
    const keyed = modeExercises({}, 'en', 'c.lee');
    expect(keyed.map((k) => k.exercise.id)).toEqual(['mode:hold', 'mode:secure', 'mode:lockdown', 'mode:evacuate', 'mode:shelter']);
    const secure = keyed.find((k) => k.exercise.mode === 'secure')!;
    expect(secure.exercise.question).toBe('What do you do in Secure?');
    expect(secure.exercise.choices).toHaveLength(4);
    const right = secure.exercise.choices.find((c) => c.id === secure.key.choiceId)!;
    expect(right.steps).toEqual(MODE_CATALOGUE.secure.text.en.staff);
    for (const choice of secure.exercise.choices.filter((c) => c !== right)) expect(choice.steps).not.toEqual(right.steps);
    expect(secure.key.modeNames[secure.key.choiceId]).toBe('Secure');
  });

  it('uses the school’s own wording of the steps', () => {
    const own = { directive: 'Get in, lock out.', students: [], staff: ['Lock the outside doors.', 'Bring the PE class in from the field.'] };
    const secure = modeExercises({ secure: { en: own } }, 'en', 'c.lee').find((k) => k.exercise.mode === 'secure')!;
    expect(secure.key.steps).toEqual(own.staff);
    expect(secure.exercise.choices.some((c) => c.steps.includes('Bring the PE class in from the field.'))).toBe(true);
  });

  it('shows one person the same order every time, and not everyone the same', () => {
    const order = (person: string) => modeExercises({}, 'en', person).map((k) => k.key.choiceId).join('');
    expect(order('c.lee')).toBe(order('c.lee'));
    const people = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(order);
    expect(new Set(people).size).toBeGreaterThan(1);
  });

  it('leaves out a mode without staff steps, and never offers the right steps twice', () => {
    const noSteps = { hold: { en: { directive: 'Hold.', students: [], staff: [] } }, lockdown: { en: { directive: 'Lock.', students: [], staff: MODE_CATALOGUE.secure.text.en.staff } } };
    const keyed = modeExercises(noSteps, 'en', 'c.lee');
    expect(keyed.map((k) => k.exercise.mode)).not.toContain('hold');
    const secure = keyed.find((k) => k.exercise.mode === 'secure')!;
    const same = secure.exercise.choices.filter((c) => c.steps.join() === MODE_CATALOGUE.secure.text.en.staff.join());
    expect(same).toHaveLength(1);
  });
});
