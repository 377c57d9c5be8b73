import { describe, expect, it } from 'vitest';
import { distanceInWords } from './distances.ts';

describe('distanceInWords', () => {
  it('says feet to the nearest 5 and metres to the nearest 1, in the screen’s language', () => {
    expect(distanceInWords(31, 'feet')).toBe('100 ft');
    expect(distanceInWords(31, 'feet', 'es')).toBe('100 pies');
    expect(distanceInWords(31.4, 'metres')).toBe('31 m');
  });

  it('never says zero for a walk that exists', () => {
    expect(distanceInWords(0.2, 'feet')).toBe('5 ft');
    expect(distanceInWords(0.2, 'metres')).toBe('1 m');
  });
});
