import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { useChangeTicketLink, useTicketLinks } from '../api/queries';
import type { TicketLinkView } from '../api/types';
import { ErrorMessage, SubmitButton } from '../components/feedback';
import { StatusBadge } from '../components/format';
import { parseTicketNumbers } from './ticket-numbers';

const LINK_LABELS: Record<TicketLinkView['type'], string> = {
  related: 'Related',
  split_from: 'Split from',
  split_to: 'Split into',
};

/** Tickets linked to this one: related by hand, or made by a split. */
export function LinkedTickets({ ticketId }: { ticketId: number }) {
  const links = useTicketLinks(ticketId);
  const change = useChangeTicketLink(ticketId);
  const [number, setNumber] = useState('');
  const ids = { number: useId(), title: useId() };
  const parsed = parseTicketNumbers(number);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed?.length === 1) {
      change.mutate({ ticketId: parsed[0] }, { onSuccess: () => setNumber('') });
    }
  };

  return (
    <section className="panel linked-tickets" aria-labelledby={ids.title}>
      <h2 id={ids.title} className="section-title">
        Linked tickets
      </h2>
      {links.data?.length ? (
        <ul className="plain-list">
          {links.data.map((link) => (
            <li key={`${link.type}-${link.ticket.id}`}>
              {LINK_LABELS[link.type]} <Link to={`/admin/tickets/${link.ticket.id}`}>#{link.ticket.id}</Link>{' '}
              {link.ticket.subject} <StatusBadge status={link.ticket.status} />
              {link.type === 'related' ? (
                <button
                  type="button"
                  className="small"
                  onClick={() => change.mutate({ ticketId: link.ticket.id, remove: true })}
                  aria-label={`Unlink #${link.ticket.id}`}
                >
                  Unlink
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{links.isLoading ? 'Loading…' : 'None.'}</p>
      )}
      <ErrorMessage error={links.error} />
      <form onSubmit={submit} className="inline-form">
        <label htmlFor={ids.number}>Link a related ticket</label>
        <input
          id={ids.number}
          value={number}
          maxLength={20}
          placeholder="#1043"
          onChange={(event) => setNumber(event.target.value)}
        />
        <SubmitButton pending={change.isPending} pendingLabel="Linking…" disabled={parsed?.length !== 1}>
          Link
        </SubmitButton>
      </form>
      <ErrorMessage error={change.error} />
    </section>
  );
}
