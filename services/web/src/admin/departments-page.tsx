import { useId, useState, type FormEvent } from 'react';

import { useDepartments, useSaveDepartment } from '../api/queries';
import type { DepartmentView, ReplyToClosedPolicy } from '../api/types';
import {
  AUTO_CLOSE_DAYS_MAX,
  REOPEN_WITHIN_DAYS_MAX,
  REPLY_TO_CLOSED_LABELS,
  REPLY_TO_CLOSED_POLICIES,
} from '../api/vocabulary';
import { FormFooter } from '../components/form-footer';
import { InputField } from '../components/input-field';
import { AdminListPage } from './admin-list-page';

/** null: the system default (AUTO_CLOSE_AFTER); 0: never. */
function autoCloseText(days: number | null): string {
  return days === null ? 'System default' : days === 0 ? 'Never' : `After ${days} day${days === 1 ? '' : 's'}`;
}

function replyToClosedText(department: DepartmentView): string {
  return department.replyToClosedPolicy === 'new_ticket_after_days' && department.reopenWithinDays
    ? `Reopen within ${department.reopenWithinDays} days, then new ticket`
    : REPLY_TO_CLOSED_LABELS[department.replyToClosedPolicy];
}

export function DepartmentsPage() {
  const departments = useDepartments();
  return (
    <AdminListPage<DepartmentView>
      title="Departments"
      crumbs={['Admin', 'Setup', 'Departments']}
      addLabel="Add department"
      adminTask="manage departments"
      list={departments}
      form={(department, done) => <DepartmentForm department={department} done={done} />}
    >
      {(edit) =>
        departments.data ? (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Departments</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email address</th>
                  <th scope="col">Auto-close</th>
                  <th scope="col">Email reply to a closed ticket</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {departments.data.map((department) => (
                  <tr key={department.id} className={department.active ? undefined : 'inactive'}>
                    <td>{department.name}</td>
                    <td>{department.email ?? <span className="muted">none</span>}</td>
                    <td>{autoCloseText(department.autoCloseDays)}</td>
                    <td>{replyToClosedText(department)}</td>
                    <td>{department.active ? 'Active' : 'Inactive: no new tickets'}</td>
                    <td className="actions">
                      <button type="button" className="secondary small" onClick={() => edit(department)}>
                        Edit<span className="visually-hidden"> {department.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null
      }
    </AdminListPage>
  );
}

const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));

function DepartmentForm({ department, done }: { department: DepartmentView | null; done: () => void }) {
  const save = useSaveDepartment();
  const [form, setForm] = useState({
    name: department?.name ?? '',
    email: department?.email ?? '',
    autoCloseDays: department?.autoCloseDays === null || !department ? '' : String(department.autoCloseDays),
    replyToClosedPolicy: department?.replyToClosedPolicy ?? 'reopen',
    reopenWithinDays: department?.reopenWithinDays ? String(department.reopenWithinDays) : '',
    active: department?.active ?? true,
    clientsMayAddCc: department?.clientsMayAddCc ?? false,
  });
  const ids = {
    title: useId(),
    name: useId(),
    email: useId(),
    autoClose: useId(),
    policy: useId(),
    within: useId(),
    active: useId(),
    clientsMayAddCc: useId(),
  };
  const withinDays = form.replyToClosedPolicy === 'new_ticket_after_days';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: form.name,
      email: form.email.trim() || null,
      autoCloseDays: numberOrNull(form.autoCloseDays),
      replyToClosedPolicy: form.replyToClosedPolicy,
      reopenWithinDays: withinDays ? numberOrNull(form.reopenWithinDays) : null,
      clientsMayAddCc: form.clientsMayAddCc,
    };
    save.mutate(department ? { id: department.id, body: { ...body, active: form.active } } : { body }, {
      onSuccess: done,
    });
  };

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={ids.title}>
      <h2 id={ids.title} className="section-title span-all">
        {department ? `Edit ${department.name}` : 'New department'}
      </h2>
      <InputField
        id={ids.name}
        label="Name"
        required
        maxLength={100}
        value={form.name}
        onChange={(value) => setForm({ ...form, name: value })}
      />
      <div className="field">
        <label htmlFor={ids.email}>Email address (optional)</label>
        <input
          id={ids.email}
          type="email"
          maxLength={254}
          placeholder="billing@support.example.com"
          value={form.email}
          onChange={(event) => setForm({ ...form, email: event.target.value })}
          aria-describedby={`${ids.email}-hint`}
        />
        <p className="hint" id={`${ids.email}-hint`}>
          Mail to it from a known client opens a ticket here.
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.autoClose}>Auto-close after (days)</label>
        <input
          id={ids.autoClose}
          type="number"
          inputMode="numeric"
          min={0}
          max={AUTO_CLOSE_DAYS_MAX}
          step={1}
          placeholder="System default"
          value={form.autoCloseDays}
          onChange={(event) => setForm({ ...form, autoCloseDays: event.target.value })}
          aria-describedby={`${ids.autoClose}-hint`}
        />
        <p className="hint" id={`${ids.autoClose}-hint`}>
          Tickets waiting on the client close after this many quiet days. Empty: the system default; 0: never.
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.policy}>An email reply to a closed ticket</label>
        <select
          id={ids.policy}
          value={form.replyToClosedPolicy}
          onChange={(event) => setForm({ ...form, replyToClosedPolicy: event.target.value as ReplyToClosedPolicy })}
        >
          {REPLY_TO_CLOSED_POLICIES.map((policy) => (
            <option key={policy} value={policy}>
              {REPLY_TO_CLOSED_LABELS[policy]}
            </option>
          ))}
        </select>
      </div>
      {withinDays ? (
        <InputField
          id={ids.within}
          label="Reopen within (days of the close)"
          type="number"
          inputMode="numeric"
          required
          min={1}
          max={REOPEN_WITHIN_DAYS_MAX}
          step={1}
          value={form.reopenWithinDays}
          onChange={(value) => setForm({ ...form, reopenWithinDays: value })}
        />
      ) : null}
      <div className="field checkbox span-all">
        <input
          id={ids.clientsMayAddCc}
          type="checkbox"
          checked={form.clientsMayAddCc}
          onChange={(event) => setForm({ ...form, clientsMayAddCc: event.target.checked })}
        />
        <label htmlFor={ids.clientsMayAddCc}>Clients may add people on Cc to their tickets</label>
      </div>
      {department ? (
        <div className="field checkbox span-all">
          <input
            id={ids.active}
            type="checkbox"
            checked={form.active}
            onChange={(event) => setForm({ ...form, active: event.target.checked })}
          />
          <label htmlFor={ids.active}>Active (takes new tickets)</label>
        </div>
      ) : null}
      <FormFooter
        error={save.error}
        pending={save.isPending}
        submitLabel={department ? 'Save changes' : 'Add department'}
        onLeave={done}
      />
    </form>
  );
}
