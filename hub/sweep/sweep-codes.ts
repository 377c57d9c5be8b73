// The codes screens show during a readiness sweep: four random characters and a check character (Luhn mod N), so a
// code mistyped on a phone by one character, or by two neighbours swapped (all but A and 9), is caught as mistyped
// rather than taken for another screen's code.
import { randomInt } from 'node:crypto';

/**
 * No 0/O, 1/I/L, 2/Z, 5/S, 8/B, and no G (a G typed for a 6 is read as the 6): read off a wall and typed on a phone.
 * An even count, as Luhn mod N needs.
 */
const ALPHABET = 'ACDEFHJKMNPQRTUVWXY34679';
const N = ALPHABET.length;
/** Random characters before the check character: 24⁴ ≈ 330,000 codes, ample for the screens of one sweep. */
const BODY_LENGTH = 4;
export const SWEEP_CODE_LENGTH = BODY_LENGTH + 1;

/** "k7m-4q" or "K7M 4Q" → "K7M4Q": people type codes in either case, with or without spaces or dashes. */
export function normalizeSweepCode(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '').replaceAll('G', '6');
}

/** The Luhn mod N check character of `body` (every character in the alphabet). */
function checkCharacter(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i -= 1) {
    const doubled = factor * ALPHABET.indexOf(body[i]!);
    sum += Math.floor(doubled / N) + (doubled % N);
    factor = factor === 2 ? 1 : 2;
  }
  return ALPHABET[(N - (sum % N)) % N]!;
}

/** Whether a normalised code could be a sweep code: its length, its characters and its check character. */
export function isWellFormedSweepCode(code: string): boolean {
  if (code.length !== SWEEP_CODE_LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return false;
  return checkCharacter(code.slice(0, BODY_LENGTH)) === code.slice(BODY_LENGTH);
}

/** A new code that is not in `taken`. */
export function newSweepCode(taken: ReadonlySet<string>, random: (below: number) => number = randomInt): string {
  for (;;) {
    const body = Array.from({ length: BODY_LENGTH }, () => ALPHABET[random(N)]).join('');
    const code = body + checkCharacter(body);
    if (!taken.has(code)) return code;
  }
}
