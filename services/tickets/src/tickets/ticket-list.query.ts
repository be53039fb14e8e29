import {
  DEFAULT_TICKET_SORT,
  DomainError,
  ErrorCode,
  TicketPriority,
  TicketSortKey,
  TicketStatus,
} from '@helpdesk/contracts';

export interface TicketListFilter {
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: number;
  unassigned?: boolean;
  clientId?: number;
  q?: string;
  /** true: only tickets merged into another; otherwise they are left out. */
  merged?: boolean;
}

/**
 * Whose tickets: a client's own (optionally of one department), or those of some departments
 * (undefined: every department).
 */
export type TicketListScope = { clientId: number; departmentId?: number } | { departmentIds: number[] | undefined };

export interface TicketSort {
  key: TicketSortKey;
  descending: boolean;
}

export interface TicketListCursor {
  value: string | number;
  id: number;
}

export interface TicketListRow {
  id: string;
  subject: string;
  client_id: number;
  client_name: string;
  department_id: number;
  department_name: string;
  status: TicketStatus;
  priority: TicketPriority;
  assignee_id: number | null;
  assignee_name: string;
  last_activity_at: Date;
  created_at: Date;
  /** Client lists: the client is on the ticket as a CC. */
  as_cc?: boolean;
  requester_verified: boolean;
  merged_into_id: string | null;
}

const T = '"tickets"';
const MAX_BIGINT = '9223372036854775807';

/** Column of each sort key, and the cast its cursor value needs. Department is handled apart. */
const SORT_COLUMNS: Record<Exclude<TicketSortKey, TicketSortKey.Department>, { column: string; cast: string }> = {
  [TicketSortKey.Id]: { column: 'id', cast: 'bigint' },
  [TicketSortKey.Subject]: { column: 'subject', cast: 'text' },
  [TicketSortKey.Client]: { column: 'client_name', cast: 'text' },
  [TicketSortKey.Status]: { column: 'status', cast: `${T}."ticket_status"` },
  [TicketSortKey.Priority]: { column: 'priority', cast: `${T}."ticket_priority"` },
  [TicketSortKey.LastActivityAt]: { column: 'last_activity_at', cast: 'timestamptz' },
  [TicketSortKey.Assignee]: { column: 'assignee_name', cast: 'text' },
};

export function parseSort(sort: string = DEFAULT_TICKET_SORT): TicketSort {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as TicketSortKey;
  if (!Object.values(TicketSortKey).includes(key)) {
    throw new DomainError(
      ErrorCode.ValidationFailed,
      `sort: must be one of ${Object.values(TicketSortKey).join(', ')}, optionally prefixed with -`,
    );
  }
  return { key, descending };
}

export function sortValueOf(row: TicketListRow, key: TicketSortKey): string | number {
  switch (key) {
    case TicketSortKey.Id:
      return Number(row.id);
    case TicketSortKey.Subject:
      return row.subject;
    case TicketSortKey.Client:
      return row.client_name;
    case TicketSortKey.Department:
      return row.department_name;
    case TicketSortKey.Status:
      return row.status;
    case TicketSortKey.Priority:
      return row.priority;
    case TicketSortKey.LastActivityAt:
      return row.last_activity_at.toISOString();
    case TicketSortKey.Assignee:
      return row.assignee_name;
  }
}

export function encodeCursor(sort: TicketSort, row: TicketListRow): string {
  const payload = [`${sort.descending ? '-' : ''}${sort.key}`, sortValueOf(row, sort.key), Number(row.id)];
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** A cursor is only valid with the sort it was made for. */
export function decodeCursor(cursor: string, sort: TicketSort): TicketListCursor {
  const invalid = () =>
    new DomainError(
      ErrorCode.InvalidCursor,
      'cursor: pass the nextCursor of the previous page unchanged, with the same sort.',
    );
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const sortName = `${sort.descending ? '-' : ''}${sort.key}`;
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 3 ||
    decoded[0] !== sortName ||
    !isSortValue(sort.key, decoded[1]) ||
    !Number.isSafeInteger(decoded[2])
  ) {
    throw invalid();
  }
  return { value: decoded[1] as string | number, id: decoded[2] as number };
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** What `sortValueOf` makes for the key: anything else would fail in PostgreSQL's cast, as a 500. */
function isSortValue(key: TicketSortKey, value: unknown): boolean {
  switch (key) {
    case TicketSortKey.Id:
      return Number.isSafeInteger(value);
    case TicketSortKey.Status:
      return Object.values(TicketStatus).includes(value as TicketStatus);
    case TicketSortKey.Priority:
      return Object.values(TicketPriority).includes(value as TicketPriority);
    case TicketSortKey.LastActivityAt:
      return typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));
    case TicketSortKey.Subject:
    case TicketSortKey.Client:
    case TicketSortKey.Department:
    case TicketSortKey.Assignee:
      return typeof value === 'string' && !value.includes('\u0000');
  }
}

/**
 * The list as keyset pages. Staff and admin lists run one index scan per department (on
 * `(department_id, <sort column>, id)`) and merge them, which stays fast however many tickets
 * there are; a single `department_id = ANY(...) ORDER BY ...` would have to read them all.
 */
