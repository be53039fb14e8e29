import { useId, useRef, useState, type FormEvent } from 'react';

import { useCannedResponses, useDeleteCannedResponse, useDepartments, useSaveCannedResponse } from '../api/queries';
import type { CannedResponseView } from '../api/types';
import { CANNED_RESPONSE_PLACEHOLDERS } from '../api/vocabulary';
import { isAdmin, useSession, workingDepartmentIds } from '../auth/session';
import { ErrorMessage } from '../components/feedback';
import { FormFooter } from '../components/form-footer';
import { Time } from '../components/format';
import { InputField } from '../components/input-field';
import { AdminListPage } from './admin-list-page';

export function CannedResponsesPage() {
  const responses = useCannedResponses();
  const departments = useDepartments();
  const remove = useDeleteCannedResponse();
  const departmentName = (id: number | null) =>
    id === null ? 'All departments' : (departments.data?.find((department) => department.id === id)?.name ?? `#${id}`);

  return (
    <AdminListPage<CannedResponseView>
      title="Canned responses"
      crumbs={['Admin', 'Support', 'Canned responses']}
      addLabel="New canned response"
      list={responses}
      form={(response, done) => <CannedResponseForm response={response} done={done} />}
    >
      {(edit) => (
        <>
          <ErrorMessage error={remove.error} />
          {responses.data && responses.data.length === 0 ? <p className="empty">No canned responses yet.</p> : null}
          {responses.data && responses.data.length > 0 ? (
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">Canned responses</caption>
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">Text</th>
                    <th scope="col">Department</th>
                    <th scope="col">Updated</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {responses.data.map((response) => (
                    <tr key={response.id}>
                      <td>{response.title}</td>
                      <td className="preview">{response.body}</td>
                      <td>{departmentName(response.departmentId)}</td>
                      <td className="nowrap">
                        <Time iso={response.updatedAt} />
                      </td>
                      <td className="actions">
                        <button type="button" className="secondary small" onClick={() => edit(response)}>
                          Edit<span className="visually-hidden"> {response.title}</span>
                        </button>
                        <button
                          type="button"
                          className="danger small"
                          disabled={remove.isPending}
                          onClick={() => {
                            if (window.confirm(`Delete the canned response "${response.title}"?`)) {
                              remove.mutate(response.id);
                            }
                          }}
                        >
                          Delete<span className="visually-hidden"> {response.title}</span>
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

function CannedResponseForm({ response, done }: { response: CannedResponseView | null; done: () => void }) {
  const { me } = useSession();
  const departments = useDepartments();
  const save = useSaveCannedResponse();
  const scope = workingDepartmentIds(me);
  const [form, setForm] = useState({
    title: response?.title ?? '',
    body: response?.body ?? '',
    departmentId: response ? response.departmentId : isAdmin(me) ? null : (scope?.[0] ?? null),
  });
  const body = useRef<HTMLTextAreaElement>(null);
  const ids = { title: useId(), body: useId(), department: useId(), heading: useId() };

  const insertPlaceholder = (placeholder: string) => {
    const field = body.current;
    const start = field?.selectionStart ?? form.body.length;
    const end = field?.selectionEnd ?? form.body.length;
    setForm({ ...form, body: form.body.slice(0, start) + placeholder + form.body.slice(end) });
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: response?.id, body: form }, { onSuccess: done });
  };

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="section-title span-all">
        {response ? `Edit "${response.title}"` : 'New canned response'}
      </h2>
      <InputField
        id={ids.title}
        label="Title"
        required
        maxLength={100}
        value={form.title}
        onChange={(value) => setForm({ ...form, title: value })}
      />
      <div className="field">
        <label htmlFor={ids.department}>Available in</label>
        <select
          id={ids.department}
          value={form.departmentId ?? ''}
          onChange={(event) =>
            setForm({ ...form, departmentId: event.target.value ? Number(event.target.value) : null })
          }
        >
          {isAdmin(me) || form.departmentId === null ? <option value="">All departments</option> : null}
          {departments.data
            ?.filter((department) => !scope || scope.includes(department.id))
            .map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
        </select>
      </div>
      <div className="field span-all">
        <label htmlFor={ids.body}>Text</label>
        <textarea
          id={ids.body}
          ref={body}
          rows={8}
          required
          maxLength={20_000}
          value={form.body}
          onChange={(event) => setForm({ ...form, body: event.target.value })}
          aria-describedby={`${ids.body}-hint`}
        />
        <div className="hint" id={`${ids.body}-hint`}>
          Placeholders, filled in for each ticket:{' '}
          {CANNED_RESPONSE_PLACEHOLDERS.map((placeholder) => (
            <button key={placeholder} type="button" className="chip" onClick={() => insertPlaceholder(placeholder)}>
              {placeholder}
            </button>
          ))}
        </div>
      </div>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        submitLabel={response ? 'Save changes' : 'Add canned response'}
        onLeave={done}
      />
    </form>
  );
}
