const MAX_FILENAME_BYTES = 255;
const FALLBACK_FILENAME = 'attachment';

/**
 * The name an attachment is stored and offered under: the last path segment of what the
 * uploader sent, NFC, without control or bidirectional-override characters (which can disguise
 * `invoice\u202Efdp.exe`), at most 255 UTF-8 bytes with its extension kept. Unicode stays.
 */
export function sanitizeFilename(raw: string | undefined): string {
  const base =
    wellFormed(raw ?? '')
      .split(/[/\\]/)
      .pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .trim();
  const clean = withoutTrailingDotsAndSpaces(cleaned);
  if (clean === '' || clean === '.' || clean === '..') {
    return FALLBACK_FILENAME;
  }
  return truncateKeepingExtension(clean, MAX_FILENAME_BYTES);
}

/** A scan, not `/[. ]+$/`: that regex retries from every dot or space and is quadratic on them. */
function withoutTrailingDotsAndSpaces(name: string): string {
  let end = name.length;
  while (end > 0 && (name[end - 1] === '.' || name[end - 1] === ' ')) {
    end -= 1;
  }
  return name.slice(0, end);
}

/** Takes whole characters from the front while they fit: linear in what it keeps. */
function truncateKeepingExtension(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) {
    return name;
  }
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const budget = maxBytes - Buffer.byteLength(extension);
  let stem = '';
  let stemBytes = 0;
  for (const character of name.slice(0, name.length - extension.length)) {
    const bytes = Buffer.byteLength(character);
    if (stemBytes + bytes > budget) {
      break;
    }
    stem += character;
    stemBytes += bytes;
  }
  return stem + extension;
}

/** Lone surrogates (which no encoder accepts) become U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