export function buildTicketListQuery(
  scope: TicketListScope,
  filter: TicketListFilter,
  sort: TicketSort,
  cursor: TicketListCursor | undefined,
  limit: number,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const filters = filterConditions(filter, param);
  const limitParam = param(limit);
  const sql =
    'clientId' in scope
      ? clientListSql(scope, filters, sort, cursor, limitParam, param)
      : departmentListSql(scope.departmentIds, filters, sort, cursor, limitParam, param);
  return { sql, params };
}

type Param = (value: unknown) => string;

function filterConditions(filter: TicketListFilter, param: Param): string[] {
  const conditions: string[] = [];
  if (filter.status) {
    conditions.push(`t."status" = ${param(filter.status)}`);
  }
  if (filter.priority) {
    conditions.push(`t."priority" = ${param(filter.priority)}`);
  }
  if (filter.assigneeId !== undefined) {
    conditions.push(`t."assignee_id" = ${param(filter.assigneeId)}`);
  }
  if (filter.unassigned === true) {
    conditions.push('t."assignee_id" IS NULL');
  }
  if (filter.unassigned === false) {
    conditions.push('t."assignee_id" IS NOT NULL');
  }
  if (filter.clientId !== undefined) {
    conditions.push(`t."client_id" = ${param(filter.clientId)}`);
  }
  conditions.push(filter.merged ? 't."merged_into_id" IS NOT NULL' : 't."merged_into_id" IS NULL');
  if (filter.q) {
    conditions.push(
      `t."id" IN (SELECT s."ticket_id" FROM ${T}."ticket_search" s WHERE s."document" @@ websearch_to_tsquery('simple', ${param(filter.q)}))`,
    );
  }
  return conditions;
}

const direction = (sort: TicketSort) => (sort.descending ? 'DESC' : 'ASC');
const comparison = (sort: TicketSort) => (sort.descending ? '<' : '>');

function departmentListSql(
  departmentIds: number[] | undefined,
  filters: string[],
  sort: TicketSort,
  cursor: TicketListCursor | undefined,
  limitParam: string,
  param: Param,
): string {
  const dir = direction(sort);
  const inner = [`t."department_id" = d."id"`, ...filters];
  const outer: string[] = departmentIds === undefined ? [] : [`d."id" = ANY(${param(departmentIds)}::int[])`];
  let innerOrder: string;
  let outerOrder: string;
  if (sort.key === TicketSortKey.Department) {
    // Within one department the name is constant: each scan follows (department_id, id) alone.
    innerOrder = `t."department_id" ${dir}, t."id" ${dir}`;
    outerOrder = `d."name" ${dir}, l."id" ${dir}`;
    if (cursor) {
      const name = param(String(cursor.value));
      const bound = sort.descending ? MAX_BIGINT : '0';
      outer.push(`d."name" ${sort.descending ? '<=' : '>='} ${name}`);
      inner.push(
        `t."id" ${comparison(sort)} CASE WHEN d."name" = ${name} THEN ${param(cursor.id)}::bigint ELSE ${bound} END`,
      );
    }
  } else {
    const { column, cast } = SORT_COLUMNS[sort.key];
    // Naming the constant department_id first makes the planner walk exactly the list index.
    innerOrder = `t."department_id" ${dir}, t."${column}" ${dir}, t."id" ${dir}`;
    outerOrder = `l."${column}" ${dir}, l."id" ${dir}`;
    if (cursor) {
      inner.push(
        `(t."${column}", t."id") ${comparison(sort)} (${param(cursor.value)}::${cast}, ${param(cursor.id)}::bigint)`,
      );
    }
  }
  return `
    SELECT l.*, d."name" AS "department_name"
      FROM ${T}."departments" d
     CROSS JOIN LATERAL (
       SELECT t.* FROM ${T}."tickets" t
        WHERE ${inner.join(' AND ')}
        ORDER BY ${innerOrder}
        LIMIT ${limitParam}
     ) l
     ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}
     ORDER BY ${outerOrder}
     LIMIT ${limitParam}`;
}

function clientListSql(
  scope: { clientId: number; departmentId?: number },
  filters: string[],
  sort: TicketSort,
  cursor: TicketListCursor | undefined,
  limitParam: string,
  param: Param,
): string {
  const dir = direction(sort);
  const client = param(scope.clientId);
  // Their own tickets and those they are a current CC of (participants/).
  const conditions = [
    `(t."client_id" = ${client} OR t."id" IN (SELECT p."ticket_id" FROM ${T}."participants" p
       WHERE p."client_id" = ${client} AND p."kind" = 'cc' AND p."removed_at" IS NULL))`,
    ...filters,
  ];
  if (scope.departmentId !== undefined) {
    conditions.push(`t."department_id" = ${param(scope.departmentId)}`);
  }
  const { column, cast } =
    sort.key === TicketSortKey.Department ? { column: 'name', cast: 'text' } : SORT_COLUMNS[sort.key];
  const sortColumn = sort.key === TicketSortKey.Department ? 'd."name"' : `t."${column}"`;
  if (cursor) {
    conditions.push(
      `(${sortColumn}, t."id") ${comparison(sort)} (${param(cursor.value)}::${cast}, ${param(cursor.id)}::bigint)`,
    );
  }
  return `
    SELECT t.*, d."name" AS "department_name", t."client_id" <> ${client} AS "as_cc"
      FROM ${T}."tickets" t
      JOIN ${T}."departments" d ON d."id" = t."department_id"
     WHERE ${conditions.join(' AND ')}
     ORDER BY ${sortColumn} ${dir}, t."id" ${dir}
     LIMIT ${limitParam}`;
}
