// What in a piece of CSS could reach outside an uploaded SVG, found in one linear pass. Plain JavaScript: it runs on
// the upload-check thread, which loads it with no TypeScript loader (see upload-checks.ts).
//
// Browsers read CSS in <style> elements, in style attributes and in presentation attributes (fill, filter, cursor…),
// and CSS can fetch (url(), image-set(), @import, @font-face) or hide what it does behind escapes (\75rl( is url().
// So the rule is an allowlist: no escapes at all, only the functions a drawing uses, url() only to an #id in the
// file, and in style sheets only the at-rules that fetch nothing. Every pattern below is matched at most once per
// position and never backtracks over more than one word, so a 5 MiB style costs milliseconds, not hours.

/** Functions a floor plan's CSS may call: colours, arithmetic, transforms, gradients, shapes and filters. */
const FUNCTIONS = new Set(
  [
    'rgb rgba hsl hsla hwb lab lch oklab oklch color color-mix light-dark calc min max clamp var',
    'matrix matrix3d translate translatex translatey translatez translate3d scale scalex scaley scalez scale3d',
    'rotate rotatex rotatey rotatez rotate3d skew skewx skewy perspective cubic-bezier steps',
    'linear-gradient radial-gradient conic-gradient repeating-linear-gradient repeating-radial-gradient',
    'inset circle ellipse polygon path rect xywh',
    'blur brightness contrast drop-shadow grayscale hue-rotate invert opacity saturate sepia',
  ]
    .join(' ')
    .split(' '),
);
/** At-rules that only select or name things; @import, @font-face and the rest can fetch. */
const AT_RULES = new Set(['media', 'supports', 'keyframes']);

/** A function name: the lookbehind lets the scan start only at the beginning of a word, which keeps it linear. */
const FUNCTION_NAME = /(?<![\w-])([\w-]+)\(/g;
const AT_RULE = /@([\w-]*)/g;
/** The rest of url( when it points at an element of the same file: url(#plan), url('#plan'). */
const INTERNAL_URL = /\s*(?:#[\w.:-]*|"#[\w.:-]*"|'#[\w.:-]*')\s*\)/y;

/**
 * Why this CSS may not stay in a map, in words, or null when it only refers inside the file.
 * @param {string} css a style sheet (`sheet`), a style attribute or a presentation attribute's value
 * @param {{ sheet?: boolean }} [options]
 * @returns {string | null}
 */
export function cssProblem(css, { sheet = false } = {}) {
  if (css.includes('\\')) return 'a CSS escape';
  if (sheet) {
    for (const [, name] of css.matchAll(AT_RULE)) {
      if (!AT_RULES.has(name.toLowerCase())) return `@${name.slice(0, 40)}`;
    }
  }
  for (const match of css.matchAll(FUNCTION_NAME)) {
    const name = match[1].toLowerCase();
    if (name === 'url') {
      INTERNAL_URL.lastIndex = match.index + match[0].length;
      if (!INTERNAL_URL.test(css)) return 'a url() that leaves the file';
    } else if (!FUNCTIONS.has(name)) {
      return `${name.slice(0, 40)}()`;
    }
  }
  return null;
}
