import { simpleParser } from 'mailparser';

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
    attachments: parsed.attachments.map((attachment, index) => ({
      filename: attachment.filename?.trim() || `attachment-${index + 1}${EXTENSIONS[attachment.contentType] ?? ''}`,
      contentType: attachment.contentType || 'application/octet-stream',
      content: attachment.content,
    })),
  };
}
