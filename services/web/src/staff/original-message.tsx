import { useState } from 'react';

import { saveDownload } from '../api/client';
import { findInboundMail } from '../api/queries';
import type { MessageView, SenderVerdict } from '../api/types';
import { ErrorMessage } from '../components/feedback';

/** For a message that came by email: who vouched for its sender, and the email as it arrived (.eml) one click away. */
export function OriginalMessage({ ticketId, message }: { ticketId: number; message: MessageView }) {
  const [state, setState] = useState<{ pending: boolean; error: unknown; missing: boolean }>({
    pending: false,
    error: null,
    missing: false,
  });
  if (message.via !== 'email') {
    return null;
  }
  const open = async () => {
    setState({ pending: true, error: null, missing: false });
    try {
      const mail = await findInboundMail(ticketId, message.id);
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
      {message.senderVerdict ? (
        <p className={`sender-verdict ${message.senderVerdict.aligned ? 'verified' : 'unverified'}`}>
          {describeVerdict(message.senderVerdict)}
        </p>
      ) : null}
      <button type="button" className="link" onClick={open} aria-busy={state.pending}>
        Original email (.eml){state.pending ? ' …' : ''}
      </button>
      {state.missing ? <p className="hint">The original email of this message is no longer kept.</p> : null}
      <ErrorMessage error={state.error} />
    </div>
  );
}

/** "Verified by DKIM example.com", or "Unverified" with what each check said. */
export function describeVerdict(verdict: SenderVerdict): string {
  const checks = `DKIM ${verdict.dkim}, SPF ${verdict.spf}, DMARC ${verdict.dmarc}`;
  if (!verdict.aligned) {
    return `Unverified sender (${checks})`;
  }
  const method = verdict.dkim === 'pass' ? 'DKIM' : verdict.spf === 'pass' ? 'SPF' : 'DMARC';
  const by = verdict.evidence === 'trusted_headers' && verdict.authservId ? `, as ${verdict.authservId} checked` : '';
  return `Verified by ${method} ${verdict.domain ?? ''}${by}`.trim();
}
