// How wide a line of writing is, estimated without a browser: the printed diagrams are laid out on the hub, and a
// screen must place its map labels the same way every time. The widths are those of a wide bold sans-serif (DejaVu
// Sans Bold, the widest of the fonts kiosks fall back to), so the estimate errs long and labels never collide.

/** Advance widths in em of DejaVu Sans Bold, by kind of character. */
const NARROW = /[ijlI|.,:;'!’`·]/;
const SLIM = /[ frt()\-–\[\]/"]/;
const WIDE = /[mwMWÑ@%]/;
const CAPITAL_OR_DIGIT = /[A-Z0-9ÁÉÍÓÚÜ]/;

function characterWidth(character: string): number {
  if (NARROW.test(character)) return 0.36;
  if (SLIM.test(character)) return 0.5;
  if (WIDE.test(character)) return 1.05;
  if (CAPITAL_OR_DIGIT.test(character)) return 0.8;
  return 0.7;
}

/** The estimated width of `text` set at `fontSize`, in the same units as the font size. */
export function estimatedTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const character of text) em += characterWidth(character);
  return em * fontSize;
}
