/** Lines longer than this are never quote headers; skipping them keeps every pattern linear. */
export const MAX_HEADER_LINE_LENGTH = 1000;

const INVISIBLE_CHARACTERS = /[\u200b-\u200f\u202a-\u202e\u2060\ufeff]/g;
const BLANK = /^[\s\u200b-\u200f\u2060\ufeff]*$/;
const SEPARATOR = /^\s*[-_=*~]{2,}\s*$/;
const DATE_OR_TIME = /\d{1,4}\s?[-/.]\s?\d{1,2}|\d{1,2}\s?[:h]\s?\d{2}|(?<!\d)(?:19|20)\d{2}(?!\d)|\d\s?[年月日]/;
const EMAIL_ADDRESS = /[^\s@<>()[\]"]@[^\s@<>()[\]"]/;
const QUOTE_MARKER = /^[ \t]{0,3}>/;

export function isBlankLine(line: string): boolean {
  return BLANK.test(line);
}

/** A `>`-prefixed line, except ASCII arrows around a link (`>>> link <<<`): decoration. */
export function isQuotedLine(line: string): boolean {
  if (!QUOTE_MARKER.test(line)) {
    return false;
  }
  const trimmed = line.trim();
  return !(trimmed.startsWith('>>') && trimmed.endsWith('<<'));
}

export function isSeparatorLine(line: string): boolean {
  return line.length <= MAX_HEADER_LINE_LENGTH && SEPARATOR.test(line);
}

/** The line without invisible characters, whitespace collapsed; null if too long for a header. */
export function headerCandidate(line: string): string | null {
  if (line.length > MAX_HEADER_LINE_LENGTH) {
    return null;
  }
  return line.replace(INVISIBLE_CHARACTERS, '').replace(/\s+/g, ' ').trim();
}

export function hasDateOrTime(text: string): boolean {
  return DATE_OR_TIME.test(text);
}

export function hasEmailAddress(text: string): boolean {
  return EMAIL_ADDRESS.test(text);
}
