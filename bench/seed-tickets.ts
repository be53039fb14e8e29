import { Client } from 'pg';

export interface SeedShape {
  tickets: number;
  departments: number;
  clients: number;
  staff: number;
}

export interface AppendShape {
  /** Rows are numbered `from + 1 .. to`; every field is a function of that number. */
  from: number;
  to: number;
  /** The departments tickets are spread over (ids as the tickets.departments copy holds them). */
  departmentIds: number[];
  clients: number;
  staff: number;
  /**
   * When set, exactly every n-th row is `answered` (the others spread over the other statuses):
   * a known number of auto-close candidates. Otherwise statuses are spread over all six.
   */
  answeredEvery?: number;
  /** Activity is spread over the year from this moment (default 2026-01-01). */
  activitySince?: string;
}

/**
 * Fills the tickets schema with `tickets` rows in the database itself (generate_series), with
 * realistic spreads: 20 departments, thousands of clients, a third unassigned, activity over a year.
 */
export async function seedTickets(client: Client, shape: SeedShape): Promise<void> {
  await client.query(`TRUNCATE "tickets"."tickets", "tickets"."departments" RESTART IDENTITY CASCADE`);
  await client.query(
    `INSERT INTO "tickets"."departments" ("id", "name")
     SELECT d, 'Department ' || lpad(d::text, 2, '0') FROM generate_series(1, $1) d`,
    [shape.departments],
  );
  const departmentIds = Array.from({ length: shape.departments }, (_, index) => index + 1);
  await appendTickets(client, {
    from: 0,
    to: shape.tickets,
    departmentIds,
    clients: shape.clients,
    staff: shape.staff,
  });
  await client.query('ANALYZE "tickets"."departments"');
}

/**
 * Adds rows `from + 1 .. to` to the tickets table in one INSERT … SELECT (the speed of COPY,
 * without a file), keeping the departments as they are: the benchmark grows one data set
 * 10k → 100k → 1M against departments the access service created.
 */
export async function appendTickets(client: Client, shape: AppendShape): Promise<void> {
  const status = shape.answeredEvery
    ? `CASE WHEN g % ${Math.trunc(shape.answeredEvery)} = 0 THEN 'answered'
            ELSE (ARRAY['open','customer_reply','in_progress','on_hold','closed'])[1 + (hashint4(g + 1) & 2147483647) % 5] END`
    : `(ARRAY['open','answered','customer_reply','in_progress','on_hold','closed'])[1 + (hashint4(g + 1) & 2147483647) % 6]`;
  await client.query(
    `INSERT INTO "tickets"."tickets"
       ("subject", "client_id", "client_name", "department_id", "status", "priority",
        "assignee_id", "assignee_name", "created_at", "last_activity_at")
     SELECT 'Ticket ' || g || ' about ' || (ARRAY['billing','login','printer','invoice','refund','outage'])[1 + g % 6],
            c, 'Client ' || lpad(c::text, 5, '0'),
            ($2::int[])[1 + (hashint4(g) & 2147483647) % cardinality($2::int[])],
            (${status})::"tickets"."ticket_status",
            (ARRAY['low','medium','high','urgent'])[1 + (hashint4(g + 2) & 2147483647) % 4]::"tickets"."ticket_priority",
            CASE WHEN g % 3 = 0 THEN NULL ELSE 1 + g % $4 END,
            CASE WHEN g % 3 = 0 THEN '' ELSE 'Agent ' || lpad((1 + g % $4)::text, 3, '0') END,
            ts - interval '1 day', ts
       FROM generate_series($5::int + 1, $1::int) g,
            LATERAL (SELECT 1 + (hashint4(g + 3) & 2147483647) % $3 AS c,
                            $6::timestamptz + ((hashint4(g + 4) & 2147483647) % 31536000) * interval '1 second' AS ts) r`,
    [
      shape.to,
      shape.departmentIds,
      shape.clients,
      shape.staff,
      shape.from,
      shape.activitySince ?? '2026-01-01T00:00:00Z',
    ],
  );
  await client.query('ANALYZE "tickets"."tickets"');
}
