import { hasDateOrTime, hasEmailAddress, headerCandidate, isBlankLine, isQuotedLine } from './text-lines';

/** An "On … wrote:" line (in any language), possibly wrapped over several lines. */
export interface Attribution {
  lineCount: number;
  /** Reply text sharing the attribution's line, as in "Thanks! On Mon, … wrote:". */
  leadingReply: string;
}

interface VerbEnding {
  verb: string;
  verbStart: number;
  colon: boolean;
  dashes: boolean;
}

const LATIN_VERBS = [
  'wrote',
  'writes',
  'sent',
  'schrieb',
  'geschrieben',
  'geschreven',
  'écrit',
  'escribió',
  'escrit',
  'escriure',
  'scritto',
  'scrisse',
  'schreef',
  'napisał(a)',
  'napisała',
  'napisał',
  'pisze',
  'napsal(a)',
  'napsal',
  'napísal',
  'følgende',
  'skrev',
  'kirjoitti',
  'írta',
  'написал(а)',
  'написала',
  'написал',
  'написав',
  'пишет',
  'escreveu',
  'viết',
  'yazdı',
  'scris',
  'έγραψε',
];
const CJK_VERBS = ['写道', '寫道', '작성', 'のメッセージ', 'が書きました'];
const VERBS = [...LATIN_VERBS, ...CJK_VERBS];
const VERB_TAIL_LENGTH = 16;
const ENDING_PUNCTUATION = new Set([' ', ':', '：', '-']);
const LETTER = /\p{L}/u;

const ADDRESS_WINDOW = 200;
const MAX_ATTRIBUTION_LINES = 5;

// German, Dutch and Scandinavian clients name the sender after the verb: "Am … schrieb Test user:".
const VERB_THEN_SENDER = /(?<!\p{L})(?:schrieb|schreef|skrev)\s[^:：]{1,120}[:：]$/iu;
// "2014-03-20 8:48 GMT+01:00 Rémi Dolan <do_not_reply@dolan.com>:" — Gmail's verb-less attribution.
const ADDRESS_THEN_COLON = /[^\s@]@[^\s@<>()]*\s*[>)]\s*[:：]$/u;
// "2011/4/7 Nathan Nova <support@example.com>", trusted only when a quote follows.
const NUMERIC_DATE_THEN_ADDRESS = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\s.*<[^\s@<>]+@[^\s<>]+>$/u;

// Some webmails name the sender first: "Ana wrote on Tue, 4 Mar 2025 09:20:", "Ana a écrit le 04/03/2025 :".
const DATE_PREFIX_WORDS = 'on|am|le|el|il|op|den|em|dnia';
const VERB_THEN_DATE = new RegExp(
  `(?<!\\p{L})(?:${LATIN_VERBS.filter((verb) => verb !== 'sent')
    .map(escapeRegExp)
    .join('|')})\\s+(?:${DATE_PREFIX_WORDS})\\s`,
  'iu',
);
const MAX_SENDER_LENGTH = 120;
// Horde: "Quoting Ana <ana@example.com>:", "Zitat von Ana <ana@example.com>:".
const QUOTING_SENDER = /^(?:Quoting|Zitat von|Citation de|Citando a)\s[^:：]{1,200}[:：]$/iu;

const PREFIX_WORDS = 'On|Le|Am|El|Il|In data|Il giorno|Op|W dniu|Dnia|Den|På|Em|No dia|Vào|Dne|Dana|Στις|在';
const ATTRIBUTION_PREFIX = new RegExp(`^[-\\s]*(?:${PREFIX_WORDS})\\s`, 'u');
// Weekday abbreviation then a date: "tir. 18. apr. 2017", "pe 20. lokakuuta", "ср, 30 апр."
const WEEKDAY_THEN_DATE = /^[-\s]*\p{L}{1,4}[.,]?\s+\d/u;
const STARTS_WITH_DIGIT = /^[-\s]*\d/;
const SENTENCE_END = /[.!?]$/;
// Every attribution names a date, a time or an address, except Android's "---- Bob wrote ----".
const EVIDENCE_CHARACTER = /[\d@]/;
const SHARED_LINE_PREFIX = /(?<=[\s-])(?:On|Le|Am|El|Il|Op|Em)\s/u;
const QUOTE_MARKER = /^>\s*/;

export function matchAttribution(lines: readonly string[], start: number): Attribution | null {
  const first = isQuotedLine(lines[start]) ? null : headerCandidate(lines[start]);
  if (!first) {
    return null;
  }
  const isQuoteNextLine = () => isQuoteNext(lines, start + 1);
  const leadingReply = replyBeforeAttribution(first, isQuoteNextLine);
  if (leadingReply !== null) {
    return { lineCount: 1, leadingReply };
  }
  if (isAttributionText(first, isQuoteNextLine)) {
    return { lineCount: 1, leadingReply: '' };
  }
  if (!startsLikeAttribution(first) || SENTENCE_END.test(first)) {
    return null;
  }
  return matchWrappedAttribution(lines, start, first);
}

