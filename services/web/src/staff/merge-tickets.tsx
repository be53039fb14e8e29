import { useId, useState, type FormEvent } from 'react';

import { useMergeTickets } from '../api/queries';
import { MERGE_MAX_SOURCES } from '../api/vocabulary';
import { ErrorMessage, Notice, SubmitButton } from '../components/feedback';
import { parseTicketNumbers } from './ticket-numbers';

/** Merges other tickets into this one: their messages move here, and each is closed pointing here. */
export function MergeTickets({ ticketId }: { ticketId: number }) {
  const [numbers, setNumbers] = useState('');
  const [note, setNote] = useState('');
  const ids = { numbers: useId(), note: useId(), error: useId() };
  const merge = useMergeTickets(ticketId);
  const parsed = parseTicketNumbers(numbers);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed) {
      merge.mutate(
        { sourceIds: parsed, ...(note.trim() ? { note: note.trim() } : {}) },
        { onSuccess: () => setNumbers('') },
      );
    }
  };

  return (
    <section className="panel merge-tickets" aria-label="Merge tickets">
      <h2 className="section-title">Merge into this ticket</h2>
      <form onSubmit={submit} aria-describedby={merge.error ? ids.error : undefined}>
        <div className="field">
          <label htmlFor={ids.numbers}>Ticket numbers</label>
          <input
            id={ids.numbers}
            value={numbers}
            placeholder="e.g. 41, 43"
            maxLength={200}
            onChange={(event) => setNumbers(event.target.value)}
            aria-describedby={`${ids.numbers}-hint`}
          />
          <p className="hint" id={`${ids.numbers}-hint`}>
            Up to {MERGE_MAX_SOURCES}. Their messages move here; each is closed and points here.
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.note}>Reason (optional, kept on this ticket for staff)</label>
          <input id={ids.note} value={note} maxLength={2_000} onChange={(event) => setNote(event.target.value)} />
        </div>
        {numbers && !parsed ? <p className="hint">Write ticket numbers separated by commas or spaces.</p> : null}
        <ErrorMessage error={merge.error} id={ids.error} />
        {merge.isSuccess ? <Notice tone="success">Merged.</Notice> : null}
        <SubmitButton pending={merge.isPending} pendingLabel="Merging…" disabled={!parsed}>
          Merge
        </SubmitButton>
      </form>
    </section>
  );
}
