import { matchAttribution } from './attribution';
import { isFooterLead, isFooterStart } from './footers';
import { isForwardMarker, isHeaderBlockStart, isHistorySeparator, isReplyMarker, isSenderLine } from './quote-headers';
import { isClientSignature, isSignatureDelimiter } from './signatures';
import { isBlankLine, isQuotedLine, isSeparatorLine } from './text-lines';

// Clients re-wrap long quoted lines without repeating ">": "> … Nullam pharetra d\nignissim odio?".
const WRAPPED_QUOTE_MIN_LENGTH = 50;
const STARTS_LOWERCASE = /^\p{Ll}/u;
const LINK_START = /^[(<]?https?:\/\//i;
const URL_PUNCTUATION = /[=&/?%_]/;
const WHITESPACE = /\s/;

/** The reply in a text/plain body: quoted history, attributions, signatures and footers removed. */
export function stripTextReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const ownLinesEnd = endOfOwnLines(lines);
  const kept: string[] = [];
  let keptText = false;
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (isBlankLine(line)) {
      kept.push(line);
      index++;
      continue;
    }
    if (isForwardMarker(line)) {
      return tidy([...kept, ...lines.slice(index)]);
    }
    if (isQuotedLine(line) && index >= ownLinesEnd) {
      index = endOfQuoteBlock(lines, index);
      continue;
    }
    const attribution = matchAttribution(lines, index);
    if (attribution) {
      if (attribution.leadingReply) {
        kept.push(attribution.leadingReply);
        keptText = true;
      }
      index = skipBlankLines(lines, index + attribution.lineCount);
      if (index < lines.length && isQuotedLine(lines[index])) {
        continue;
      }
      break;
    }
    if (startsQuotedHistory(lines, index, keptText)) {
      break;
    }
    if (isFooterStart(line)) {
      dropFooterLead(kept);
      index = findForwardMarker(lines, index + 1);
      continue;
    }
    if (isSignatureDelimiter(line) || isClientSignature(line)) {
      index = findForwardMarker(lines, index + 1);
      continue;
    }
    kept.push(line);
    keptText = true;
    index++;
  }
  return tidy(kept);
}

/**
 * In a top-posted reply, every line above the quoted message's attribution or header block is
 * the sender's, `>` or not (a pasted shell session, a REPL). A body that starts with a quote is
 * bottom-posted or inline, and there `>` marks quotes throughout: the result is then 0.
 */
function endOfOwnLines(lines: readonly string[]): number {
  const first = skipBlankLines(lines, 0);
  if (first === lines.length || isQuotedLine(lines[first])) {
    return 0;
  }
  for (let index = first; index < lines.length; index++) {
    if (!isQuotedLine(lines[index]) && (matchAttribution(lines, index) || startsQuotedHistory(lines, index, false))) {
      return index;
    }
  }
  return 0;
}

function startsQuotedHistory(lines: readonly string[], index: number, keptText: boolean): boolean {
  const line = lines[index];
  if (isHistorySeparator(line) || isReplyMarker(line) || isHeaderBlockStart(lines, index)) {
    return true;
  }
  const previous = index > 0 ? lines[index - 1] : '';
  const followsBreak = isBlankLine(previous) || isSeparatorLine(previous);
  return keptText && followsBreak && isSenderLine(line);
}

function endOfQuoteBlock(lines: readonly string[], start: number): number {
  let index = start;
  while (
    index < lines.length &&
    (isQuotedLine(lines[index]) || isBlankLine(lines[index]) || isWrappedQuoteLine(lines, index))
  ) {
    index++;
  }
  return index;
}

function isWrappedQuoteLine(lines: readonly string[], index: number): boolean {
  const previous: string | undefined = lines[index - 1];
  const next: string | undefined = lines[index + 1];
  if (previous === undefined || next === undefined || !isQuotedLine(previous) || !isQuotedLine(next)) {
    return false;
  }
  const text = lines[index].trim();
  const quotedText = previous.replace(/^[\s>]*/, '');
  return looksLikeLinkFragment(text) || (STARTS_LOWERCASE.test(text) && quotedText.length >= WRAPPED_QUOTE_MIN_LENGTH);
}

function looksLikeLinkFragment(text: string): boolean {
  return LINK_START.test(text) || (!WHITESPACE.test(text) && URL_PUNCTUATION.test(text));
}

/** After a signature only a forwarded message is new text; quoted history ends the reply. */
function findForwardMarker(lines: readonly string[], start: number): number {
  for (let index = start; index < lines.length; index++) {
    const line = lines[index];
    if (isQuotedLine(line)) {
      continue;
    }
    if (isForwardMarker(line)) {
      return index;
    }
    if (matchAttribution(lines, index) || startsQuotedHistory(lines, index, false)) {
      break;
    }
  }
  return lines.length;
}

/** A footer takes the rules and lone links drawn above it along. */
function dropFooterLead(kept: string[]): void {
  while (kept.length > 0 && (isBlankLine(kept[kept.length - 1]) || isFooterLead(kept[kept.length - 1]))) {
    kept.pop();
  }
}

function skipBlankLines(lines: readonly string[], start: number): number {
  let index = start;
  while (index < lines.length && isBlankLine(lines[index])) {
    index++;
  }
  return index;
}

function tidy(lines: readonly string[]): string {
  const trimmed = lines.map((line) => line.trimEnd());
  let end = trimmed.length;
  while (end > 0 && (isBlankLine(trimmed[end - 1]) || isSeparatorLine(trimmed[end - 1]))) {
    end--;
  }
  let start = 0;
  while (start < end && (isBlankLine(trimmed[start]) || isSeparatorLine(trimmed[start]))) {
    start++;
  }
  return trimmed.slice(start, end).join('\n');
}
