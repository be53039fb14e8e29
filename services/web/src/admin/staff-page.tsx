import { useId, useState, type FormEvent } from 'react';

import { useDepartments, useSaveStaff, useStaffList } from '../api/queries';
import type { StaffRole, StaffView } from '../api/types';
import { PASSWORD_MIN_LENGTH, ROLE_LABELS, ROLES } from '../api/vocabulary';
import { FormFooter } from '../components/form-footer';
import { InputField } from '../components/input-field';
import { AdminListPage } from './admin-list-page';

export function StaffPage() {
  const staff = useStaffList();
  const departments = useDepartments();
  const departmentName = (id: number) => departments.data?.find((department) => department.id === id)?.name ?? `#${id}`;
  return (
    <AdminListPage<StaffView>
      title="Staff"
      crumbs={['Admin', 'Setup', 'Staff']}
      addLabel="Add staff member"
      adminTask="manage staff"
      list={staff}
      form={(member, done) => <StaffForm member={member} done={done} />}
    >
      {(edit) =>
        staff.data ? (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Staff members</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Departments</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {staff.data.map((member) => (
                  <tr key={member.id} className={member.active ? undefined : 'inactive'}>
                    <td>{member.name}</td>
                    <td>{member.email}</td>
                    <td>{ROLE_LABELS[member.role]}</td>
                    <td>
                      {member.departmentIds.length > 0 ? (
                        member.departmentIds.map(departmentName).join(', ')
                      ) : (
                        <span className="muted">{member.role === 'admin' ? 'None (sees all as admin)' : 'None'}</span>
                      )}
                    </td>
                    <td>{member.active ? 'Active' : 'Deactivated'}</td>
                    <td className="actions">
                      <button type="button" className="secondary small" onClick={() => edit(member)}>
                        Edit<span className="visually-hidden"> {member.name}</span>
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

function StaffForm({ member, done }: { member: StaffView | null; done: () => void }) {
  const departments = useDepartments();
  const save = useSaveStaff();
  const [form, setForm] = useState({
    name: member?.name ?? '',
    email: member?.email ?? '',
    password: '',
    role: member?.role ?? 'staff',
    departmentIds: member?.departmentIds ?? [],
    active: member?.active ?? true,
  });
  const ids = { name: useId(), email: useId(), password: useId(), role: useId(), active: useId(), title: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { password, active, ...rest } = form;
    if (member) {
      save.mutate({ id: member.id, body: { ...rest, active, ...(password ? { password } : {}) } }, { onSuccess: done });
    } else {
      save.mutate({ body: { ...rest, password } }, { onSuccess: done });
    }
  };
  const toggleDepartment = (id: number, checked: boolean) =>
    setForm({
      ...form,
      departmentIds: checked ? [...form.departmentIds, id] : form.departmentIds.filter((other) => other !== id),
    });

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={ids.title}>
      <h2 id={ids.title} className="section-title span-all">
        {member ? `Edit ${member.name}` : 'New staff member'}
      </h2>
      <InputField
        id={ids.name}
        label="Name"
        required
        maxLength={100}
        value={form.name}
        onChange={(value) => setForm({ ...form, name: value })}
      />
      <InputField
        id={ids.email}
        label="Email"
        type="email"
        required
        maxLength={254}
        value={form.email}
        onChange={(value) => setForm({ ...form, email: value })}
      />
      <InputField
        id={ids.password}
        label={member ? 'New password (leave empty to keep)' : 'Password'}
        type="password"
        autoComplete="new-password"
        required={!member}
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={200}
        value={form.password}
        onChange={(value) => setForm({ ...form, password: value })}
      />
      <div className="field">
        <label htmlFor={ids.role}>Role</label>
        <select
          id={ids.role}
          value={form.role}
          onChange={(event) => setForm({ ...form, role: event.target.value as StaffRole })}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field span-all checkbox-group">
        <legend>Departments (whose tickets they see and work on)</legend>
        {departments.data?.map((department) => (
          <label key={department.id}>
            <input
              type="checkbox"
              checked={form.departmentIds.includes(department.id)}
              onChange={(event) => toggleDepartment(department.id, event.target.checked)}
            />
            {department.name}
            {department.active ? '' : ' (inactive)'}
          </label>
        ))}
      </fieldset>
      {member ? (
        <div className="field checkbox span-all">
          <input
            id={ids.active}
            type="checkbox"
            checked={form.active}
            onChange={(event) => setForm({ ...form, active: event.target.checked })}
          />
          <label htmlFor={ids.active}>Active (can sign in and be assigned tickets)</label>
        </div>
      ) : null}
      <FormFooter
        error={save.error}
        pending={save.isPending}
        submitLabel={member ? 'Save changes' : 'Add staff member'}
        onLeave={done}
      />
    </form>
  );
}
