/** Staff a note may mention, as the parser compares them. */
export interface MentionCandidate {
  id: number;
  name: string;
  email: string;
}

/** At most this many `@` are looked at in one note: a note is text for people, not a list. */
export const MAX_MENTION_MARKS = 50;
const NAME_MAX_LENGTH = 254;

/**
 * The staff a note mentions, each once, in order of first mention: `@` at the start of the text
 * or after a character that cannot be part of an address, followed by a staff member's email or
 * name (case-insensitive) that ends at a word boundary. Linear in the note's length times the
 * number of staff: no regular expression runs on the note, and only the first MAX_MENTION_MARKS
 * `@` count.
 */
export function findMentions(text: string, staff: readonly MentionCandidate[]): MentionCandidate[] {
  const found = new Map<number, MentionCandidate>();
  const byLength = [...staff]
    .flatMap((member) => [
      { member, key: member.email.toLowerCase() },
      { member, key: member.name.trim().toLowerCase() },
    ])
    .filter(({ key }) => key.length > 0 && key.length <= NAME_MAX_LENGTH)
    // The longest key first: `@Sam Staffer` is Sam Staffer, not Sam.
    .sort((a, b) => b.key.length - a.key.length);
  let marks = 0;
  for (let at = text.indexOf('@'); at !== -1 && marks < MAX_MENTION_MARKS; at = text.indexOf('@', at + 1)) {
    if (at > 0 && isAddressChar(text[at - 1])) {
      continue;
    }
    marks += 1;
    const following = text.slice(at + 1, at + 1 + NAME_MAX_LENGTH + 1).toLowerCase();
    const match = byLength.find(({ key }) => following.startsWith(key) && !isWordChar(following.charAt(key.length)));
    if (match && !found.has(match.member.id)) {
      found.set(match.member.id, match.member);
    }
  }
  return [...found.values()];
}

function isAddressChar(char: string): boolean {
  return isWordChar(char) || char === '.' || char === '-' || char === '+';
}

function isWordChar(char: string): boolean {
  if (char === '') {
    return false;
  }
  const code = char.charCodeAt(0);
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    char === '_' ||
    code > 127
  );
}
