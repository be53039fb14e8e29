import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

import { useSplitTicket } from '../api/queries';
import type { MessageView, TicketView } from '../api/types';
import { SUBJECT_MAX_LENGTH } from '../api/vocabulary';
import { ErrorMessage, SubmitButton } from '../components/feedback';

/** Client messages, on a ticket not merged away, are what a split may move. */
export function canSplitOut(ticket: TicketView, message: MessageView): boolean {
  return ticket.mergedInto === null && !message.internal && message.author.kind === 'client';
}

/** The box beside a client message that selects it for a split. */
export function SplitChoice({
  messageId,
  selected,
  onChange,
}: {
  messageId: number;
  selected: boolean;
  onChange: (messageId: number, selected: boolean) => void;
}) {
  return (
    <label className="split-choice">
      <input type="checkbox" checked={selected} onChange={(event) => onChange(messageId, event.target.checked)} />
      Split out
    </label>
  );
}

/** Moves the selected client messages to a new ticket of the same client, then opens it. */
export function SplitTicket({
  ticket,
  messageIds,
  onDone,
}: {
  ticket: TicketView;
  messageIds: number[];
  onDone: () => void;
}) {
  const [subject, setSubject] = useState(ticket.subject);
  const ids = { subject: useId(), title: useId() };
  const split = useSplitTicket(ticket.id);
  const navigate = useNavigate();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    split.mutate(
      { messageIds, ...(subject.trim() && subject.trim() !== ticket.subject ? { subject: subject.trim() } : {}) },
      {
        onSuccess: (created) => {
          onDone();
          void navigate(`/admin/tickets/${created.id}`);
        },
      },
    );
  };

  return (
    <section className="panel split-ticket" aria-labelledby={ids.title}>
      <h2 id={ids.title} className="section-title">
        Split into a new ticket
      </h2>
      <form onSubmit={submit}>
        <p className="hint">{messageIds.length} message(s) chosen; they move to a new ticket of the same client.</p>
        <div className="field">
          <label htmlFor={ids.subject}>Subject of the new ticket</label>
          <input
            id={ids.subject}
            value={subject}
            maxLength={SUBJECT_MAX_LENGTH}
            onChange={(event) => setSubject(event.target.value)}
          />
        </div>
        <ErrorMessage error={split.error} />
        <SubmitButton pending={split.isPending} pendingLabel="Splitting…">
          Split
        </SubmitButton>
      </form>
    </section>
  );
}
