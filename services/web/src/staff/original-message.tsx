import { useState } from 'react';

import { saveDownload } from '../api/client';
import { findInboundMail } from '../api/queries';
import type { MessageView, SenderVerdict } from '../api/types';
import { ErrorMessage } from '../components/feedback';

/** For a reply that came by email: the email as it arrived (.eml), and what its sender check said, one click away. */
export function OriginalMessage({ ticketId, message }: { ticketId: number; message: MessageView }) {
  const [state, setState] = useState<{ pending: boolean; error: unknown; missing: boolean }>({
    pending: false,
    error: null,
    missing: false,
  });
  const [verdict, setVerdict] = useState<SenderVerdict | null>(null);
  if (message.via !== 'email') {
    return null;
  }
  const open = async () => {
    setState({ pending: true, error: null, missing: false });
    try {
      const mail = await findInboundMail(ticketId, message.id);
      setVerdict(mail?.senderVerdict ?? null);
      if (!mail?.hasRaw) {
        setState({ pending: false, error: null, missing: true });
        return;
      }
      await saveDownload(`/inbound-mails/${mail.id}/raw`, `ticket-${ticketId}-message-${message.id}.eml`);
      setState({ pending: false, error: null, missing: false });
    } catch (error) {
      setState({ pending: false, error, missing: false });
    }
  };
  return (
    <div className="original-message">
      <button type="button" className="link" onClick={open} aria-busy={state.pending}>
        Original email (.eml){state.pending ? ' …' : ''}
      </button>
      {state.missing ? <p className="hint">The original email of this message is no longer kept.</p> : null}
      {verdict ? (
        <p className="hint">
          Sender {verdict.aligned ? 'verified' : 'not verified'}: DKIM {verdict.dkim}, SPF {verdict.spf}, DMARC{' '}
          {verdict.dmarc}
          {verdict.domain ? ` for ${verdict.domain}` : ''}
        </p>
      ) : null}
      <ErrorMessage error={state.error} />
    </div>
  );
}
