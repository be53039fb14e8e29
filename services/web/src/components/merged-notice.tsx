import { Link } from 'react-router';

/** A ticket merged into another: read-only here, the conversation goes on there. */
export function MergedNotice({ targetId, area }: { targetId: number; area: 'admin' | 'client' }) {
  return (
    <section className="notice notice-warning merged-notice" aria-label="Merged ticket">
      <p>
        This ticket was merged into <Link to={`/${area}/tickets/${targetId}`}>ticket #{targetId}</Link>: its messages
        and any new reply are there.
      </p>
    </section>
  );
}
