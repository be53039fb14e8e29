/**
 * Headers every notification carries besides the threading ones: RFC 3834 `Auto-Submitted`,
 * Exchange's `X-Auto-Response-Suppress` and the older `Precedence: bulk`, which together keep
 * out-of-office and other auto-responders from answering (and so from mail loops).
 */
export const AUTO_RESPONDER_SUPPRESSION: Readonly<Record<string, string>> = {
  'Auto-Submitted': 'auto-generated',
  'X-Auto-Response-Suppress': 'All',
  Precedence: 'bulk',
};

export function notificationHeaders(subject: string, ticketId: number, threadIndex: string): Record<string, string> {
  return {
    ...AUTO_RESPONDER_SUPPRESSION,
    'Thread-Topic': subject,
    'Thread-Index': threadIndex,
    'X-Helpdesk-Ticket': String(ticketId),
  };
}
