import { redactReplyTokens } from '@helpdesk/mail';

/** What nodemailer puts on a failed send: `code` (ECONNECTION, EENVELOPE, …) and the SMTP reply. */
interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

export interface RetryPolicy {
  retryBaseMs: number;
  retryMaxMs: number;
  /** A mail still failing this long after it was recorded is given up on. */
  giveUpAfterMs: number;
}

export type AfterFailure = { retryAt: Date; error: string } | { failed: true; error: string };

/** Errors nodemailer raises before the server is asked: the message itself is unsendable. */
const UNSENDABLE = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * A 5xx reply is permanent (the server refuses this mail for good), except to AUTH: bad
 * credentials are ours to fix, and the mail must still go once they are. A 4xx reply, a refused
 * or dropped connection and a timeout are transient: the server may take the mail later.
 */
export function isPermanentFailure(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as SmtpFailure;
  if (code === 'EAUTH') {
    return false;
  }
  if (typeof responseCode === 'number') {
    return responseCode >= 500 && responseCode < 600;
  }
  return code !== undefined && UNSENDABLE.has(code);
}

/** Exponential backoff from `base`, capped at `max`, with ±20 % jitter so retries spread out. */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

/** Whether to try a mail again, and when, after its `attempts`-th send failed. */
export function afterFailure(
  error: unknown,
  mail: { attempts: number; createdAt: Date },
  policy: RetryPolicy,
  now: Date,
  random: () => number = Math.random,
): AfterFailure {
  const description = describeFailure(error);
  if (isPermanentFailure(error)) {
    return { failed: true, error: description };
  }
  const retryAt = new Date(now.getTime() + retryDelayMs(mail.attempts, policy.retryBaseMs, policy.retryMaxMs, random));
  if (retryAt.getTime() - mail.createdAt.getTime() > policy.giveUpAfterMs) {
    return { failed: true, error: `gave up after ${mail.attempts} attempts: ${description}` };
  }
  return { retryAt, error: description };
}

/** A one-line account of the failure for the mail log; no message content, no reply token. */
export function describeFailure(error: unknown): string {
  const { code, response, message } = (error ?? {}) as SmtpFailure;
  const text = redactReplyTokens(response ?? message ?? String(error))
    .replace(/\s+/g, ' ')
    .trim();
  return (code ? `${code}: ${text}` : text).slice(0, 500);
}
