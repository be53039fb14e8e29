// htmlparser2 takes time quadratic in the nesting depth, so absurdly deep markup is cut first.
const MAX_NESTING_DEPTH = 200;
// Bounded by the next "<" or ">", so a stray "<" costs only the characters up to the next one.
const TAG = /<(\/?)([a-z][^\s/<>]*)[^<>]*?(\/?)>/gi;
// Void elements never nest, and the others here are closed implicitly by their next sibling.
const NON_NESTING_TAGS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'optgroup',
  'tbody',
  'thead',
  'tfoot',
]);

/** The HTML up to the first tag nested deeper than any real mail client produces. */
export function limitNesting(html: string): string {
  let depth = 0;
  for (const match of html.matchAll(TAG)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing || NON_NESTING_TAGS.has(name.toLowerCase())) {
      continue;
    }
    depth = closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth > MAX_NESTING_DEPTH) {
      return html.slice(0, match.index);
    }
  }
  return html;
}
