import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { useDepartments, useTicketList } from '../api/queries';
import type {
  ListTicketsQuery,
  TicketPriority,
  TicketSort,
  TicketSortKey,
  TicketStatus,
  TicketSummary,
} from '../api/types';
import { DEFAULT_SORT, PRIORITIES, PRIORITY_LABELS, SORT_KEYS, STATUS_LABELS, STATUSES } from '../api/vocabulary';
import { useSession, workingDepartmentIds } from '../auth/session';
import { PresenceNote } from './ticket-presence';
import { ErrorMessage, Loading } from '../components/feedback';
import { PriorityBadge, StatusBadge, Time } from '../components/format';
import { PageHeader } from '../components/page';
import { useColleagues } from './colleagues';
import { rememberListSearch } from './list-address';

const COLUMNS: { key: TicketSortKey; label: string; className?: string }[] = [
  { key: 'id', label: 'Ticket #', className: 'col-id' },
  { key: 'subject', label: 'Subject', className: 'col-subject' },
  { key: 'client', label: 'Client' },
  { key: 'department', label: 'Department' },
  { key: 'status', label: 'Status' },
  { key: 'priority', label: 'Priority' },
  { key: 'lastActivityAt', label: 'Last update' },
  { key: 'assignee', label: 'Assigned' },
];

/** The first click on a column sorts the way people usually want it: newest, highest, A to Z. */
const DESCENDING_FIRST = new Set<TicketSortKey>(['id', 'priority', 'lastActivityAt']);

function parseSort(value: string | null): TicketSort {
  const key = value?.replace(/^-/, '');
  return value && key && key in SORT_KEYS ? (value as TicketSort) : DEFAULT_SORT;
}

const positiveInt = (value: string | null) => (value && /^\d+$/.test(value) ? Number(value) : undefined);

/** The filters live in the address, so they survive a reload, a visit to a ticket and back. */
function useListFilters() {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  useEffect(() => rememberListSearch(search ? `?${search}` : ''), [search]);
  const status = STATUSES.find((candidate) => candidate === params.get('status'));
  const priority = PRIORITIES.find((candidate) => candidate === params.get('priority'));
  const assigneeParam = params.get('assignee') ?? '';
  const assignee: number | 'none' | '' = assigneeParam === 'none' ? 'none' : (positiveInt(assigneeParam) ?? '');
  const filters = {
    status,
    priority,
    departmentId: positiveInt(params.get('department')),
    clientId: positiveInt(params.get('client')),
    assignee,
    q: params.get('q') ?? '',
    sort: parseSort(params.get('sort')),
  };
  const set = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined || value === '' || (name === 'sort' && value === DEFAULT_SORT)) {
        next.delete(name);
      } else {
        next.set(name, String(value));
      }
    }
    setParams(next, { replace: true });
  };
  const active = Boolean(
    filters.status ||
    filters.priority ||
    filters.departmentId ||
    filters.clientId ||
    filters.assignee !== '' ||
    filters.q,
  );
  return {
    filters,
    set,
    active,
    clear: () => setParams(filters.sort === DEFAULT_SORT ? {} : { sort: filters.sort }, { replace: true }),
  };
}

