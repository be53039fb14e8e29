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
  const clean = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .trim()
    .replace(/[. ]+$/, '');
  if (clean === '' || clean === '.' || clean === '..') {
    return FALLBACK_FILENAME;
  }
  return truncateKeepingExtension(clean, MAX_FILENAME_BYTES);
}

function truncateKeepingExtension(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) {
    return name;
  }
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let stem = name.slice(0, name.length - extension.length);
  while (Buffer.byteLength(stem + extension) > maxBytes) {
    stem = Array.from(stem).slice(0, -1).join('');
  }
  return stem + extension;
}

/** Lone surrogates (which no encoder accepts) become U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
