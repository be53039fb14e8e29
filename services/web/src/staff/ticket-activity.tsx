import { useId, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';

import { useDepartments, useTicketEmails, useTicketHistory } from '../api/queries';
import type { HistoryEntryView, TicketView } from '../api/types';
import {
  EMAIL_KIND_LABELS,
  EMAIL_STATE_LABELS,
  HISTORY_VERBS,
  PRIORITY_LABELS,
  STATUS_LABELS,
} from '../api/vocabulary';
import { ErrorMessage, Loading } from '../components/feedback';
import { Time } from '../components/format';
import { useColleagues } from './colleagues';
import { useSession } from '../auth/session';

const TABS = [
  { id: 'history', label: 'History' },
  { id: 'emails', label: 'Emails sent' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** The ticket's history and its sent-email log, as tabs (the log loads only when opened). */
export function TicketActivity({ ticket }: { ticket: TicketView }) {
  const [tab, setTab] = useState<Tab>('history');
  const base = useId();
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const index = TABS.findIndex((candidate) => candidate.id === tab);
      const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
      setTab(next.id);
      document.getElementById(`${base}-${next.id}-tab`)?.focus();
    }
  };
  return (
    <section className="panel activity" aria-label="Activity">
      <div role="tablist" aria-label="Activity" className="tabs" onKeyDown={onKeyDown}>
        {TABS.map((candidate) => (
          <button
            key={candidate.id}
            id={`${base}-${candidate.id}-tab`}
            type="button"
            role="tab"
            aria-selected={tab === candidate.id}
            aria-controls={`${base}-${candidate.id}-panel`}
            tabIndex={tab === candidate.id ? 0 : -1}
            onClick={() => setTab(candidate.id)}
          >
            {candidate.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-${tab}-panel`} aria-labelledby={`${base}-${tab}-tab`} tabIndex={0}>
        {tab === 'history' ? (
          <History ticket={ticket} />
        ) : (
          <>
            <Emails ticketId={ticket.id} />
            <p className="hint">
              Mail received for this ticket:{' '}
              <Link to={`/admin/inbound-mail?ticket=${ticket.id}`}>inbound mail log</Link>.
            </p>
          </>
        )}
      </div>
    </section>
  );
}

function History({ ticket }: { ticket: TicketView }) {
  const history = useTicketHistory(ticket.id);
  const describe = useDescribeChange(ticket);
  if (history.isPending) {
    return <Loading label="Loading history…" />;
  }
  if (history.error) {
    return <ErrorMessage error={history.error} />;
  }
  return (
    <ol className="history">
      {[...history.data].reverse().map((entry) => (
        <li key={entry.id}>
          <span>
            <strong>{entry.actor.name}</strong> {HISTORY_VERBS[entry.action] ?? entry.action}
            {describe(entry)}
          </span>
          <Time iso={entry.createdAt} />
        </li>
      ))}
    </ol>
  );
}

/** " from Open to In Progress", with names for ids where the app knows them. */
function useDescribeChange(ticket: TicketView) {
  const { me } = useSession();
  const departments = useDepartments();
  const colleagues = useColleagues(me);
  const staffName = (id: unknown) => {
    if (id === null) {
      return 'nobody';
    }
    const known =
      colleagues.staff.find((member) => member.id === id) ?? (ticket.assignee?.id === id ? ticket.assignee : null);
    return known?.name ?? `staff member ${JSON.stringify(id)}`;
  };
  const departmentName = (id: unknown) =>
    departments.data?.find((department) => department.id === id)?.name ?? `department ${String(id)}`;
  const label = (field: string, value: unknown): string => {
    switch (field) {
      case 'status':
        return STATUS_LABELS[value as keyof typeof STATUS_LABELS] ?? String(value);
      case 'priority':
        return PRIORITY_LABELS[value as keyof typeof PRIORITY_LABELS] ?? String(value);
      case 'assignee':
      case 'assigneeId':
        return staffName(value);
      case 'departmentId':
        return departmentName(value);
      default:
        return String(value);
    }
  };
  return (entry: HistoryEntryView) =>
    Object.entries(entry.details)
      .filter(
        (pair): pair is [string, { from: unknown; to: unknown }] =>
          typeof pair[1] === 'object' && pair[1] !== null && 'to' in pair[1],
      )
      .map(([field, change]) => ` from ${label(field, change.from)} to ${label(field, change.to)}`)
      .join(',');
}

function Emails({ ticketId }: { ticketId: number }) {
  const emails = useTicketEmails(ticketId);
  if (emails.isPending) {
    return <Loading label="Loading the sent emails…" />;
  }
  if (emails.error) {
    return <ErrorMessage error={emails.error} />;
  }
  if (emails.data.length === 0) {
    return <p className="muted">No notification emails for this ticket yet.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="data-table compact">
        <caption className="visually-hidden">Notification emails of this ticket, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">To</th>
            <th scope="col">About</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {emails.data.map((email) => (
            <tr key={email.id}>
              <td className="nowrap">
                <Time iso={email.sentAt ?? email.createdAt} />
              </td>
              <td>
                {email.recipient.name}
                <div className="muted small-text">{email.recipient.email}</div>
              </td>
              <td>
                {EMAIL_KIND_LABELS[email.kind] ?? email.kind}
                <div className="muted small-text">{email.subject}</div>
              </td>
              <td>
                <span className={`badge email-${email.state}`}>{EMAIL_STATE_LABELS[email.state] ?? email.state}</span>
                {email.lastError ? <div className="muted small-text">{email.lastError}</div> : null}
                {email.skipReason ? <div className="muted small-text">{email.skipReason}</div> : null}
                {email.attempts > 1 ? <div className="muted small-text">{email.attempts} attempts</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