export function TicketListPage() {
  const { me } = useSession();
  const { filters, set, active, clear } = useListFilters();
  const query: Omit<ListTicketsQuery, 'cursor' | 'limit'> = {
    status: filters.status,
    priority: filters.priority,
    departmentId: filters.departmentId,
    clientId: filters.clientId,
    ...(filters.assignee === 'none'
      ? { unassigned: true }
      : filters.assignee !== ''
        ? { assigneeId: filters.assignee }
        : {}),
    q: filters.q.trim() || undefined,
    sort: filters.sort,
  };
  const list = useTicketList(query);
  const tickets = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const changed = useChangedTickets(list.data ? tickets : null, JSON.stringify(query));

  return (
    <>
      <PageHeader title="Tickets" crumbs={['Admin', 'Support', 'Tickets']} />
      <Filters filters={filters} set={set} active={active} clear={clear} />
      {filters.clientId ? (
        <p className="filter-note">
          Only the tickets of{' '}
          {tickets[0]?.client.id === filters.clientId ? tickets[0].client.name : `client #${filters.clientId}`}.{' '}
          <button type="button" className="link" onClick={() => set({ client: undefined })}>
            Show every client's
          </button>
        </p>
      ) : null}
      <div className="list-status">
        <span aria-live="polite">
          {list.data
            ? `${tickets.length}${list.hasNextPage ? '+' : ''} ticket${tickets.length === 1 ? '' : 's'}`
            : null}
          {changed.size > 0 ? ` · new activity on ${changed.size}` : null}
        </span>
        <span className="muted">
          {list.isFetching && list.data ? (
            'Refreshing…'
          ) : list.dataUpdatedAt ? (
            <>
              Updated <Time iso={new Date(list.dataUpdatedAt).toISOString()} relativeTime={false} />
            </>
          ) : null}
        </span>
      </div>
      {list.error ? <ErrorMessage error={list.error} /> : null}
      {list.isPending ? (
        <Loading label="Loading tickets…" />
      ) : (
        <TicketTable
          tickets={tickets}
          sort={filters.sort}
          onSort={(sort) => set({ sort })}
          changed={changed}
          busy={list.isPlaceholderData}
        />
      )}
      {list.data && tickets.length === 0 ? (
        <div className="empty">
          <p>{active ? 'No tickets match these filters.' : 'No tickets yet.'}</p>
          {active ? (
            <button type="button" onClick={clear}>
              Clear filters
            </button>
          ) : null}
        </div>
      ) : null}
      {list.hasNextPage ? (
        <div className="load-more">
          <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? 'Loading more…' : 'Load more tickets'}
          </button>
        </div>
      ) : null}
      {me && workingDepartmentIds(me)?.length === 0 ? (
        <p className="muted">
          You are not in any department yet, so you see no tickets. An administrator can add you to one.
        </p>
      ) : null}
    </>
  );
}

/**
 * Tickets with activity since the previous refresh (a new reply, or new tickets arriving on top),
 * marked until the next one. A change of filters or sort starts over.
 */
function useChangedTickets(tickets: TicketSummary[] | null, listKey: string): Set<number> {
  const seen = useRef<{ key: string; activity: Map<number, string>; latest: string } | null>(null);
  const [changed, setChanged] = useState<Set<number>>(new Set());
  useEffect(() => {
    if (!tickets) {
      return;
    }
    const previous = seen.current?.key === listKey ? seen.current : null;
    const activity = new Map(tickets.map((ticket) => [ticket.id, ticket.lastActivityAt]));
    const latest = tickets.reduce((max, ticket) => (ticket.lastActivityAt > max ? ticket.lastActivityAt : max), '');
    if (previous) {
      const moved = tickets.filter((ticket) => {
        const before = previous.activity.get(ticket.id);
        return before !== undefined ? before !== ticket.lastActivityAt : ticket.lastActivityAt > previous.latest;
      });
      setChanged(new Set(moved.map((ticket) => ticket.id)));
    } else {
      setChanged(new Set());
    }
    seen.current = {
      key: listKey,
      activity,
      latest: latest > (previous?.latest ?? '') ? latest : (previous?.latest ?? ''),
    };
  }, [tickets, listKey]);
  return changed;
}

type ListFilters = ReturnType<typeof useListFilters>['filters'];

