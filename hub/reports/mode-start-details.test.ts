// Reading a mode start's details back from its audit line: the fields of new lines, the words of older ones.
import { describe, expect, it } from 'vitest';
import { startDetailsInWords, startDetailsOf } from './mode-start-details.ts';

describe('a mode start read back from its audit line', () => {
  it('takes the fields of a line that has them, whatever its words say', () => {
    expect(startDetailsOf({ detail: 'to Somewhere else', destination: 'Bus loop; note: “x”', note: 'Quick', noteTranslations: { es: 'Rápido' } })).toEqual({
      destination: 'Bus loop; note: “x”',
      hazard: null,
      strategy: null,
      note: 'Quick',
      noteTranslations: { es: 'Rápido' },
    });
    expect(startDetailsOf({ detail: 'Tornado: Go to the shelter area', hazard: 'hazmat', strategy: 'seal-the-room' })).toMatchObject({ hazard: 'hazmat', strategy: 'seal-the-room', note: null });
  });

  it('falls back to the words of a line from before the fields', () => {
    expect(startDetailsOf({ detail: 'to Bus loop; note: “Quick”; note in es: “Rápido”' })).toEqual({ destination: 'Bus loop', hazard: null, strategy: null, note: 'Quick', noteTranslations: { es: 'Rápido' } });
    expect(startDetailsOf({ detail: 'Tornado: Go to the shelter area; note: “Storm”' })).toMatchObject({ hazard: 'tornado', strategy: 'shelter-area', note: 'Storm' });
    expect(startDetailsOf({})).toEqual({ destination: null, hazard: null, strategy: null, note: null, noteTranslations: {} });
  });

  it('parses the words: destination, hazard and strategy, notes', () => {
    expect(startDetailsInWords('Hazardous materials: Seal the room')).toMatchObject({ hazard: 'hazmat', strategy: 'seal-the-room', note: null });
    expect(startDetailsInWords(null)).toEqual({ destination: null, hazard: null, strategy: null, note: null, noteTranslations: {} });
  });
});
