import { AddressObject, EmailAddress, simpleParser } from 'mailparser';

/** At most this many To/Cc addresses are read from one message. */
const COPIED_MAX = 200;

export interface InboundAttachment {
  filename: string;
  /** What the sender's client claimed; the attachments service decides from the bytes. */
  contentType: string;
  content: Buffer;
}

/**
 * A message's content as processing needs it: decoded text in whatever charset and transfer
 * encoding it came. Its header was read once, on receipt, into the inbound mail's row.
 */
export interface ParsedInbound {
  /** The text/plain body, decoded (format=flowed unwrapped), or null when there is none. */
  text: string | null;
  /** The text/html body, decoded, or null. */
  html: string | null;
  attachments: InboundAttachment[];
  /** The To and Cc addresses (never Bcc, nor envelope recipients), lower case, each once. */
  copied: string[];
}

/** A message the parser cannot read: processing records it as failed and dead-letters its job. */
export class MalformedMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedMailError';
  }
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'application/zip': '.zip',
  'application/gzip': '.gz',
  'message/rfc822': '.eml',
};

/**
 * Parses a raw message with mailparser: any charset it declares (UTF-8, ISO-8859-x,
 * Windows-125x, ISO-2022-JP, …), base64 and quoted-printable, format=flowed. Pure: no I/O.
 */
export async function parseInboundMail(raw: Buffer): Promise<ParsedInbound> {
  let parsed;
  try {
    parsed = await simpleParser(raw, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    });
  } catch (error) {
    throw new MalformedMailError((error as Error).message || String(error));
  }
  if (parsed.headers.size === 0) {
    throw new MalformedMailError('The message has no header: it is not an email message.');
  }
  const html = typeof parsed.html === 'string' && parsed.html.trim() !== '' ? parsed.html : null;
  return {
    text: typeof parsed.text === 'string' && parsed.text.trim() !== '' ? parsed.text : null,
    html,
    copied: copiedAddresses([parsed.to, parsed.cc]),
    attachments: parsed.attachments.map((attachment, index) => ({
      filename: attachment.filename?.trim() || `attachment-${index + 1}${EXTENSIONS[attachment.contentType] ?? ''}`,
      contentType: attachment.contentType || 'application/octet-stream',
      content: attachment.content,
    })),
  };
}

function copiedAddresses(headers: (AddressObject | AddressObject[] | undefined)[]): string[] {
  const found = new Set<string>();
  const visit = (entries: EmailAddress[]) => {
    for (const entry of entries) {
      if (found.size >= COPIED_MAX) {
        return;
      }
      if (entry.group) {
        visit(entry.group);
      } else if (entry.address) {
        found.add(entry.address.trim().toLowerCase());
      }
    }
  };
  for (const header of headers.flatMap((value) => (value === undefined ? [] : [value]).flat())) {
    visit(header.value);
  }
  return [...found];
}
