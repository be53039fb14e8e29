// htmlparser2 takes time quadratic in the nesting depth, so absurdly deep markup is cut first.
const MAX_NESTING_DEPTH = 200;
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

interface Tag {
  start: number;
  name: string;
  closing: boolean;
  selfClosing: boolean;
}

/** The HTML up to the first tag nested deeper than any real mail client produces. */
export function limitNesting(html: string): string {
  let depth = 0;
  for (const tag of scanTags(html)) {
    if (tag.selfClosing || NON_NESTING_TAGS.has(tag.name)) {
      continue;
    }
    depth = tag.closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth > MAX_NESTING_DEPTH) {
      return html.slice(0, tag.start);
    }
  }
  return html;
}

/**
 * Every `<name …>` and `</name …>` in one pass: each character is read once, and a `<` that
 * never closes ends at the next `<`, where scanning resumes.
 */
function* scanTags(html: string): Generator<Tag> {
  let start = html.indexOf('<');
  while (start !== -1) {
    const closing = html[start + 1] === '/';
    const nameStart = start + (closing ? 2 : 1);
    let index = nameStart;
    if (!isAsciiLetter(html.charCodeAt(index))) {
      start = html.indexOf('<', start + 1);
      continue;
    }
    while (index < html.length && !isNameEnd(html[index])) {
      index++;
    }
    const name = html.slice(nameStart, index).toLowerCase();
    while (index < html.length && html[index] !== '<' && html[index] !== '>') {
      index++;
    }
    if (html[index] === '>') {
      yield { start, name, closing, selfClosing: html[index - 1] === '/' };
      start = html.indexOf('<', index + 1);
    } else {
      start = index < html.length ? index : -1;
    }
  }
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isNameEnd(character: string): boolean {
  return character === '/' || character === '<' || character === '>' || /\s/.test(character);
}
