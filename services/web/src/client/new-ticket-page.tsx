import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';

import { useCreateTicket, useDepartments } from '../api/queries';
import type { CreateTicketBody, TicketPriority } from '../api/types';
import { MESSAGE_MAX_LENGTH, PRIORITIES, PRIORITY_LABELS, SUBJECT_MAX_LENGTH } from '../api/vocabulary';
import { AttachmentPicker, DropZone, useUploads } from '../components/attachments';
import { ErrorMessage, Loading, SubmitButton } from '../components/feedback';
import { InputField } from '../components/input-field';
import { PageHeader } from '../components/page';

export function NewTicketPage() {
  const navigate = useNavigate();
  const departments = useDepartments();
  const create = useCreateTicket();
  const uploads = useUploads();
  const [form, setForm] = useState<Omit<CreateTicketBody, 'departmentId'> & { departmentId: number | '' }>({
    departmentId: '',
    subject: '',
    message: '',
    priority: 'medium',
  });
  const ids = { department: useId(), subject: useId(), message: useId(), priority: useId(), error: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.departmentId === '' || uploads.busy) {
      return;
    }
    create.mutate(
      {
        ...form,
        departmentId: form.departmentId,
        ...(uploads.attachmentIds.length > 0 ? { attachmentIds: uploads.attachmentIds } : {}),
      },
      { onSuccess: (ticket) => void navigate(`/client/tickets/${ticket.id}`, { state: { opened: true } }) },
    );
  };

  return (
    <>
      <Link to="/client/tickets" className="back-link">
        ← My Tickets
      </Link>
      <PageHeader title="Open a ticket" crumbs={['Client Area', 'Support', 'Open a ticket']} />
      {departments.isPending ? <Loading label="Loading departments…" /> : null}
      {departments.error ? <ErrorMessage error={departments.error} /> : null}
      <DropZone onFiles={uploads.add} className="drop-zone">
        <form className="panel narrow-form" onSubmit={submit} aria-describedby={create.error ? ids.error : undefined}>
          <div className="field">
            <label htmlFor={ids.department}>Department</label>
            <select
              id={ids.department}
              required
              value={form.departmentId}
              onChange={(event) =>
                setForm({ ...form, departmentId: event.target.value ? Number(event.target.value) : '' })
              }
            >
              <option value="">Choose the team to ask…</option>
              {departments.data
                ?.filter((department) => department.active)
                .map((department) => (
                  <option key={department.id} value={department.id}>
                    {department.name}
                  </option>
                ))}
            </select>
          </div>
          <InputField
            id={ids.subject}
            label="Subject"
            required
            maxLength={SUBJECT_MAX_LENGTH}
            value={form.subject}
            onChange={(value) => setForm({ ...form, subject: value })}
          />
          <div className="field">
            <label htmlFor={ids.priority}>Priority</label>
            <select
              id={ids.priority}
              value={form.priority}
              onChange={(event) => setForm({ ...form, priority: event.target.value as TicketPriority })}
            >
              {PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>
                  {PRIORITY_LABELS[priority]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.message}>Message</label>
            <textarea
              id={ids.message}
              rows={9}
              required
              maxLength={MESSAGE_MAX_LENGTH}
              value={form.message}
              onChange={(event) => setForm({ ...form, message: event.target.value })}
              aria-describedby={`${ids.message}-hint`}
            />
            <p className="hint" id={`${ids.message}-hint`}>
              What happened, what you expected, and anything that helps us reproduce it.
            </p>
          </div>
          <AttachmentPicker uploads={uploads} />
          <ErrorMessage error={create.error} id={ids.error} />
          <div className="form-actions">
            <SubmitButton pending={create.isPending} pendingLabel="Opening the ticket…" disabled={uploads.busy}>
              Open ticket
            </SubmitButton>
            {uploads.busy ? <span className="muted">Waiting for uploads…</span> : null}
          </div>
        </form>
      </DropZone>
    </>
  );
}
