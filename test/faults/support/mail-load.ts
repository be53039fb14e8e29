import { PrincipalKind } from '@helpdesk/contracts';
import { replyAddress, ReplyTokens } from '@helpdesk/mail';
import { smtpTransaction, TEST_MAIL } from '@helpdesk/testing';

/** Where the load's email replies go: the ingress ports (one per replica) and the client who writes. */
export interface MailTarget {
  smtpPorts: number[];
  clientId: number;
  clientEmail: string;
}

/** One SMTP attempt: 250, a code the sender must retry (4xx) or give up on (5xx), or no connection. */
export interface DeliveryAttempt {
  code: number;
  text: string;
}

/** An MTA retries a deferred mail; this one every second, as a busy queue would. */
export const MAIL_RETRY_MS = 1_000;

const tokens = new ReplyTokens(TEST_MAIL.tokenSecret);

/** The client's reply to a ticket through its own reply address, its text (and Message-ID) `marker`. */
export function replyMessage(target: MailTarget, ticketId: number, marker: string): { to: string; message: string } {
  const to = replyAddress(
    { localPart: TEST_MAIL.replyLocalPart, domain: TEST_MAIL.domain },
    tokens.sign({ ticketId, recipient: { kind: PrincipalKind.Client, id: target.clientId } }),
  );
  const message = [
    `From: Load Client <${target.clientEmail}>`,
    `To: ${to}`,
    `Subject: Re: load ${marker}`,
    `Message-ID: <${marker}@client.test>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    marker,
  ].join('\r\n');
  return { to, message };
}

/** One SMTP transaction; a refused connection or a dropped one is code 0. */
export async function attemptDelivery(
  port: number,
  from: string,
  to: string,
  message: string,
): Promise<DeliveryAttempt> {
  try {
    const result = await smtpTransaction(port, { from, to: [to], message });
    const refusal = [result.greeting, result.mailFrom, ...result.rcptTo, result.data].find(
      (reply) => reply !== undefined && reply.code >= 400,
    );
    const last = result.final ?? refusal ?? result.mailFrom;
    return { code: last.code, text: last.text };
  } catch (error) {
    return { code: 0, text: (error as Error).message };
  }
}

export function isTemporary(attempt: DeliveryAttempt): boolean {
  return attempt.code === 0 || (attempt.code >= 400 && attempt.code < 500);
}

/**
 * Delivers as an MTA does: a 4xx or no connection is retried (on the next ingress replica) until
 * `giveUpAt`; 250 and 5xx are final. Every deferral is reported to `onDeferral`.
 */
export async function deliverWithRetries(
  target: MailTarget,
  mail: { to: string; message: string },
  giveUpAt: () => number,
  onDeferral: (attempt: DeliveryAttempt) => void,
): Promise<DeliveryAttempt> {
  for (let attemptNumber = 0; ; attemptNumber++) {
    const port = target.smtpPorts[attemptNumber % target.smtpPorts.length];
    const attempt = await attemptDelivery(port, target.clientEmail, mail.to, mail.message);
    if (!isTemporary(attempt) || Date.now() >= giveUpAt()) {
      return attempt;
    }
    onDeferral(attempt);
    await new Promise((resolve) => setTimeout(resolve, MAIL_RETRY_MS));
  }
}
