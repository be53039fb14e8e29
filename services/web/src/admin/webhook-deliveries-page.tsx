import { useState } from 'react';
import { Link, useParams } from 'react-router';

import { useRedeliver, useWebhookDeliveries, useWebhookDelivery } from '../api/queries';
import type { DeliveryStatus } from '../api/types';
import { ErrorMessage, Loading } from '../components/feedback';
import { Time } from '../components/format';
import { PageHeader } from '../components/page';
import { AdminOnly } from './admin-only';

const STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed', 'dead'];

export function WebhookDeliveriesPage() {
  const webhookId = Number(useParams().id);
  const [status, setStatus] = useState<DeliveryStatus | undefined>(undefined);
  const [open, setOpen] = useState<string | null>(null);
  const deliveries = useWebhookDeliveries(webhookId, status);
  const redeliver = useRedeliver(webhookId);

  return (
    <>
      <PageHeader title={`Deliveries of webhook #${webhookId}`} crumbs={['Admin', 'System', 'Webhooks', 'Deliveries']}>
        <Link to="/admin/webhooks">All webhooks</Link>
      </PageHeader>
      <AdminOnly what="see webhook deliveries">
        <label>
          Status{' '}
          <select
            value={status ?? ''}
            onChange={(event) => setStatus((event.target.value || undefined) as DeliveryStatus | undefined)}
          >
            <option value="">any</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        {deliveries.isPending ? <Loading /> : null}
        <ErrorMessage error={deliveries.error ?? redeliver.error} />
        {deliveries.data && deliveries.data.length === 0 ? <p className="empty">No deliveries.</p> : null}
        {deliveries.data && deliveries.data.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Deliveries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Ticket</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Answer</th>
                  <th scope="col">Took</th>
                  <th scope="col">Next attempt</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.map((delivery) => (
                  <tr key={delivery.id}>
                    <td>
                      <button
                        type="button"
                        className="link"
                        onClick={() => setOpen(open === delivery.id ? null : delivery.id)}
                      >
                        {delivery.event}
                      </button>
                    </td>
                    <td>
                      {delivery.ticketId ? (
                        <Link to={`/admin/tickets/${delivery.ticketId}`}>#{delivery.ticketId}</Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td data-testid="delivery-status">{delivery.status}</td>
                    <td>{delivery.attempts}</td>
                    <td>{delivery.responseCode ?? delivery.error ?? '—'}</td>
                    <td>{delivery.durationMs === null ? '—' : `${delivery.durationMs} ms`}</td>
                    <td className="nowrap">{delivery.nextAttemptAt ? <Time iso={delivery.nextAttemptAt} /> : '—'}</td>
                    <td className="nowrap">
                      <Time iso={delivery.createdAt} />
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        className="secondary small"
                        disabled={redeliver.isPending}
                        onClick={() => redeliver.mutate(delivery.id)}
                      >
                        Redeliver<span className="visually-hidden"> {delivery.id}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {open ? <DeliveryDetail webhookId={webhookId} deliveryId={open} /> : null}
      </AdminOnly>
    </>
  );
}

function DeliveryDetail({ webhookId, deliveryId }: { webhookId: number; deliveryId: string }) {
  const detail = useWebhookDelivery(webhookId, deliveryId);
  if (detail.isPending) {
    return <Loading />;
  }
  if (!detail.data) {
    return <ErrorMessage error={detail.error} />;
  }
  const { request, responseBody } = detail.data;
  return (
    <section className="panel" aria-label={`Delivery ${deliveryId}`}>
      <h2 className="section-title">Delivery {deliveryId}</h2>
      <h3>Request: POST {request.url}</h3>
      <pre>
        {Object.entries(request.headers)
          .map(([name, value]) => `${name}: ${value}`)
          .join('\n')}
      </pre>
      <pre>{request.body}</pre>
      <h3>Answer (first 4 KB)</h3>
      <pre>{responseBody ?? '—'}</pre>
    </section>
  );
}
