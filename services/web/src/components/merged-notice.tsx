import { Link } from 'react-router';

import { useUnmerge } from '../api/queries';
import { ErrorMessage } from './feedback';

/** A ticket merged into another: read-only here, the conversation goes on there. Staff may undo it for 24 hours. */
export function MergedNotice({
  ticketId,
  targetId,
  area,
}: {
  ticketId: number;
  targetId: number;
  area: 'admin' | 'client';
}) {
  return (
    <section className="notice notice-warning merged-notice" aria-label="Merged ticket">
      <p>
        This ticket was merged into <Link to={`/${area}/tickets/${targetId}`}>ticket #{targetId}</Link>: its messages
        and any new reply are there.
      </p>
      {area === 'admin' ? <UndoMerge ticketId={ticketId} /> : null}
    </section>
  );
}

function UndoMerge({ ticketId }: { ticketId: number }) {
  const unmerge = useUnmerge(ticketId);
  return (
    <>
      <button type="button" onClick={() => unmerge.mutate()} disabled={unmerge.isPending}>
        {unmerge.isPending ? 'Undoing…' : 'Undo the merge'}
      </button>
      <ErrorMessage error={unmerge.error} />
    </>
  );
}
