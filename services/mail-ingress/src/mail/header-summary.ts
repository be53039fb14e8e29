import { messageIdsIn } from '@helpdesk/mail';
import { AddressObject, ParsedMail, simpleParser } from 'mailparser';

/** What routing and loop detection read from a message's header. Addresses in lower case. */
export interface HeaderSummary {
  from: string | null;
  fromName: string | null;
  subject: string | null;
  messageId: string | null;
  /** In-Reply-To then References, each `<id>`, in order. */
  threadIds: string[];
  autoSubmitted: string | null;
  precedence: string | null;
  xAutoreply: boolean;
  xAutorespond: boolean;
  /** A List-Id header: mailing-list traffic. */
  listId: boolean;
  /** The top-level content type, e.g. `multipart/report`, and its report-type. */
  contentType: string | null;
  reportType: string | null;
  /** Our notifications carry X-Helpdesk-Ticket: a message with it is one of ours coming back. */
  helpdeskHeader: boolean;
  /** The values of every Authentication-Results header, topmost first (the nearest MTA's). */
  authenticationResults: string[];
  /** The addresses of To, Cc, Delivered-To and X-Original-To, lower case: whom it was written to. */
  writtenTo: string[];
}

export const EMPTY_HEADER_SUMMARY: HeaderSummary = {
  from: null,
  fromName: null,
  subject: null,
  messageId: null,
  threadIds: [],
  autoSubmitted: null,
  precedence: null,
  xAutoreply: false,
  xAutorespond: false,
  listId: false,
  contentType: null,
  reportType: null,
  helpdeskHeader: false,
  authenticationResults: [],
  writtenTo: [],
};

/** Addresses of a message's recipient headers looked at, at most: enough for any real message. */
const WRITTEN_TO_MAX = 100;
const ADDRESS_MAX_LENGTH = 320;

/** The summary of a message mailparser parsed (the header block alone is enough). */
function summarizeHeaders(
  parsed: Pick<ParsedMail, 'headers' | 'headerLines' | 'from' | 'to' | 'cc' | 'subject' | 'messageId'>,
): HeaderSummary {
  const headers = parsed.headers;
  const text = (name: string): string | null => {
    const value = headers.get(name);
    if (value === undefined || value === null) {
      return null;
    }
    if (typeof value === 'string') {
      return value.trim();
    }
    if (Array.isArray(value)) {
      return value.map(String).join(' ').trim();
    }
    if (typeof value === 'object' && 'value' in value) {
      return String((value as { value: unknown }).value).trim();
    }
    return value instanceof Date ? value.toISOString() : null;
  };
  const contentType = headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const sender = firstAddress(parsed.from);
  return {
    from: sender?.address || null,
    fromName: sender?.name || null,
    subject: parsed.subject?.trim() || null,
    messageId: parsed.messageId?.trim() || null,
    threadIds: [...messageIdsIn(text('in-reply-to') ?? undefined), ...messageIdsIn(text('references') ?? undefined)],
    autoSubmitted: text('auto-submitted')?.toLowerCase() ?? null,
    precedence: text('precedence')?.toLowerCase() ?? null,
    xAutoreply: headers.has('x-autoreply'),
    xAutorespond: headers.has('x-autorespond'),
    listId: Boolean((headers.get('list') as { id?: unknown } | undefined)?.id) || headers.has('list-id'),
    contentType: contentType?.value?.toLowerCase() ?? null,
    reportType: contentType?.params?.['report-type']?.toLowerCase() ?? null,
    helpdeskHeader: headers.has('x-helpdesk-ticket'),
    authenticationResults: parsed.headerLines
      .filter((header) => header.key === 'authentication-results')
      .map((header) => header.line.slice(header.line.indexOf(':') + 1).trim()),
    writtenTo: writtenTo(parsed),
  };
}

function writtenTo(parsed: Pick<ParsedMail, 'headerLines' | 'to' | 'cc'>): string[] {
  const listed = [parsed.to, parsed.cc].flatMap((field) =>
    (Array.isArray(field) ? field : field ? [field] : []).flatMap((object) =>
      object.value.flatMap((entry) => [entry.address ?? '', ...(entry.group ?? []).map((member) => member.address)]),
    ),
  );
  const delivered = parsed.headerLines
    .filter((header) => header.key === 'delivered-to' || header.key === 'x-original-to')
    .map((header) =>
      header.line
        .slice(header.line.indexOf(':') + 1)
        .trim()
        .replace(/^<|>$/g, ''),
    );
  const addresses = [...delivered, ...listed]
    .slice(0, WRITTEN_TO_MAX)
    .map((address) => (address ?? '').trim().toLowerCase())
    .filter((address) => address.length > 0 && address.length <= ADDRESS_MAX_LENGTH);
  return [...new Set(addresses)];
}

/** Parses a header block (what came before the first empty line); a broken one gives what could be read. */
export async function summarizeHeaderBlock(head: Buffer): Promise<HeaderSummary> {
  try {
    const parsed = await simpleParser(Buffer.concat([head, Buffer.from('\r\n\r\n')]), {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    });
    return summarizeHeaders(parsed);
  } catch {
    return EMPTY_HEADER_SUMMARY;
  }
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): { address: string; name: string } | null {
  const object = Array.isArray(from) ? from[0] : from;
  const first = object?.value?.[0];
  if (!first) {
    return null;
  }
  // A group's members, for "Group: a@b;"
  const address = first.address ?? first.group?.[0]?.address ?? '';
  return { address: address.trim().toLowerCase(), name: (first.name ?? '').trim() };
}