function Filters({
  filters,
  set,
  active,
  clear,
}: {
  filters: ListFilters;
  set: (changes: Record<string, string | number | undefined>) => void;
  active: boolean;
  clear: () => void;
}) {
  const { me } = useSession();
  const departments = useDepartments();
  const colleagues = useColleagues(me);
  const scope = workingDepartmentIds(me);
  const ids = { q: useId(), status: useId(), priority: useId(), department: useId(), assignee: useId() };
  const [search, setSearch] = useState(filters.q);

  useEffect(() => setSearch(filters.q), [filters.q]);
  useEffect(() => {
    if (search === filters.q) {
      return;
    }
    const timer = setTimeout(() => set({ q: search }), 350);
    return () => clearTimeout(timer);
  });

  return (
    <form
      className="filters"
      role="search"
      aria-label="Filter tickets"
      onSubmit={(event) => {
        event.preventDefault();
        set({ q: search });
      }}
    >
      <div className="field grow">
        <label htmlFor={ids.q}>Search</label>
        <input
          id={ids.q}
          type="search"
          placeholder="Words in the subject or messages"
          value={search}
          maxLength={200}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.status}>Status</label>
        <select id={ids.status} value={filters.status ?? ''} onChange={(event) => set({ status: event.target.value })}>
          <option value="">Any status</option>
          {STATUSES.map((status: TicketStatus) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.department}>Department</label>
        <select
          id={ids.department}
          value={filters.departmentId ?? ''}
          onChange={(event) => set({ department: event.target.value })}
        >
          <option value="">Any department</option>
          {departments.data
            ?.filter((department) => !scope || scope.includes(department.id))
            .map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
                {department.active ? '' : ' (inactive)'}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.priority}>Priority</label>
        <select
          id={ids.priority}
          value={filters.priority ?? ''}
          onChange={(event) => set({ priority: event.target.value })}
        >
          <option value="">Any priority</option>
          {PRIORITIES.map((priority: TicketPriority) => (
            <option key={priority} value={priority}>
              {PRIORITY_LABELS[priority]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.assignee}>Assigned</label>
        <select id={ids.assignee} value={filters.assignee} onChange={(event) => set({ assignee: event.target.value })}>
          <option value="">Anyone or nobody</option>
          <option value="none">Unassigned</option>
          {me ? <option value={me.id}>Me ({me.name})</option> : null}
          {colleagues.staff
            .filter((member) => member.id !== me?.id)
            .map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
        </select>
      </div>
      <div className="field actions">
        <button type="button" className="secondary" onClick={clear} disabled={!active}>
          Clear filters
        </button>
      </div>
    </form>
  );
}

function TicketTable({
  tickets,
  sort,
  onSort,
  changed,
  busy,
}: {
  tickets: TicketSummary[];
  sort: TicketSort;
  onSort: (sort: TicketSort) => void;
  changed: Set<number>;
  busy: boolean;
}) {
  const navigate = useNavigate();
  const { me } = useSession();
  const sortKey = sort.replace(/^-/, '') as TicketSortKey;
  const descending = sort.startsWith('-');
  const sortLabel = COLUMNS.find((column) => column.key === sortKey)?.label ?? '';
  if (tickets.length === 0) {
    return null;
  }
  return (
    <div className="table-wrap">
      <table className={`data-table ticket-table${busy ? ' is-busy' : ''}`} aria-busy={busy}>
        <caption className="visually-hidden">
          Tickets, sorted by {sortLabel}, {descending ? 'descending' : 'ascending'}. Column headers sort.
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = column.key === sortKey;
              const next: TicketSort = active
                ? descending
                  ? column.key
                  : `-${column.key}`
                : DESCENDING_FIRST.has(column.key)
                  ? `-${column.key}`
                  : column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={column.className}
                  aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button type="button" className="sort-button" onClick={() => onSort(next)}>
                    {column.label}
                    <span className="sort-icon" aria-hidden="true">
                      {active ? (descending ? '▼' : '▲') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <tr
              key={ticket.id}
              className={changed.has(ticket.id) ? 'row-changed' : undefined}
              onClick={(event) => {
                if (!(event.target as HTMLElement).closest('a, button') && !window.getSelection()?.toString()) {
                  void navigate(`/admin/tickets/${ticket.id}`);
                }
              }}
            >
              <td className="col-id">#{ticket.id}</td>
              <td className="col-subject">
                <Link to={`/admin/tickets/${ticket.id}`}>{ticket.subject}</Link>
                <PresenceNote present={ticket.presence ?? []} meId={me?.id} />
              </td>
              <td>{ticket.client.name}</td>
              <td>{ticket.department.name}</td>
              <td>
                <StatusBadge status={ticket.status} />
              </td>
              <td>
                <PriorityBadge priority={ticket.priority} />
              </td>
              <td className="nowrap">
                <Time iso={ticket.lastActivityAt} />
              </td>
              <td>{ticket.assignee ? ticket.assignee.name : <span className="muted">Unassigned</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
