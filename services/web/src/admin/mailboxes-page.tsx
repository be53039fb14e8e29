import type { ReactNode } from 'react';

import {
  useDeleteMailbox,
  useDepartments,
  useMailboxes,
  useMailboxStatus,
  useSaveMailbox,
  useTestMailbox,
} from '../api/queries';
import type { MailboxTestResult, MailboxView } from '../api/types';
import { MAILBOX_STATE_LABELS } from '../api/vocabulary';
import { ErrorMessage, Notice } from '../components/feedback';
import { Time } from '../components/format';
import { AdminListPage } from './admin-list-page';
import { MailboxForm } from './mailbox-form';

export function MailboxesPage() {
  const mailboxes = useMailboxes();
  const departments = useDepartments();
  const remove = useDeleteMailbox();
  const pause = useSaveMailbox();
  const test = useTestMailbox();
  const departmentName = (id: number) => departments.data?.find((department) => department.id === id)?.name ?? `#${id}`;
  const tested = mailboxes.data?.find((mailbox) => mailbox.id === test.variables);

  return (
    <AdminListPage<MailboxView>
      title="Mailboxes"
      crumbs={['Admin', 'Setup', 'Mailboxes']}
      addLabel="New mailbox"
      adminTask="manage mailboxes"
      list={mailboxes}
      form={(mailbox, done) => <MailboxForm mailbox={mailbox} done={done} />}
    >
      {(edit) => (
        <>
          <ErrorMessage error={remove.error ?? pause.error ?? test.error} />
          {test.data && tested ? <ConnectionReport mailbox={tested} result={test.data} /> : null}
          {mailboxes.data && mailboxes.data.length === 0 ? <p className="empty">No mailboxes yet.</p> : null}
          {mailboxes.data && mailboxes.data.length > 0 ? (
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">Mailboxes</caption>
                <thead>
                  <tr>
                    <th scope="col">Address</th>
                    <th scope="col">Department</th>
                    <th scope="col">State</th>
                    <th scope="col">Backlog</th>
                    <th scope="col">Last message</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {mailboxes.data.map((mailbox) => (
                    <MailboxRow key={mailbox.id} mailbox={mailbox} department={departmentName(mailbox.departmentId)}>
                      <button
                        type="button"
                        className="secondary small"
                        disabled={test.isPending}
                        onClick={() => test.mutate(mailbox.id)}
                      >
                        {test.isPending && test.variables === mailbox.id ? 'Testing…' : 'Test connection'}
                        <span className="visually-hidden"> {mailbox.address}</span>
                      </button>
                      <button type="button" className="secondary small" onClick={() => edit(mailbox)}>
                        Edit<span className="visually-hidden"> {mailbox.address}</span>
                      </button>
                      <button
                        type="button"
                        className="secondary small"
                        disabled={pause.isPending}
                        onClick={() => pause.mutate({ id: mailbox.id, body: { paused: !mailbox.paused } })}
                      >
                        {mailbox.paused ? 'Resume' : 'Pause'}
                        <span className="visually-hidden"> {mailbox.address}</span>
                      </button>
                      <button
                        type="button"
                        className="danger small"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(`Delete the mailbox ${mailbox.address}? Mail imported so far stays.`)) {
                            remove.mutate(mailbox.id);
                          }
                        }}
                      >
                        Delete<span className="visually-hidden"> {mailbox.address}</span>
                      </button>
                    </MailboxRow>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
    </AdminListPage>
  );
}

/** A mailbox with its fetcher's status (polled); `children` are its actions. */
function MailboxRow({
  mailbox,
  department,
  children,
}: {
  mailbox: MailboxView;
  department: string;
  children: ReactNode;
}) {
  const status = useMailboxStatus(mailbox.id).data;
  return (
    <tr className={mailbox.paused ? 'inactive' : undefined}>
      <td>
        {mailbox.address}
        {mailbox.aliases.length > 0 ? <div className="muted small-text">{mailbox.aliases.join(', ')}</div> : null}
      </td>
      <td>{department}</td>
      <td data-testid="mailbox-state">
        {status ? (
          <>
            <span className={`badge mailbox-${status.state}`}>{MAILBOX_STATE_LABELS[status.state]}</span>
            {status.state === 'failing' && status.lastError ? (
              <div className="muted small-text">{status.lastError}</div>
            ) : null}
          </>
        ) : (
          '—'
        )}
      </td>
      <td>{status?.backlog ?? '—'}</td>
      <td className="nowrap">
        {status?.lastMessageAt ? <Time iso={status.lastMessageAt} /> : <span className="muted">none yet</span>}
      </td>
      <td className="actions">{children}</td>
    </tr>
  );
}

/** What a connection test found on the server. */
function ConnectionReport({ mailbox, result }: { mailbox: MailboxView; result: MailboxTestResult }) {
  return (
    <Notice tone="success">
      <p>
        The connection to {mailbox.address} works: {result.messages} messages in {mailbox.folder}, {result.unseen}{' '}
        unread.{' '}
        {result.idle
          ? 'The server supports IDLE: new mail arrives at once.'
          : 'The server does not support IDLE: it is checked at intervals.'}
      </p>
      <p>Folders on the server:</p>
      <ul className="folder-list" aria-label={`Folders of ${mailbox.address}`}>
        {result.folders.map((folder) => (
          <li key={folder}>{folder}</li>
        ))}
      </ul>
    </Notice>
  );
}
