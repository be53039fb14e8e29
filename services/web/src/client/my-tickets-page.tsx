import { useMemo } from 'react';
import { Link } from 'react-router';

import { useTicketList } from '../api/queries';
import { ErrorMessage, Loading } from '../components/feedback';
import { StatusBadge, Time } from '../components/format';
import { PageHeader } from '../components/page';

export function MyTicketsPage() {
  const list = useTicketList({ sort: '-lastActivityAt' });
  const tickets = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  return (
    <>
      <PageHeader title="My Tickets" crumbs={['Client Area', 'Support', 'My Tickets']}>
        <Link to="/client/tickets/new" className="button primary">
          Open a ticket
        </Link>
      </PageHeader>
      {list.error ? <ErrorMessage error={list.error} /> : null}
      {list.isPending ? <Loading label="Loading your tickets…" /> : null}
      {list.data && tickets.length === 0 ? (
        <div className="empty">
          <p>You have no tickets yet. Need help? Open a ticket and we will get back to you.</p>
        </div>
      ) : null}
      {tickets.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table responsive my-tickets">
            <caption className="visually-hidden">Your tickets, most recently updated first</caption>
            <thead>
              <tr>
                <th scope="col">Ticket #</th>
                <th scope="col">Subject</th>
                <th scope="col">Department</th>
                <th scope="col">Status</th>
                <th scope="col">Last update</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket) => (
                <tr key={ticket.id}>
                  <td data-label="Ticket #">#{ticket.id}</td>
                  <td data-label="Subject" className="col-subject">
                    <Link to={`/client/tickets/${ticket.id}`}>{ticket.subject}</Link>
                    {ticket.asCc ? (
                      <span className="badge cc-badge" title={`You are on Cc; ${ticket.client.name} opened it`}>
                        Cc
                      </span>
                    ) : null}
                  </td>
                  <td data-label="Department">{ticket.department.name}</td>
                  <td data-label="Status">
                    <StatusBadge status={ticket.status} />
                  </td>
                  <td data-label="Last update">
                    <Time iso={ticket.lastActivityAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.hasNextPage ? (
        <div className="load-more">
          <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? 'Loading more…' : 'Show older tickets'}
          </button>
        </div>
      ) : null}
    </>
  );
}