function matchWrappedAttribution(lines: readonly string[], start: number, first: string): Attribution | null {
  let joined = first;
  const end = Math.min(lines.length, start + MAX_ATTRIBUTION_LINES);
  for (let index = start + 1; index < end; index++) {
    const quoted = isQuotedLine(lines[index]);
    const part = headerCandidate(lines[index]);
    if (part === null || (quoted && !isQuotedTail(part))) {
      return null;
    }
    joined = part ? `${joined} ${part}` : joined;
    const lineCount = index - start + 1;
    if (
      isAttributionText(joined, () => isQuoteNext(lines, index + 1)) &&
      !startsShorterAttribution(lines, start + 1, lineCount - 1)
    ) {
      return { lineCount, leadingReply: '' };
    }
    if (quoted) {
      return null;
    }
  }
  return null;
}

function isAttributionText(text: string, isQuoteNextLine: () => boolean): boolean {
  if (!EVIDENCE_CHARACTER.test(text) && !text.startsWith('--')) {
    return false;
  }
  const ending = verbEnding(text);
  if (ending) {
    return isVerbAttribution(text, ending);
  }
  const last = text.at(-1);
  if (last === ':' || last === '：') {
    if (QUOTING_SENDER.test(text)) {
      return hasEmailAddress(text);
    }
    const end = text.slice(-ADDRESS_WINDOW);
    return (
      hasDateOrTime(text) &&
      (ADDRESS_THEN_COLON.test(end) ||
        (VERB_THEN_SENDER.test(end) && startsLikeAttribution(text)) ||
        isSenderThenVerbThenDate(text, isQuoteNextLine))
    );
  }
  return last === '>' && NUMERIC_DATE_THEN_ADDRESS.test(text) && isQuoteNextLine();
}

function isVerbAttribution(text: string, { verb, colon, dashes }: VerbEnding): boolean {
  if (text.startsWith('--') && dashes) {
    return true;
  }
  // "…the files I sent:" is prose; only "On <date>, <sender> sent:" is an attribution.
  const needsPrefix = verb === 'sent' || (!colon && !dashes);
  if (needsPrefix && !ATTRIBUTION_PREFIX.test(text)) {
    return false;
  }
  // "In my email of 12 May I wrote:" is prose too: an attribution names an address or starts
  // with its date.
  return hasEmailAddress(text) || (hasDateOrTime(text) && startsLikeAttribution(text));
}

function isSenderThenVerbThenDate(text: string, isQuoteNextLine: () => boolean): boolean {
  const match = VERB_THEN_DATE.exec(text);
  return (
    match !== null &&
    match.index <= MAX_SENDER_LENGTH &&
    hasDateOrTime(text.slice(match.index)) &&
    (hasEmailAddress(text) || isQuoteNextLine())
  );
}

/** The "wrote" verb the text ends with, followed only by spaces, colons or dashes. */
function verbEnding(text: string): VerbEnding | null {
  let end = text.length;
  while (end > 0 && ENDING_PUNCTUATION.has(text[end - 1])) {
    end--;
  }
  const tailStart = Math.max(0, end - VERB_TAIL_LENGTH);
  const tail = text.slice(tailStart, end).toLowerCase();
  const verb = VERBS.find(
    (candidate) =>
      tail.endsWith(candidate) && (CJK_VERBS.includes(candidate) || !LETTER.test(tail.at(-candidate.length - 1) ?? '')),
  );
  if (verb === undefined) {
    return null;
  }
  const punctuation = text.slice(end);
  return {
    verb,
    verbStart: end - verb.length,
    colon: punctuation.includes(':') || punctuation.includes('：'),
    dashes: punctuation.includes('-'),
  };
}

/** The end of an address wrapped onto a quoted-looking line: "> wrote:" or ">:". */
function isQuotedTail(part: string): boolean {
  const rest = part.replace(QUOTE_MARKER, '');
  return rest === ':' || rest === '：' || verbEnding(rest)?.verbStart === 0;
}

function startsLikeAttribution(text: string): boolean {
  return ATTRIBUTION_PREFIX.test(text) || STARTS_WITH_DIGIT.test(text) || WEEKDAY_THEN_DATE.test(text);
}

/** A wrapped attribution that begins one line later wins: the earlier line is reply text. */
function startsShorterAttribution(lines: readonly string[], start: number, lineCount: number): boolean {
  const first = headerCandidate(lines[start]);
  if (!first || !ATTRIBUTION_PREFIX.test(first)) {
    return false;
  }
  const joined = lines
    .slice(start, start + lineCount)
    .map((line) => headerCandidate(line) ?? '')
    .filter(Boolean)
    .join(' ');
  return isAttributionText(joined, () => isQuoteNext(lines, start + lineCount));
}

/** The reply before an attribution starting mid-line ("Thanks! On Mon, … wrote:"), or null. */
function replyBeforeAttribution(text: string, isQuoteNextLine: () => boolean): string | null {
  const prefix = SHARED_LINE_PREFIX.exec(text);
  if (!prefix) {
    return null;
  }
  const head = withoutTrailingDashes(text.slice(0, prefix.index));
  // A date before the prefix word puts it inside the attribution: "On 3 May, Jean Le Pen wrote:".
  if (hasDateOrTime(head) || !isAttributionText(text.slice(prefix.index), isQuoteNextLine)) {
    return null;
  }
  return head;
}

/** A scan from the end; `/[\s-]+$/` would retry from every dash of a long run of them. */
function withoutTrailingDashes(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '-' || /\s/.test(text[end - 1]))) {
    end--;
  }
  return text.slice(0, end);
}

function isQuoteNext(lines: readonly string[], start: number): boolean {
  let index = start;
  while (index < lines.length && isBlankLine(lines[index])) {
    index++;
  }
  return index < lines.length && isQuotedLine(lines[index]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
