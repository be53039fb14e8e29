import { Client } from 'pg';

export interface SeedShape {
  tickets: number;
  departments: number;
  clients: number;
  staff: number;
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
  await client.query(
    `INSERT INTO "tickets"."tickets"
       ("subject", "client_id", "client_name", "department_id", "status", "priority",
        "assignee_id", "assignee_name", "created_at", "last_activity_at")
     SELECT 'Ticket ' || g || ' about ' || (ARRAY['billing','login','printer','invoice','refund','outage'])[1 + g % 6],
            c, 'Client ' || lpad(c::text, 5, '0'),
            1 + (hashint4(g) & 2147483647) % $2,
            (ARRAY['open','answered','customer_reply','in_progress','on_hold','closed'])[1 + (hashint4(g + 1) & 2147483647) % 6]::"tickets"."ticket_status",
            (ARRAY['low','medium','high','urgent'])[1 + (hashint4(g + 2) & 2147483647) % 4]::"tickets"."ticket_priority",
            CASE WHEN g % 3 = 0 THEN NULL ELSE 1 + g % $4 END,
            CASE WHEN g % 3 = 0 THEN '' ELSE 'Agent ' || lpad((1 + g % $4)::text, 3, '0') END,
            ts - interval '1 day', ts
       FROM generate_series(1, $1) g,
            LATERAL (SELECT 1 + (hashint4(g + 3) & 2147483647) % $3 AS c,
                            timestamptz '2026-01-01' + ((hashint4(g + 4) & 2147483647) % 31536000) * interval '1 second' AS ts) r`,
    [shape.tickets, shape.departments, shape.clients, shape.staff],
  );
  await client.query('ANALYZE "tickets"."tickets"');
  await client.query('ANALYZE "tickets"."departments"');
}
