/** One method's result in an Authentication-Results header: `dkim=pass header.d=example.com`. */
export interface AuthenticationResult {
  method: string;
  result: string;
  /** Properties such as `header.d`, `header.from`, `smtp.mailfrom`, lower-case names. */
  properties: Record<string, string>;
}

export interface AuthenticationResults {
  authservId: string;
  results: AuthenticationResult[];
}

/** Far above what any MTA writes; a longer header is read that far. */
const VALUE_MAX_LENGTH = 16 * 1024;

/**
 * Parses the value of one Authentication-Results header (RFC 8601): the authserv-id, then
 * `method=result prop=value …` statements separated by semicolons; comments are dropped. Null
 * when the value has no authserv-id.
 */
export function parseAuthenticationResults(value: string): AuthenticationResults | null {
  const [head, ...statements] = stripComments(value.slice(0, VALUE_MAX_LENGTH)).split(';');
  const authservId = head.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (!authservId) {
    return null;
  }
  const results = statements.flatMap((statement): AuthenticationResult[] => {
    const [first, ...rest] = statement.trim().split(/\s+/);
    const match = /^([a-z0-9-]+)=([a-z0-9-]+)$/i.exec(first ?? '');
    if (!match) {
      return [];
    }
    const properties: Record<string, string> = {};
    for (const pair of rest) {
      const property = /^([a-z0-9.-]+)=(.+)$/i.exec(pair);
      if (property) {
        properties[property[1].toLowerCase()] = property[2].replace(/^"(.*)"$/, '$1').toLowerCase();
      }
    }
    return [{ method: match[1].toLowerCase(), result: match[2].toLowerCase(), properties }];
  });
  return { authservId, results };
}

function stripComments(value: string): string {
  let depth = 0;
  let text = '';
  for (const char of value.replace(/\r?\n[ \t]/g, ' ')) {
    if (char === '(') {
      depth++;
    } else if (char === ')' && depth > 0) {
      depth--;
    } else if (depth === 0) {
      text += char;
    }
  }
  return text;
}
