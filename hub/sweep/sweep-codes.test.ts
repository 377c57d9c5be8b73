import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/helpers/seeded-random.ts';
import { isWellFormedSweepCode, newSweepCode, normalizeSweepCode, SWEEP_CODE_LENGTH } from './sweep-codes.ts';

const ALPHABET = 'ACDEFHJKMNPQRTUVWXY34679';

describe('sweep codes', () => {
  it('are five characters a phone user cannot misread: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, and no G beside the 6', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 500; i += 1) taken.add(newSweepCode(taken));
    expect(taken.size).toBe(500);
    for (const code of taken) {
      expect(code).toMatch(/^[ACDEFHJKMNPQRTUVWXY34679]{5}$/);
      expect(isWellFormedSweepCode(code)).toBe(true);
    }
    expect(SWEEP_CODE_LENGTH).toBe(5);
  });

  it('are typed in either case, with spaces or dashes, and a G for a 6', () => {
    const code = newSweepCode(new Set());
    const typed = ` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `;
    expect(normalizeSweepCode(typed)).toBe(code);
    expect(normalizeSweepCode('k6q-g4')).toBe('K6Q64');
  });

  it('never hands out a code that is taken', () => {
    // A "random" source that repeats: the second code must differ from the first all the same.
    let calls = 0;
    const repeating = (below: number) => (calls++ < 8 ? 0 : 1) % below;
    const first = newSweepCode(new Set(), repeating);
    calls = 0;
    expect(newSweepCode(new Set([first]), repeating)).not.toBe(first);
  });

  it('catch every one-character mistake and every swap of two neighbours (but A and 9), rather than match another screen', () => {
    const random = mulberry32(14);
    for (let n = 0; n < 200; n += 1) {
      const code = newSweepCode(new Set(), (below) => Math.floor(random() * below));
      for (let position = 0; position < code.length; position += 1) {
        for (const other of ALPHABET) {
          if (other === code[position]) continue;
          expect(isWellFormedSweepCode(code.slice(0, position) + other + code.slice(position + 1)), `${code} with ${other} at ${position}`).toBe(false);
        }
      }
      for (let position = 0; position < code.length - 1; position += 1) {
        if (code[position] === code[position + 1]) continue;
        const swapped = code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
        // Luhn mod N misses a swap only of the first and last characters of its alphabet.
        const firstAndLast = [code[position], code[position + 1]].sort().join('') === '9A';
        expect(isWellFormedSweepCode(swapped), `${code} with ${position} and ${position + 1} swapped`).toBe(firstAndLast);
      }
    }
  });

  it('refuse what is too short, too long or not in the alphabet', () => {
    const code = newSweepCode(new Set());
    expect(isWellFormedSweepCode(code.slice(0, 4))).toBe(false);
    expect(isWellFormedSweepCode(`${code}A`)).toBe(false);
    expect(isWellFormedSweepCode('O0I1L')).toBe(false);
    expect(isWellFormedSweepCode('')).toBe(false);
  });
});
