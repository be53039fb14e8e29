import { PrincipalKind } from '../../libs/contracts/src';
import { ApiClient, bodyOf, expectEventually } from '../../libs/testing/src';
import { BenchContext } from '../lib/context';

export interface Account {
  id: number;
  email: string;
  token: string;
}

/** The people of the run: an admin, 20 departments, staff of 3 of them, and 64 clients. */
export interface BenchWorld {
  admin: Account;
  departments: { id: number; name: string }[];
  staff: Account & { departmentIds: number[] };
  clients: Account[];
}

const PASSWORD = 'bench-password-1';
export const DEPARTMENTS = 20;
export const CLIENTS = 64;

export async function createWorld(context: BenchContext): Promise<BenchWorld> {
  const api = context.system.api();
  const adminClient = await api.login(context.system.admin.email, context.system.admin.password);
  const me = await bodyOf(adminClient.get('/api/me'));
  const departments: { id: number; name: string }[] = [];
  for (let index = 1; index <= DEPARTMENTS; index++) {
    const created = await bodyOf(
      adminClient.post('/api/departments', { name: `Department ${String(index).padStart(2, '0')}` }),
      201,
    );
    departments.push({ id: created.id, name: created.name });
  }
  // Three departments spread over the twenty, as a staff member of a large helpdesk has.
  const staffDepartments = [departments[1].id, departments[8].id, departments[15].id];
  const staffEmail = 'agent@staff.bench.test';
  const staff = await bodyOf(
    adminClient.post('/api/staff', {
      email: staffEmail,
      name: 'Bench Agent',
      password: PASSWORD,
      role: 'staff',
      departmentIds: staffDepartments,
    }),
    201,
  );
  const clients: Account[] = [];
  for (let batch = 0; batch < CLIENTS; batch += 8) {
    clients.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(8, CLIENTS - batch) }, async (_, offset) => {
          const email = `client-${batch + offset + 1}@client.bench.test`;
          const created = await bodyOf(
            adminClient.post('/api/clients', { email, name: `Bench Client ${batch + offset + 1}`, password: PASSWORD }),
            201,
          );
          return { id: created.id as number, email, token: await tokenOf(api, email) };
        }),
      )),
    );
  }
  // The tickets service keeps its own copy of the departments (from access's events).
  await expectEventually(async () => {
    const { rows } = await context.db.query(
      'SELECT count(*)::int AS n FROM "tickets"."departments" WHERE "id" = ANY($1)',
      [departments.map((department) => department.id)],
    );
    if (rows[0].n !== departments.length) {
      throw new Error(`the tickets service knows ${rows[0].n} of ${departments.length} departments`);
    }
  }, 60_000);
  return {
    admin: { id: me.id, email: context.system.admin.email, token: adminClient.token as string },
    departments,
    staff: { id: staff.id, email: staffEmail, token: await tokenOf(api, staffEmail), departmentIds: staffDepartments },
    clients,
  };
}

async function tokenOf(api: ApiClient, email: string): Promise<string> {
  return (await api.login(email, PASSWORD)).token as string;
}

/** Opens `count` tickets through the API, by the clients in turn, in the given departments. */
export async function openTickets(
  context: BenchContext,
  world: BenchWorld,
  count: number,
  departmentIds: number[],
  concurrency = 16,
): Promise<{ id: number; clientId: number; subject: string }[]> {
  const api = context.system.api();
  const opened: { id: number; clientId: number; subject: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const client = world.clients[index % world.clients.length];
        const subject = `Invoice shows the old address (${index})`;
        const ticket = await bodyOf(
          api.withToken(client.token).post('/api/tickets', {
            departmentId: departmentIds[index % departmentIds.length],
            subject,
            message: 'Hello, the invoice for October still shows our old billing address. Could you correct it?',
          }),
          201,
        );
        opened.push({ id: ticket.id, clientId: client.id, subject });
      }
    }),
  );
  return opened.sort((a, b) => a.id - b.id);
}

export const CLIENT_KIND = PrincipalKind.Client;
