import { useVerifyRequester } from '../api/queries';
import { TicketView } from '../api/types';
import { ErrorMessage } from '../components/feedback';

/**
 * A ticket opened from a mail whose sender could not be verified (UNVERIFIED_SENDER_POLICY=new_ticket):
 * its requester gets no mail until a staff member who knows them vouches for them.
 */
export function UnverifiedRequester({ ticket }: { ticket: TicketView }) {
  const verify = useVerifyRequester(ticket.id);
  if (ticket.requesterVerified !== false) {
    return null;
  }
  return (
    <section className="notice notice-warning unverified-requester" aria-label="Unverified requester">
      <p>
        <span className="badge">Unverified requester</span> This ticket was opened from a mail that could not be
        verified as sent by {ticket.client.name}. Nothing about it is mailed to them or its CCs until you verify them:
        check with the client first, as anyone could have written it.
      </p>
      <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? 'Verifying…' : 'Verify requester'}
      </button>
      {verify.error ? <ErrorMessage error={verify.error} /> : null}
    </section>
  );
}
