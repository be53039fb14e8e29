import { InboundAttachment, parseInboundMail } from './parse-mail';
import { replyText } from './reply-text';

/** What processing takes from a raw message: the reply without quotes and signature, and the files. */
export interface MailContent {
  replyText: string;
  attachments: InboundAttachment[];
  /** To and Cc addresses: CCs of a ticket the mail opens. */
  copied: string[];
}

/** Parses and strips a raw message; the costly part of processing, run in a worker (ContentWorkerPool). */
export async function readMailContent(raw: Buffer): Promise<MailContent> {
  const parsed = await parseInboundMail(raw);
  return { replyText: replyText(parsed), attachments: parsed.attachments, copied: parsed.copied };
}
