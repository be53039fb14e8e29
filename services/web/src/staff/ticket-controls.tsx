import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';

import { ApiError } from '../api/client';
import { keys, useDepartments, useDepartmentStaff, useUpdateTicket } from '../api/queries';
import type { TicketPriority, TicketStatus, TicketView, UpdateTicketBody } from '../api/types';
import { PRIORITIES, PRIORITY_LABELS, SETTABLE_STATUSES, STATUS_LABELS } from '../api/vocabulary';
import { useSession, workingDepartmentIds } from '../auth/session';
import { ErrorMessage, Notice, SubmitButton } from '../components/feedback';

type Field = 'status' | 'priority' | 'assigneeId' | 'departmentId';

/** Which control an API error is about, from the field name its message starts with. */
function fieldOf(error: unknown): Field | null {
  if (!(error instanceof ApiError)) {
    return null;
  }
  const match = /^(status|priority|assigneeId|departmentId)\b/.exec(error.message);
  if (match) {
    return match[1] as Field;
  }
  return error.code === 'ASSIGNEE_NOT_ELIGIBLE' ? 'assigneeId' : error.code === 'STATUS_NOT_SETTABLE' ? 'status' : null;
}

/**
 * Status, priority, assignee and department, saved together with one button (so that moving
 * through a list with the keyboard does not save every option on the way).
 */
export function TicketControls({ ticket }: { ticket: TicketView }) {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<UpdateTicketBody>({});
  const [saved, setSaved] = useState(false);
  const update = useUpdateTicket(ticket.id);
  const departments = useDepartments();
  const ids = { status: useId(), priority: useId(), assignee: useId(), department: useId(), error: useId() };

  const value = {
    status: edits.status ?? ticket.status,
    priority: edits.priority ?? ticket.priority,
    assigneeId: edits.assigneeId !== undefined ? edits.assigneeId : (ticket.assignee?.id ?? null),
    departmentId: edits.departmentId ?? ticket.department.id,
  };
  const staff = useDepartmentStaff(value.departmentId);
  const scope = workingDepartmentIds(me);
  const changes: UpdateTicketBody = {
    ...(value.status !== ticket.status ? { status: value.status } : {}),
    ...(value.priority !== ticket.priority ? { priority: value.priority } : {}),
    ...(value.assigneeId !== (ticket.assignee?.id ?? null) ? { assigneeId: value.assigneeId } : {}),
    ...(value.departmentId !== ticket.department.id ? { departmentId: value.departmentId } : {}),
  };
  const dirty = Object.keys(changes).length > 0;
  const errorField = fieldOf(update.error);

  const edit = (body: UpdateTicketBody) => {
    setSaved(false);
    update.reset();
    setEdits((current) => ({ ...current, ...body }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty) {
      return;
    }
    update.mutate(changes, {
      onSuccess: () => {
        setEdits({});
        setSaved(true);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'TICKET_CHANGED') {
          void queryClient.invalidateQueries({ queryKey: keys.ticket(ticket.id) });
        }
      },
    });
  };

  const fieldError = (field: Field) => (errorField === field ? <ErrorMessage error={update.error} /> : null);
  const assigneeOptions = staff.data ?? [];
  const currentAssignee =
    ticket.assignee && !assigneeOptions.some((member) => member.id === ticket.assignee?.id) ? ticket.assignee : null;
  const departmentOptions = (departments.data ?? []).filter(
    (department) =>
      department.id === ticket.department.id || (department.active && (!scope || scope.includes(department.id))),
  );

  return (
    <form className="ticket-controls panel" onSubmit={submit} aria-labelledby={`${ids.status}-title`}>
      <h2 id={`${ids.status}-title`} className="section-title">
        Ticket
      </h2>
      <div className="field">
        <label htmlFor={ids.status}>Status</label>
        <select
          id={ids.status}
          value={value.status}
          onChange={(event) => edit({ status: event.target.value as TicketStatus })}
        >
          {value.status === 'answered' ? (
            <option value="answered" disabled>
              Answered (set by staff replies)
            </option>
          ) : null}
          {SETTABLE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        {fieldError('status')}
      </div>
      <div className="field">
        <label htmlFor={ids.priority}>Priority</label>
        <select
          id={ids.priority}
          value={value.priority}
          onChange={(event) => edit({ priority: event.target.value as TicketPriority })}
        >
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {PRIORITY_LABELS[priority]}
            </option>
          ))}
        </select>
        {fieldError('priority')}
      </div>
      <div className="field">
        <label htmlFor={ids.assignee}>Assigned to</label>
        <select
          id={ids.assignee}
          value={value.assigneeId ?? ''}
          onChange={(event) => edit({ assigneeId: event.target.value ? Number(event.target.value) : null })}
          aria-describedby={staff.error ? `${ids.assignee}-error` : undefined}
        >
          <option value="">Unassigned</option>
          {currentAssignee ? <option value={currentAssignee.id}>{currentAssignee.name}</option> : null}
          {assigneeOptions.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
              {member.id === me?.id ? ' (me)' : ''}
            </option>
          ))}
        </select>
        {staff.isLoading ? <p className="hint">Loading the department's staff…</p> : null}
        {staff.error ? <ErrorMessage error={staff.error} id={`${ids.assignee}-error`} /> : null}
        {fieldError('assigneeId')}
      </div>
      <div className="field">
        <label htmlFor={ids.department}>Department</label>
        <select
          id={ids.department}
          value={value.departmentId}
          onChange={(event) => edit({ departmentId: Number(event.target.value), assigneeId: undefined })}
          aria-describedby={`${ids.department}-hint`}
        >
          {departmentOptions.map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
          {departmentOptions.length === 0 ? (
            <option value={ticket.department.id}>{ticket.department.name}</option>
          ) : null}
        </select>
        <p className="hint" id={`${ids.department}-hint`}>
          Moving a ticket unassigns it unless the assignee works in the new department too.
        </p>
        {fieldError('departmentId')}
      </div>
      {errorField === null ? <ErrorMessage error={update.error} id={ids.error} /> : null}
      <div className="form-actions">
        <SubmitButton pending={update.isPending} pendingLabel="Saving…" disabled={!dirty}>
          Save changes
        </SubmitButton>
        {dirty ? (
          <button type="button" className="secondary" onClick={() => (setEdits({}), update.reset())}>
            Undo
          </button>
        ) : null}
        <span aria-live="polite">{saved && !dirty ? <Notice tone="success">Saved.</Notice> : null}</span>
      </div>
    </form>
  );
}
