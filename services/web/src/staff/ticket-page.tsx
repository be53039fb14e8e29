import { useState } from 'react';
import { Link, useParams } from 'react-router';

import { ApiError } from '../api/client';
import { useTicket } from '../api/queries';
import { useSession } from '../auth/session';
import { Conversation } from '../components/conversation';
import { ErrorMessage, Loading } from '../components/feedback';
import { PriorityBadge, StatusBadge, Time } from '../components/format';
import { PageHeader } from '../components/page';
import { MergedNotice } from '../components/merged-notice';
import { latestMessageIdOf } from '../components/newer-messages';
import { ParticipantsPanel } from '../components/participants-panel';
import { ReplyBox } from '../components/reply-box';
import { useColleagues } from './colleagues';
import { LinkedTickets } from './linked-tickets';
import { listAddress } from './list-address';
import { MergeTickets } from './merge-tickets';
import { OriginalMessage } from './original-message';
import { canSplitOut, SplitChoice, SplitTicket } from './split-ticket';
import { TicketActivity } from './ticket-activity';
import { TicketControls } from './ticket-controls';
import { PresenceNote, useTicketPresence } from './ticket-presence';
import { UnverifiedRequester } from './unverified-requester';

export function StaffTicketPage() {
  const { id } = useParams();
  const ticketId = /^\d+$/.test(id ?? '') ? Number(id) : 0;
  const ticket = useTicket(ticketId);
  const { me } = useSession();
  const colleagues = useColleagues(me);
  const [splitIds, setSplitIds] = useState<number[]>([]);
  const [replying, setReplying] = useState(false);
  const present = useTicketPresence(ticketId, replying, ticket.data !== undefined);
  const chooseForSplit = (messageId: number, selected: boolean) =>
    setSplitIds((ids) => (selected ? [...ids, messageId] : ids.filter((id) => id !== messageId)));
  const back = (
    <Link to={listAddress()} className="back-link">
      ← All tickets
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
        {missing ? (
          <p>There is no ticket #{id}, or it belongs to a department you do not work in.</p>
        ) : (
          <ErrorMessage error={ticket.error} />
        )}
      </>
    );
  }

  const view = ticket.data;
  return (
    <>
      {back}
      <PageHeader title={`#${view.id} ${view.subject}`}>
        <StatusBadge status={view.status} />
        <PriorityBadge priority={view.priority} />
      </PageHeader>
      <p className="ticket-facts">
        <span>
          Client <strong>{view.client.name}</strong>
        </span>
        <span>
          Department <strong>{view.department.name}</strong>
        </span>
        <span>
          Assigned <strong>{view.assignee?.name ?? 'nobody'}</strong>
        </span>
        <span>
          Opened <Time iso={view.createdAt} relativeTime={false} />
        </span>
        <span>
          Last update <Time iso={view.lastActivityAt} />
        </span>
        <PresenceNote present={present} meId={me?.id} />
      </p>
      <UnverifiedRequester ticket={view} />
      {ticket.error ? (
        <div className="stale-warning">
          <p>This page could not be refreshed; what you see may be out of date.</p>
          <ErrorMessage error={ticket.error} />
        </div>
      ) : null}
      <div className="ticket-layout">
        <div className="ticket-main">
          <Conversation
            messages={view.messages}
            mentionNames={colleagues.staff.map((member) => member.name)}
            extras={(message) => (
              <>
                <OriginalMessage ticketId={view.id} message={message} />
                {canSplitOut(view, message) ? (
                  <SplitChoice
                    messageId={message.id}
                    selected={splitIds.includes(message.id)}
                    onChange={chooseForSplit}
                  />
                ) : null}
              </>
            )}
          />
          {view.mergedInto ? (
            <MergedNotice ticketId={view.id} targetId={view.mergedInto} area="admin" />
          ) : (
            <ReplyBox
              ticketId={view.id}
              staff
              closed={view.status === 'closed'}
              latestMessageId={latestMessageIdOf(view.messages)}
              onWritingChange={setReplying}
            />
          )}
        </div>
        <aside className="ticket-side" aria-label="Ticket settings and activity">
          <TicketControls key={view.id} ticket={view} />
          {view.mergedInto ? null : <MergeTickets ticketId={view.id} />}
          {splitIds.length > 0 ? (
            <SplitTicket ticket={view} messageIds={splitIds} onDone={() => setSplitIds([])} />
          ) : null}
          <LinkedTickets ticketId={view.id} />
          <ParticipantsPanel ticket={view} me={me} />
          <TicketActivity ticket={view} />
        </aside>
      </div>
    </>
  );
}
