import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { useClients, useCreateClient } from '../api/queries';
import { PASSWORD_MIN_LENGTH } from '../api/vocabulary';
import { ErrorMessage, Loading, Notice } from '../components/feedback';
import { FormFooter } from '../components/form-footer';
import { Time } from '../components/format';
import { InputField } from '../components/input-field';
import { PageHeader } from '../components/page';

export function ClientsPage() {
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const clients = useClients(q);
  const rows = useMemo(() => clients.data?.pages.flatMap((page) => page.items) ?? [], [clients.data]);
  const searchId = useId();
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);

  return (
    <>
      <PageHeader title="Clients" crumbs={['Admin', 'Setup', 'Clients']}>
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          Add client
        </button>
      </PageHeader>
      {adding ? <NewClient done={() => setAdding(false)} /> : null}
      <form className="filters" role="search" onSubmit={(event) => (event.preventDefault(), setQ(search.trim()))}>
        <div className="field grow">
          <label htmlFor={searchId}>Search clients</label>
          <input
            id={searchId}
            type="search"
            placeholder="Name or email"
            value={search}
            maxLength={200}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
      </form>
      {clients.isPending ? <Loading /> : null}
      <ErrorMessage error={clients.error} />
      {clients.data && rows.length === 0 ? (
        <p className="empty">{q ? 'No client matches.' : 'No clients yet.'}</p>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className={`data-table${clients.isPlaceholderData ? ' is-busy' : ''}`}>
            <caption className="visually-hidden">Clients, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">State</th>
                <th scope="col">Client since</th>
                <th scope="col">
                  <span className="visually-hidden">Tickets</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((client) => (
                <tr key={client.id}>
                  <td>{client.name}</td>
                  <td>{client.email}</td>
                  <td>{client.active ? 'Active' : 'Inactive'}</td>
                  <td>
                    <Time iso={client.createdAt} relativeTime={false} />
                  </td>
                  <td>
                    <Link to={`/admin/tickets?client=${client.id}`}>
                      Tickets<span className="visually-hidden"> of {client.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {clients.hasNextPage ? (
        <div className="load-more">
          <button type="button" onClick={() => void clients.fetchNextPage()} disabled={clients.isFetchingNextPage}>
            {clients.isFetchingNextPage ? 'Loading more…' : 'Load more clients'}
          </button>
        </div>
      ) : null}
    </>
  );
}

function NewClient({ done }: { done: () => void }) {
  const create = useCreateClient();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [created, setCreated] = useState<string | null>(null);
  const ids = { name: useId(), email: useId(), password: useId(), title: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { password, ...rest } = form;
    create.mutate(
      { ...rest, ...(password ? { password } : {}) },
      {
        onSuccess: (client) => {
          setCreated(`${client.name} was added.`);
          setForm({ name: '', email: '', password: '' });
        },
      },
    );
  };
  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={ids.title}>
      <h2 id={ids.title} className="section-title span-all">
        New client
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
      <div className="field span-all">
        <label htmlFor={ids.password}>Portal password (optional)</label>
        <input
          id={ids.password}
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={200}
          value={form.password}
          onChange={(event) => setForm({ ...form, password: event.target.value })}
          aria-describedby={`${ids.password}-hint`}
        />
        <p className="hint" id={`${ids.password}-hint`}>
          Without one, the client works by email only.
        </p>
      </div>
      <FormFooter
        error={create.error}
        pending={create.isPending}
        submitLabel="Add client"
        pendingLabel="Adding…"
        leaveLabel="Close"
        onLeave={done}
      >
        {created ? <Notice tone="success">{created}</Notice> : null}
      </FormFooter>
    </form>
  );
}
