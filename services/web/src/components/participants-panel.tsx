import { useId, useState, type FormEvent } from 'react';

import { useChangeParticipants, useParticipants } from '../api/queries';
import type { Principal, TicketView } from '../api/types';
import { ErrorMessage, Loading, SubmitButton } from './feedback';

/**
 * Who is on a ticket. Staff: its CCs (add, remove) and followers (follow, unfollow); clients:
 * the client and the CCs, read-only.
 */
export function ParticipantsPanel({ ticket, me }: { ticket: TicketView; me: Principal | null }) {
  const participants = useParticipants(ticket.id);
  const change = useChangeParticipants(ticket.id);
  const [email, setEmail] = useState('');
  const ids = { title: useId(), email: useId() };
  const staff = me?.kind === 'staff';

  if (participants.isPending) {
    return <Loading label="Loading who is on the ticket…" />;
  }
  if (participants.error) {
    return <ErrorMessage error={participants.error} />;
  }
  const { ccs, followers } = participants.data;
  const following = followers.some((follower) => follower.staffId === me?.id);

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) {
      return;
    }
    change.addCc.mutate({ email: email.trim() }, { onSuccess: () => setEmail('') });
  };

  return (
    <section className="panel participants" aria-labelledby={ids.title}>
      <h2 id={ids.title} className="section-title">
        On this ticket
      </h2>
      <ul className="participant-list" aria-label="People on this ticket">
        <li>
          <strong>{ticket.client.name}</strong> <span className="muted">client</span>
        </li>
        {ccs.map((cc) => (
          <li key={cc.email}>
            <span>
              <strong>{cc.name}</strong> <span className="muted">Cc · {cc.email}</span>
            </span>
            {staff ? (
              <button
                type="button"
                className="link"
                aria-label={`Remove ${cc.email} from Cc`}
                onClick={() => change.removeCc.mutate(cc.email)}
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {staff ? (
        <>
          <form onSubmit={add} className="add-cc">
            <div className="field">
              <label htmlFor={ids.email}>Add to Cc</label>
              <input
                id={ids.email}
                type="email"
                value={email}
                placeholder="colleague@example.com"
                onChange={(event) => setEmail(event.target.value)}
              />
            </div>
            <SubmitButton pending={change.addCc.isPending} pendingLabel="Adding…">
              Add Cc
            </SubmitButton>
            <ErrorMessage error={change.addCc.error ?? change.removeCc.error} />
          </form>
          <h3 className="section-title">Followers</h3>
          {followers.length === 0 ? (
            <p className="muted">Nobody follows this ticket.</p>
          ) : (
            <ul className="participant-list" aria-label="Followers">
              {followers.map((follower) => (
                <li key={follower.staffId}>{follower.name}</li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => (following ? change.unfollow : change.follow).mutate('me')}
          >
            {following ? 'Unfollow' : 'Follow'}
          </button>
          <ErrorMessage error={change.follow.error ?? change.unfollow.error} />
        </>
      ) : null}
    </section>
  );
}
