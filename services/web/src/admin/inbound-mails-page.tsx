import { useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';

import { saveDownload } from '../api/client';
import { useInboundMails, useReleaseInboundMail } from '../api/queries';
import type { InboundMailView } from '../api/types';
import { INBOUND_REASON_LABELS, INBOUND_ROUTE_LABELS, INBOUND_STATE_LABELS, INBOUND_STATES } from '../api/vocabulary';
import { ErrorMessage, Loading } from '../components/feedback';
import { formatBytes, Time } from '../components/format';
import { InputField } from '../components/input-field';
import { PageHeader } from '../components/page';

/** Every mail that reached the helpdesk, how it was matched and what became of it. */
export function InboundMailsPage() {
  const [params, setParams] = useSearchParams();
  const outcome = INBOUND_STATES.find((state) => state === params.get('outcome'));
  const ticketId = /^\d+$/.test(params.get('ticket') ?? '') ? Number(params.get('ticket')) : undefined;
  const mails = useInboundMails({ outcome, ticketId });
  const rows = useMemo(() => mails.data?.pages.flatMap((page) => page.items) ?? [], [mails.data]);
  const ids = { outcome: useId(), ticket: useId() };
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(name, value);
    } else {
      next.delete(name);
    }
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title="Inbound mail" crumbs={['Admin', 'Support', 'Inbound mail']} />
      <form className="filters" aria-label="Filter inbound mail" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.outcome}>Outcome</label>
          <select id={ids.outcome} value={outcome ?? ''} onChange={(event) => set('outcome', event.target.value)}>
            <option value="">Any outcome</option>
            {INBOUND_STATES.map((state) => (
              <option key={state} value={state}>
                {INBOUND_STATE_LABELS[state]}
              </option>
            ))}
          </select>
        </div>
        <InputField
          id={ids.ticket}
          label="Ticket #"
          inputMode="numeric"
          pattern="[0-9]*"
          value={String(ticketId ?? '')}
          onChange={(value) => set('ticket', value.replace(/\D/g, ''))}
        />
      </form>
      {mails.isPending ? <Loading label="Loading the mail log…" /> : null}
      <ErrorMessage error={mails.error} />
      {mails.data && rows.length === 0 ? <p className="empty">No inbound mail matches.</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className={`data-table compact${mails.isPlaceholderData ? ' is-busy' : ''}`}>
            <caption className="visually-hidden">Inbound mail, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">From</th>
                <th scope="col">Subject</th>
                <th scope="col">Matched by</th>
                <th scope="col">Ticket</th>
                <th scope="col">Outcome</th>
                <th scope="col">
                  <span className="visually-hidden">Original</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((mail) => (
                <InboundMailRow key={mail.id} mail={mail} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {mails.hasNextPage ? (
        <div className="load-more">
          <button type="button" onClick={() => void mails.fetchNextPage()} disabled={mails.isFetchingNextPage}>
            {mails.isFetchingNextPage ? 'Loading more…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </>
  );
}

function InboundMailRow({ mail }: { mail: InboundMailView }) {
  const [error, setError] = useState<unknown>(null);
  const release = useReleaseInboundMail();
  const verdict = mail.senderVerdict;
  const raw = () => {
    setError(null);
    saveDownload(`/inbound-mails/${mail.id}/raw`, `inbound-mail-${mail.id}.eml`).catch(setError);
  };
  return (
    <tr>
      <td className="nowrap">
        <Time iso={mail.receivedAt} />
      </td>
      <td>{mail.from ?? (mail.envelopeFrom || <span className="muted">(none)</span>)}</td>
      <td>{mail.subject ?? <span className="muted">(no subject)</span>}</td>
      <td>
        {INBOUND_ROUTE_LABELS[mail.route] ?? mail.route}
        {mail.source === 'mailbox' ? (
          <div className="muted small-text">fetched from the mailbox of {mail.writtenTo ?? 'a mailbox'}</div>
        ) : null}
      </td>
      <td>{mail.ticketId ? <Link to={`/admin/tickets/${mail.ticketId}`}>#{mail.ticketId}</Link> : '—'}</td>
      <td>
        <span className={`badge inbound-${mail.state}`}>{INBOUND_STATE_LABELS[mail.state] ?? mail.state}</span>
        {mail.reason ? <span className="small-text"> {INBOUND_REASON_LABELS[mail.reason] ?? mail.reason}</span> : null}
        {mail.detail ? <div className="muted small-text">{mail.detail}</div> : null}
        {verdict ? (
          <div className="muted small-text">
            Sender {verdict.aligned ? 'verified' : 'not verified'}: DKIM {verdict.dkim}, SPF {verdict.spf}, DMARC{' '}
            {verdict.dmarc}
            {verdict.domain ? ` for ${verdict.domain}` : ''} ({verdict.authservId ?? verdict.evidence})
          </div>
        ) : null}
        {mail.droppedAttachments.length > 0 ? (
          <div className="muted small-text">
            Dropped: {mail.droppedAttachments.map((dropped) => `${dropped.filename} (${dropped.reason})`).join(', ')}
          </div>
        ) : null}
      </td>
      <td className="actions">
        {mail.state === 'held' ? (
          <button type="button" className="small" disabled={release.isPending} onClick={() => release.mutate(mail.id)}>
            Release<span className="visually-hidden"> the mail received {mail.receivedAt}</span>
          </button>
        ) : null}
        <ErrorMessage error={release.error} />
        {mail.hasRaw ? (
          <button type="button" className="secondary small" onClick={raw}>
            .eml<span className="visually-hidden"> of the mail received {mail.receivedAt}</span>{' '}
            <span className="muted">{formatBytes(mail.size)}</span>
          </button>
        ) : null}
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}
