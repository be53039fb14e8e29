import { Link, useLocation, useParams } from 'react-router';

import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { useTicket } from '../api/queries';
import { Conversation } from '../components/conversation';
import { ErrorMessage, Loading, Notice } from '../components/feedback';
import { StatusBadge, Time } from '../components/format';
import { PageHeader } from '../components/page';
import { ParticipantsPanel } from '../components/participants-panel';
import { MergedNotice } from '../components/merged-notice';
import { latestMessageIdOf } from '../components/newer-messages';
import { ReplyBox } from '../components/reply-box';

/** `/client/tickets/<number>`: the address the notification mails link to. */
export function ClientTicketPage() {
  const { id } = useParams();
  const location = useLocation();
  const ticketId = /^\d+$/.test(id ?? '') ? Number(id) : 0;
  const ticket = useTicket(ticketId);
  const { me } = useSession();
  const back = (
    <Link to="/client/tickets" className="back-link">
      ← My Tickets
    </Link>
  );
  if (!ticket.data && !ticket.error) {
    return (
      <>
        {back}
        <Loading label={`Loading ticket #${id}…`} />
      </>
    );
  }
  if (!ticket.data) {
    const missing = ticket.error instanceof ApiError && ticket.error.status === 404;
    return (
      <>
        {back}
        <PageHeader title={missing ? `Ticket #${id} not found` : `Ticket #${id}`} />
        {missing ? <p>We could not find ticket #{id} among your tickets.</p> : <ErrorMessage error={ticket.error} />}
      </>
    );
  }
  const view = ticket.data;
  const opened = (location.state as { opened?: boolean } | null)?.opened;
  return (
    <>
      {back}
      <PageHeader title={`#${view.id} ${view.subject}`}>
        <StatusBadge status={view.status} />
      </PageHeader>
      {opened ? (
        <Notice tone="success">
          Your ticket #{view.id} is open. We will reply here and by email; you can add to it at any time.
        </Notice>
      ) : null}
      <p className="ticket-facts">
        <span>
          Department <strong>{view.department.name}</strong>
        </span>
        <span>
          Opened <Time iso={view.createdAt} relativeTime={false} />
        </span>
        <span>
          Last update <Time iso={view.lastActivityAt} />
        </span>
      </p>
      {ticket.error ? <ErrorMessage error={ticket.error} /> : null}
      <div className="client-ticket">
        <Conversation messages={view.messages} />
        <ParticipantsPanel ticket={view} me={me} />
        {view.mergedInto ? (
          <MergedNotice ticketId={view.id} targetId={view.mergedInto} area="client" />
        ) : (
          <ReplyBox
            ticketId={view.id}
            staff={false}
            closed={view.status === 'closed'}
            latestMessageId={latestMessageIdOf(view.messages)}
          />
        )}
      </div>
    </>
  );
}
