import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import {
  useDeleteWebhook,
  useDepartments,
  useRotateWebhookSecret,
  useSaveWebhook,
  useTestWebhook,
  useWebhooks,
} from '../api/queries';
import type { WebhookEventName, WebhookSecret, WebhookView } from '../api/types';
import { ErrorMessage, Notice } from '../components/feedback';
import { FormFooter } from '../components/form-footer';
import { InputField } from '../components/input-field';
import { AdminListPage } from './admin-list-page';

const EVENTS: { name: WebhookEventName; label: string }[] = [
  { name: 'ticket.created', label: 'ticket.created' },
  { name: 'ticket.updated', label: 'ticket.updated (status, priority, assignee, department)' },
  { name: 'ticket.message_added', label: 'ticket.message_added (public)' },
  { name: 'ticket.note_added', label: 'ticket.note_added (with internal notes only)' },
  { name: 'ticket.closed', label: 'ticket.closed' },
];

export function WebhooksPage() {
  const webhooks = useWebhooks();
  const remove = useDeleteWebhook();
  const rotate = useRotateWebhookSecret();
  const test = useTestWebhook();
  const [secret, setSecret] = useState<WebhookSecret | null>(null);

  return (
    <AdminListPage<WebhookView>
      title="Webhooks"
      crumbs={['Admin', 'System', 'Webhooks']}
      addLabel="New webhook"
      adminTask="manage webhooks"
      list={webhooks}
      form={(webhook, done) => (
        <WebhookForm
          webhook={webhook}
          done={(created) => {
            done();
            if (created) {
              setSecret(created);
            }
          }}
        />
      )}
    >
      {(edit) => (
        <>
          {secret ? (
            <Notice tone="warning">
              Signing secret of webhook #{secret.id}, shown only now:{' '}
              <code data-testid="webhook-secret">{secret.secret}</code>{' '}
              <button type="button" className="secondary small" onClick={() => setSecret(null)}>
                I have saved it
              </button>
            </Notice>
          ) : null}
          <ErrorMessage error={remove.error ?? rotate.error ?? test.error} />
          {test.data ? <Notice tone="success">Test delivery queued; see its log.</Notice> : null}
          {webhooks.data && webhooks.data.length === 0 ? <p className="empty">No webhooks yet.</p> : null}
          {webhooks.data && webhooks.data.length > 0 ? (
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">Webhooks</caption>
                <thead>
                  <tr>
                    <th scope="col">URL</th>
                    <th scope="col">Events</th>
                    <th scope="col">State</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {webhooks.data.map((webhook) => (
                    <tr key={webhook.id}>
                      <td className="preview">
                        <Link to={`/admin/webhooks/${webhook.id}`}>{webhook.url}</Link>
                      </td>
                      <td>{webhook.events.join(', ')}</td>
                      <td>
                        {webhook.active ? 'on' : 'off'}
                        {webhook.disabledReason ? (
                          <div className="muted small-text">{webhook.disabledReason}</div>
                        ) : null}
                      </td>
                      <td className="actions">
                        <button type="button" className="secondary small" onClick={() => edit(webhook)}>
                          Edit<span className="visually-hidden"> {webhook.url}</span>
                        </button>
                        <button
                          type="button"
                          className="secondary small"
                          disabled={test.isPending}
                          onClick={() => test.mutate(webhook.id)}
                        >
                          Test<span className="visually-hidden"> {webhook.url}</span>
                        </button>
                        <button
                          type="button"
                          className="secondary small"
                          disabled={rotate.isPending}
                          onClick={() => {
                            if (window.confirm('Make a new secret? The current one keeps working for 24 hours.')) {
                              rotate.mutate(webhook.id, { onSuccess: setSecret });
                            }
                          }}
                        >
                          Rotate secret<span className="visually-hidden"> {webhook.url}</span>
                        </button>
                        <button
                          type="button"
                          className="danger small"
                          disabled={remove.isPending}
                          onClick={() => {
                            if (window.confirm(`Delete the webhook to ${webhook.url} and its delivery log?`)) {
                              remove.mutate(webhook.id);
                            }
                          }}
                        >
                          Delete<span className="visually-hidden"> {webhook.url}</span>
                        </button>
                      </td>
                    </tr>
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

function WebhookForm({
  webhook,
  done,
}: {
  webhook: WebhookView | null;
  done: (created: WebhookSecret | null) => void;
}) {
  const departments = useDepartments();
  const save = useSaveWebhook();
  const [form, setForm] = useState({
    url: webhook?.url ?? '',
    events: webhook?.events ?? (['ticket.created'] as WebhookEventName[]),
    departmentIds: webhook?.departmentIds ?? [],
    includeNotes: webhook?.includeNotes ?? false,
    active: webhook?.active ?? true,
  });
  const ids = { url: useId(), notes: useId(), active: useId(), heading: useId() };
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: webhook?.id, body: form }, { onSuccess: (answer) => done('secret' in answer ? answer : null) });
  };

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="section-title span-all">
        {webhook ? `Edit webhook #${webhook.id}` : 'New webhook'}
      </h2>
      <InputField
        id={ids.url}
        label="Endpoint URL"
        type="url"
        required
        placeholder="https://crm.example.com/hooks/helpdesk"
        value={form.url}
        onChange={(value) => setForm({ ...form, url: value })}
      />
      <fieldset className="field span-all checkbox-group">
        <legend>Events</legend>
        {EVENTS.map((item) => (
          <label key={item.name}>
            <input
              type="checkbox"
              checked={form.events.includes(item.name)}
              onChange={(event) => setForm({ ...form, events: toggle(form.events, item.name, event.target.checked) })}
            />
            {item.label}
          </label>
        ))}
      </fieldset>
      <fieldset className="field span-all checkbox-group">
        <legend>Departments (none ticked: all)</legend>
        {departments.data?.map((department) => (
          <label key={department.id}>
            <input
              type="checkbox"
              checked={form.departmentIds.includes(department.id)}
              onChange={(event) =>
                setForm({ ...form, departmentIds: toggle(form.departmentIds, department.id, event.target.checked) })
              }
            />
            {department.name}
          </label>
        ))}
      </fieldset>
      <div className="field checkbox span-all">
        <input
          id={ids.notes}
          type="checkbox"
          checked={form.includeNotes}
          onChange={(event) => setForm({ ...form, includeNotes: event.target.checked })}
        />
        <label htmlFor={ids.notes}>Include internal notes</label>
      </div>
      <div className="field checkbox span-all">
        <input
          id={ids.active}
          type="checkbox"
          checked={form.active}
          onChange={(event) => setForm({ ...form, active: event.target.checked })}
        />
        <label htmlFor={ids.active}>On (deliver events)</label>
      </div>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        submitLabel={webhook ? 'Save changes' : 'Add webhook'}
        onLeave={() => done(null)}
      />
    </form>
  );
}
